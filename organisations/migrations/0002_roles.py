from __future__ import annotations

from django.db import migrations


def create_roles(apps, schema_editor):
    from organisations.roles import sync_role_groups

    sync_role_groups(apps)


def remove_roles(apps, schema_editor):
    from organisations.roles import role_names

    apps.get_model("auth", "Group").objects.filter(name__in=role_names()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("documents", "0001_initial"),
        ("privacy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
