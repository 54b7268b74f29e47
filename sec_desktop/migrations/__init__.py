"""Alembic migrations: the schema of every saved vault, applied inside the decrypted
database at unlock (see `sec_desktop.vault.schema`)."""
