"""Alembic environment: always run on a connection handed over by OpsDesk."""

from alembic import context

from opsdesk.store.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("OpsDesk migrations run through opsdesk.store.migrations.upgrade_to_head")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
