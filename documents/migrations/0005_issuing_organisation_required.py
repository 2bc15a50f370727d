"""发文机关 is required: every row was filled by the previous migration."""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_issuing_organisation_and_masked_findings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="policydocument",
            name="issuing_organisation",
            field=models.ForeignKey(
                help_text=(
                    "文件以谁的名义印发：公开页面、列表、订阅、接口和索引号都显示这个机关。"
                    "可选起草机构本身；镇政府各办公室和职能部门起草、以镇人民政府名义印发的文件"
                    "（如“徐府发”文件），请选镇人民政府。村居委的文件以本委员会名义印发。"
                ),
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_documents",
                to="organisations.organisation",
                verbose_name="发文机关",
            ),
        ),
        migrations.AlterField(
            model_name="privacyfinding",
            name="text",
            field=models.CharField(max_length=200, verbose_name="命中内容（已遮盖）"),
        ),
        migrations.AlterField(
            model_name="privacyfinding",
            name="context",
            field=models.CharField(blank=True, max_length=300, verbose_name="上下文（已遮盖）"),
        ),
    ]
