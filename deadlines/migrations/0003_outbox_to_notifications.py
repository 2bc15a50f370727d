"""The outbox now belongs to the notifications app (its 0001 took over the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0002_outbox_confidential_bodies"),
        ("notifications", "0001_outbox_from_deadlines"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxMessage")],
            database_operations=[],
        ),
    ]
