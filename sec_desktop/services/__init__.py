"""Use cases over an open vault, in plain Python (no Qt), with the rules they enforce."""
