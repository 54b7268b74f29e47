"""The records, as SQLAlchemy models, and the words (enums, taxonomies) they are made of."""
