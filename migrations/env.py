"""Alembic environment. Redress passes the connection and metadata in (see core/migrate.py)."""

from alembic import context

from migrations.schema_filter import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `flask --app wsgi db ...`, which passes a connection")

context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=config.attributes["metadata"],
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
