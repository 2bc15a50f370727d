"""Loads the demo data. Every row is found by its natural key first, so a
second run adds nothing and keeps whatever staff changed in the running demo
(a demo draft taken through the workflow stays published after a restart)."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import nh3
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from documents.models import (
    CatalogTag,
    CatalogueItem,
    DocumentTransition,
    PolicyDocument,
    Status,
    TagDimension,
)
from documents.search_sync import sync_document
from documents.services import document_save, document_scan_privacy
from organisations.demo import ensure_account, text_table
from organisations.models import Organisation
from privacy.models import SensitiveWord

from .accounts import ACCOUNTS
from .seed_text import markdown_to_html, paragraphs_to_html

DEMO_DIR = Path(__file__).resolve().parent
PUBLISH_HOUR = dt.time(10, 0)

# The workflow steps a published demo document went through, with the day
# offset before publication: (action, from, to, actor role key, days before).
PUBLISHED_HISTORY = [
    ("submit", Status.DRAFT, Status.PENDING_REVIEW, "drafter", 3),
    ("approve_review", Status.PENDING_REVIEW, Status.PENDING_SIGNOFF, "reviewer", 2),
    ("sign", Status.PENDING_SIGNOFF, Status.PUBLISHED, "signer", 0),
]

# A row's "organisation" is the organ named on the document (发文机关). Documents issued in
# the town government's name (徐府发) are drafted by its general office, as in the town.
GOVERNMENT_DRAFTING_OFFICE = "徐泾镇党政办公室"


@dataclass
class Account:
    username: str
    password: str
    role: str
    organisation: str
    created: bool


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    accounts: list[Account] = field(default_factory=list)
    published_ids: list[int] = field(default_factory=list)
    scanned_ids: list[int] = field(default_factory=list)

    def count(self, what: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[what] = bucket.get(what, 0) + 1


def read_json(name: str) -> dict[str, Any]:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def load(*, stdout: TextIO | None = None) -> DemoReport:
    """Create everything that is missing, scan the new documents awaiting review, index the
    published ones; say what was done and which accounts to sign in with on ``stdout``."""
    report = _write_rows()
    for document in PolicyDocument.objects.filter(pk__in=report.scanned_ids):
        document_scan_privacy(document=document)
    for pk in report.published_ids:
        sync_document(pk)
    _print_summary(report, stdout or io.StringIO())
    return report


def account_table(accounts: list[Account]) -> str:
    rows = [("用户名", "角色", "密码", "所属机构")] + [
        (a.username, a.role, a.password, a.organisation) for a in accounts
    ]
    return text_table(rows)


def _print_summary(report: DemoReport, out: TextIO) -> None:
    kinds = list(dict.fromkeys([*report.created, *report.existing]))
    parts = [f"{k}新增 {report.created.get(k, 0)}、已有 {report.existing.get(k, 0)}" for k in kinds]
    out.write("演示数据已就绪：" + "；".join(parts) + "。\n")
    out.write("\n")
    out.write("演示账号（仅供本地演示，切勿用于生产环境）：\n")
    out.write(account_table(report.accounts) + "\n")
    if any(not a.created for a in report.accounts):
        out.write("已存在的账号不会重置密码；如已修改过密码，请使用修改后的密码。\n")
    out.write("工作人员请在 /admin/ 登录。\n")


def _write_rows() -> DemoReport:
    """Create every row that is missing; return what was done."""
    reference, policies = read_json("reference.json"), read_json("policies.json")
    report = DemoReport()
    with transaction.atomic():
        organisations = _organisations(reference["organisations"], report)
        _tag_catalogue(reference["tag_dimensions"], report)
        _catalogue(reference["catalogue"], report)
        _sensitive_words(reference["sensitive_words"], report)
        groups = {g["name"]: Group.objects.get_or_create(name=g["name"])[0] for g in reference["target_groups"]}
        actors = _accounts(reference, organisations, groups, report)
        _documents(policies, organisations, groups, actors, report)
        _column_content(read_json("column_content.json"), organisations, groups, actors, report)
    report.published_ids = list(
        PolicyDocument.objects.filter(status=Status.PUBLISHED).order_by("pk").values_list("pk", flat=True)
    )
    return report


def _organisations(rows: list[dict], report: DemoReport) -> dict[str, Organisation]:
    result = {}
    for row in rows:
        org, created = Organisation.objects.get_or_create(
            name=row["name"], defaults={k: v for k, v in row.items() if k != "name"}
        )
        report.count("机构", created)
        result[org.name] = org
    return result


def _tag_catalogue(dimensions: list[dict], report: DemoReport) -> None:
    for dim_row in dimensions:
        # By slug, else by name: generate_documents may have made a dimension of that name already.
        dimension = (
            TagDimension.objects.filter(slug=dim_row["slug"]).first()
            or TagDimension.objects.filter(name=dim_row["name"]).first()
        )
        created = dimension is None
        if created:
            dimension = TagDimension.objects.create(slug=dim_row["slug"], name=dim_row["name"], order=dim_row["order"])
        report.count("标签维度", created)
        for order, (name, slug) in enumerate(dim_row["tags"], start=1):
            _, created = CatalogTag.objects.get_or_create(
                name=name, defaults={"slug": slug, "dimension": dimension, "order": order * 10}
            )
            report.count("标签", created)


def _catalogue(nodes: list[dict], report: DemoReport) -> None:
    for order, node in enumerate(nodes, start=1):
        parent, created = CatalogueItem.objects.get_or_create(
            code=node["code"], defaults={"name": node["name"], "order": order * 10}
        )
        report.count("公开目录", created)
        for child_order, (code, name) in enumerate(node["children"], start=1):
            _, created = CatalogueItem.objects.get_or_create(
                code=code, defaults={"name": name, "parent": parent, "order": child_order * 10}
            )
            report.count("公开目录", created)


def _sensitive_words(rows: list[list[str]], report: DemoReport) -> None:
    """Only into an empty list: staff own the list once it has words."""
    if SensitiveWord.objects.exists():
        return
    for word, note in rows:
        SensitiveWord.objects.create(word=word, note=note)
        report.count("敏感词", True)


def _accounts(
    reference: dict, organisations: dict[str, Organisation], groups: dict[str, Group], report: DemoReport
) -> dict[str, Any]:
    """One staff account per role, the superuser and an enterprise user (documents.demo.ACCOUNTS);
    returns the staff actors by username."""
    actors = {}
    for account in ACCOUNTS:
        user, created = ensure_account(account)
        report.accounts.append(
            Account(user.username, account.password, account.role, account.organisation or "—", created)
        )
        if account.is_staff and not account.is_superuser:
            actors[account.username] = user
    return actors


def _publish_time(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), PUBLISH_HOUR, tzinfo=timezone.get_current_timezone())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _documents(
    data: dict, organisations: dict[str, Organisation], groups: dict[str, Group], actors: dict, report: DemoReport
) -> None:
    seed = dict(data["seed"])
    seed["body_html"] = markdown_to_html((DEMO_DIR / seed.pop("source")).read_text(encoding="utf-8"))
    by_title: dict[str, PolicyDocument] = {}
    for row in [seed, *data["policies"]]:
        by_title[row["title"]] = _document(row, organisations, groups, actors, report)
    for row in data["policies"]:
        for old_title in row.get("replaces", []):
            by_title[row["title"]].replaces.add(by_title[old_title])


def _document(
    row: dict, organisations: dict[str, Organisation], groups: dict[str, Group], actors: dict, report: DemoReport
) -> PolicyDocument:
    issuer = organisations[row["organisation"]]
    organisation = issuer
    if issuer.kind == Organisation.Kind.GOVERNMENT and GOVERNMENT_DRAFTING_OFFICE in organisations:
        organisation = organisations[GOVERNMENT_DRAFTING_OFFICE]
    existing = PolicyDocument.objects.filter(issuing_organisation=issuer, title=row["title"]).first()
    report.count("政策文件", existing is None)
    if existing is not None:
        return existing
    status = row.get("status", Status.PUBLISHED)
    expiry = _date(row.get("expiry_date"))
    if "expiry_in_days" in row:
        expiry = timezone.localdate() + dt.timedelta(days=row["expiry_in_days"])
    document = PolicyDocument(
        title=row["title"],
        doc_number=row.get("doc_number", ""),
        organisation=organisation,
        issuing_organisation=issuer,
        written_date=_date(row["written_date"]),
        published_at=_publish_time(row["published_on"]) if status == Status.PUBLISHED else None,
        doc_type=row["doc_type"],
        topic=row["topic"],
        catalogue_item=CatalogueItem.objects.get(code=row["catalogue"]),
        summary=row.get("summary", ""),
        body=row.get("body_html") or paragraphs_to_html(row.get("body", [])),
        validity=row.get("validity", "valid"),
        effective_date=_date(row.get("effective_date")),
        expiry_date=expiry,
        disclosure_attribute=row.get("disclosure_attribute", "proactive"),
        disclosure_scope=row.get("disclosure_scope", "public"),
        status=status,
        created_by=actors["drafter"],
        reviewed_by=actors["reviewer"] if status == Status.PUBLISHED else None,
        signed_by=actors["signer"] if status == Status.PUBLISHED else None,
    )
    document.assign_index_number()
    document.full_clean()
    document_save(document=document)  # a 主动公开 draft's Art. 26 clock starts
    document.tags.set(list(CatalogTag.objects.filter(name__in=row["tags"])))
    document.target_groups.set([groups[name] for name in row.get("target_groups", [])])
    _history(document, actors)
    if status == Status.PENDING_REVIEW:
        report.scanned_ids.append(document.pk)
    return document


def _history(document: PolicyDocument, actors: dict) -> None:
    """The append-only workflow record a real document of this status would have."""
    if document.status == Status.DRAFT:
        return
    if document.status == Status.PENDING_REVIEW:
        steps = PUBLISHED_HISTORY[:1]
        end = timezone.now()
    else:
        steps = PUBLISHED_HISTORY
        end = document.published_at
    for action, from_status, to_status, role, days_before in steps:
        DocumentTransition.objects.create(
            document=document,
            actor=actors[role],
            at=end - dt.timedelta(days=days_before),
            from_status=from_status,
            to_status=to_status,
            action=action,
            comment="演示数据",
        )


def _column_content(
    content: dict, organisations: dict[str, Organisation], groups: dict[str, Group], actors: dict, report: DemoReport
) -> None:
    """The documents that fill the catalogue items a town fills (column_content.json), created
    like the other demo documents; and documents refiled from an item they were once put under."""
    for row in content["documents"]:
        _document({**row, "body_html": nh3.clean(row["body_html"])}, organisations, groups, actors, report)
    for row in content["refile"]:
        document = PolicyDocument.objects.filter(
            issuing_organisation=organisations[row["organisation"]],
            title=row["title"],
            catalogue_item__code=row["from"],
        ).first()
        if document is not None:
            document.catalogue_item = CatalogueItem.objects.get(code=row["to"])
            document.save(update_fields=["catalogue_item", "updated_at"])
            report.count("重新归档的文件", True)
