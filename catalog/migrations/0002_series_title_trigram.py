"""
A trigram index for the title search (``title__icontains``, which PostgreSQL
runs as ``UPPER(title) LIKE UPPER('%…%')``). PostgreSQL only: SQLite, the
development default, has no such index and needs none at its sizes.
"""

from django.db import migrations

INDEX = "catalog_series_title_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalog_series "
        "USING gin ((UPPER(title::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
