"""Alembic environment: always run on the vault's own in-memory connection, inside the
transaction the caller opened, so that a failed upgrade changes nothing."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
