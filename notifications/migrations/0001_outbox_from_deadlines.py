"""The outbox moves here from the deadlines app: its table and rows stay as they are.

Only Django's migration state changes (deadlines 0003 drops the model from the
deadlines state). The content type is relabelled so that the permission rows, and the
groups and users holding them, carry over: ``deadlines.view_outboxmessage`` becomes
``notifications.view_outboxmessage``.
"""

from django.db import migrations, models


def to_notifications(apps, schema_editor) -> None:
    types = apps.get_model("contenttypes", "ContentType").objects.db_manager(schema_editor.connection.alias)
    if types.filter(app_label="deadlines", model="outboxmessage").exists():
        # A notifications content type made by a migrate after a rollback holds no
        # history: the deadlines one, its permissions and who holds them, win.
        types.filter(app_label="notifications", model="outboxmessage").delete()
        types.filter(app_label="deadlines", model="outboxmessage").update(app_label="notifications")
    types.clear_cache()


def to_deadlines(apps, schema_editor) -> None:
    types = apps.get_model("contenttypes", "ContentType").objects.db_manager(schema_editor.connection.alias)
    if not types.filter(app_label="deadlines", model="outboxmessage").exists():
        types.filter(app_label="notifications", model="outboxmessage").update(app_label="deadlines")
    types.clear_cache()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("deadlines", "0002_outbox_confidential_bodies"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=200, unique=True, verbose_name="去重键")),
                        ("recipients", models.JSONField(default=list, verbose_name="收件人")),
                        ("subject", models.CharField(max_length=300, verbose_name="主题")),
                        ("body", models.TextField(verbose_name="正文")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("claimed_at", models.DateTimeField(blank=True, null=True, verbose_name="领取时间")),
                        ("sent_at", models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="发送时间")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="尝试次数")),
                        ("last_error", models.CharField(blank=True, max_length=500, verbose_name="最近错误")),
                        (
                            "confidential",
                            models.BooleanField(
                                default=False,
                                help_text="正文含查询码等只给收件人本人的凭证：管理后台不显示正文，发送成功后正文即清除。",
                                verbose_name="含凭证",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "待发邮件",
                        "verbose_name_plural": "待发邮件",
                        "db_table": "deadlines_outboxmessage",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_notifications, to_deadlines),
    ]
