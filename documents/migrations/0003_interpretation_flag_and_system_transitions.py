import django.db.models.deletion
import taggit.managers
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_workflow_actions_and_expiry_warning"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="policydocument",
            name="interpretation_required",
            field=models.BooleanField(
                default=False,
                help_text="行政规范性文件总是需要解读；其他文件如需配套政策解读，请勾选。",
                verbose_name="需要解读",
            ),
        ),
        migrations.AlterField(
            model_name="documenttransition",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "提交审查"),
                    ("approve_review", "审查通过"),
                    ("send_back", "退回修改"),
                    ("sign", "审签发布"),
                    ("withdraw", "撤回"),
                    ("edit", "发布后修改"),
                    ("waive", "豁免隐私扫描结果"),
                    ("expire", "到期失效"),
                ],
                max_length=30,
                verbose_name="操作",
            ),
        ),
        migrations.AlterField(
            model_name="documenttransition",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="为空表示由系统定时任务执行（如到期失效）。",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="操作人",
            ),
        ),
        migrations.AlterField(
            model_name="policydocument",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="只能从标签目录中选择。",
                through="documents.TaggedDocument",
                to="documents.CatalogTag",
                verbose_name="标签",
            ),
        ),
    ]
