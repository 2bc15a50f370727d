"""A small full-text index over every 50th entry (by id), for estimates.

For a query matching a large part of the index, counting and faceting every
match costs hundreds of milliseconds on 100,000 documents; the same over this
sample costs a few. `search.backends.PostgresBackend.matches` scales the
sample's counts up and labels them as estimates. The index uses the same
method as the main vector index (RUM where available, else GIN). SQLite has no
need for it.
"""

from django.db import migrations

INDEX = "search_entry_sample_idx"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = %s",
            ["search_entry_vector_idx"],
        )
        row = cursor.fetchone()
        method = "rum (vector rum_tsvector_ops)" if row and row[0] == "rum" else "gin (vector)"
        cursor.execute(f"CREATE INDEX {INDEX} ON search_searchentry USING {method} WHERE id % 50 = 0")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_result_kinds_for_other_apps")]

    operations = [migrations.RunPython(create, drop)]
