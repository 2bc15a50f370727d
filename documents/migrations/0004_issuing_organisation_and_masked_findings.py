"""The organ a document is issued in the name of (发文机关), apart from the office that
drafts it (起草机构); privacy findings keep only masked values and a fingerprint.

发文机关 is filled from the drafting organisation, except where the document number's
机关代字 belongs to the town government and the drafter is one of its offices or
departments: a 徐府发 document drafted by 党政办 is issued by the town government.
Index numbers already given are kept (they are public identifiers). The columns
become required in the next migration (a separate transaction: PostgreSQL does not
alter a table with the row updates of this one pending).
"""

from __future__ import annotations

import re
import unicodedata

import django.db.models.deletion
from django.db import migrations, models

import privacy

AGENCY = re.compile(r"^([\u4e00-\u9fffA-Za-z]{1,20}?)\s*(?:[〔\[（(【]\s*\d{4}|\d{4}\s*年)")
DRAFTS_FOR_GOVERNMENT = {"office", "department"}


def fill_issuing_organisation(apps, schema_editor) -> None:
    organisation_model = apps.get_model("organisations", "Organisation")
    document_model = apps.get_model("documents", "PolicyDocument")
    search_entry_model = apps.get_model("search", "SearchEntry")
    document_model.objects.update(issuing_organisation_id=models.F("organisation_id"))
    governments = {
        org.agency_code: org.pk for org in organisation_model.objects.filter(kind="government").exclude(agency_code="")
    }
    if not governments:
        return
    offices = organisation_model.objects.filter(kind__in=DRAFTS_FOR_GOVERNMENT).values("pk")
    moved: dict[int, list[int]] = {}
    candidates = document_model.objects.filter(organisation__in=offices).exclude(doc_number="")
    for pk, doc_number in candidates.values_list("pk", "doc_number").iterator():
        match = AGENCY.match(unicodedata.normalize("NFKC", doc_number).replace(" ", ""))
        government = governments.get(match.group(1)) if match else None
        if government is not None:
            moved.setdefault(government, []).append(pk)
    for government, pks in moved.items():
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            document_model.objects.filter(pk__in=chunk).update(issuing_organisation_id=government)
            # The search facet 发文机关 reads the entry's organisation.
            search_entry_model.objects.filter(kind="document", object_id__in=chunk).update(organisation_id=government)


def mask_findings(apps, schema_editor) -> None:
    """Replace each stored value by its masked form and fingerprint, and mask the context."""
    finding_model = apps.get_model("documents", "PrivacyFinding")
    from privacy.scanner import Finding

    for finding in finding_model.objects.iterator():
        hit = Finding(finding.kind, 0, len(finding.text), finding.text)
        finding.fingerprint = privacy.fingerprint(finding.kind, finding.text)
        context = privacy.mask(
            finding.context, sensitive_words=[finding.text] if finding.kind == "sensitive_word" else []
        )
        finding.context = re.sub(r"\d{5,}", lambda m: "*" * len(m.group()), context)[:300]
        finding.text = privacy.mask_finding(hit)[:200]
        finding.save(update_fields=["fingerprint", "context", "text"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_interpretation_flag_and_system_transitions"),
        ("organisations", "0002_roles"),
        ("search", "0006_loose_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="policydocument",
            name="organisation",
            field=models.ForeignKey(
                help_text="负责起草和办理本文件的机构：只有本机构的工作人员能查看和办理。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="organisations.organisation",
                verbose_name="起草机构",
            ),
        ),
        migrations.AddField(
            model_name="policydocument",
            name="issuing_organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_documents",
                to="organisations.organisation",
                verbose_name="发文机关",
            ),
        ),
        migrations.AddField(
            model_name="policydocument",
            name="privacy_scanned_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="每次保存正文、标题、摘要或附件后重新扫描。",
                null=True,
                verbose_name="隐私扫描时间",
            ),
        ),
        migrations.AddField(
            model_name="privacyfinding",
            name="fingerprint",
            field=models.CharField(db_index=True, default="", editable=False, max_length=64, verbose_name="指纹"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_issuing_organisation, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(mask_findings, migrations.RunPython.noop, elidable=True),
    ]
