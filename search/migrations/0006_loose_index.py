"""A GIN index over the vector without positions, for candidate lookups.

GIN answers "all these tokens, anywhere" from the index alone, in a few
milliseconds. For a phrase with few such candidates (a document number cited
in a handful of documents) checking the phrase on each candidate is far
cheaper than the positional scan of the main index, which reads every
position of every common token. See PostgresBackend.matches.
"""

from django.db import migrations

INDEX = "search_entry_loose_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {INDEX} ON search_searchentry USING gin (strip(vector))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_run_start_tokens")]

    operations = [migrations.RunPython(create, drop)]
