"""Re-index for the run-start tokens (search.text.RUN_START) on PostgreSQL.

Queries now look for '^年' where they used to scan every lexeme starting with
年; entries indexed before this change lack those tokens, so an index that has
entries is rebuilt from what is public now. A new database has none: nothing
to do. SQLite's FTS5 table is unchanged.
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    if not apps.get_model("search", "SearchEntry").objects.exists():
        return
    from search import indexing

    indexing.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_sample_index"),
        ("documents", "0003_interpretation_flag_and_system_transitions"),
        ("interpretations", "0001_interpretations"),
        ("consultations", "0001_message_board"),
        ("decisions", "0001_decisions_catalogue_and_participation"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
