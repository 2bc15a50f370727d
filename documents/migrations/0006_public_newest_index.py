"""The public documents newest first, as a partial index: a deep page of the list or the API
reads its ids from the index alone instead of visiting every row it skips."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0005_issuing_organisation_required"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="policydocument",
            index=models.Index(
                condition=models.Q(("disclosure_attribute", "proactive"), ("disclosure_scope", "public"), ("status", "published")),
                fields=["-published_at", "-id"],
                name="documents_public_newest_idx",
            ),
        ),
    ]
