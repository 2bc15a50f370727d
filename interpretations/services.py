"""Writes of the interpretations app: the 三同步 gate and the status that mirrors the policy.

The document workflow (documents.services) sends its signals inside the
transition's transaction; interpretations.receivers calls the functions here,
so an interpretation is reviewed, published and withdrawn in the same
transaction as its policy, with the same publication time.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from documents.models import DocumentTransition, PolicyDocument
from documents.models import Status as DocumentStatus
from documents.services import TransitionBlocked
from xujing_portal import pagecache

from . import search_sync
from .models import DRAFTED, Interpretation, Status

Action = DocumentTransition.Action
GATED_ACTIONS = {Action.APPROVE_REVIEW, Action.SIGN}


def interpretation_gate(*, document: PolicyDocument, action: str) -> None:
    """Refuse sign-off (审查通过 → 待审签, and 审签发布) of a document that needs an
    interpretation but has no drafted one."""
    if action not in GATED_ACTIONS or not document.needs_interpretation:
        return
    if document.interpretations.originals().drafted().exists():
        return
    step = "送审签" if action == Action.APPROVE_REVIEW else "审签发布"
    raise TransitionBlocked(
        f"《{document.title}》需要同步起草政策解读（三同步：同步起草、同步审签、同步发布），"
        f"目前还没有解读草稿，不能{step}。请起草人先在“政策解读”中为本文件新增一份解读，再继续。"
    )


@transaction.atomic
def interpretations_follow_transition(*, document: PolicyDocument, action: str) -> int:
    """Mirror a pre-publication step: 审查通过 marks the drafts 已审查; sending back or
    withdrawing before publication returns them to 草稿. Returns how many changed."""
    drafts = document.interpretations.filter(status__in=DRAFTED)
    if action == Action.APPROVE_REVIEW:
        return drafts.filter(status=Status.DRAFT).update(status=Status.REVIEWED, updated_at=timezone.now())
    if action in (Action.SEND_BACK, Action.WITHDRAW) and document.status != DocumentStatus.PUBLISHED:
        return drafts.filter(status=Status.REVIEWED).update(status=Status.DRAFT, updated_at=timezone.now())
    return 0


@transaction.atomic
def interpretations_publish_with(*, document: PolicyDocument, user: AbstractBaseUser) -> list[Interpretation]:
    """The signing head signed the document: its drafted interpretations are signed and
    published with it, at exactly the document's publication time."""
    published = []
    for interpretation in document.interpretations.filter(status__in=DRAFTED).order_by("id"):
        interpretation.status = Status.PUBLISHED
        interpretation.published_at = document.published_at
        interpretation.signed_by = user
        interpretation.save(update_fields=["status", "published_at", "signed_by", "updated_at"])
        search_sync.sync_interpretation(interpretation)
        published.append(interpretation)
    pagecache.changed()
    return published


@transaction.atomic
def interpretations_withdraw_with(*, document: PolicyDocument, reason: str = "") -> int:
    """The document was withdrawn: so are its interpretations, drafts included."""
    now = timezone.now()
    withdrawn = 0
    for interpretation in document.interpretations.exclude(status=Status.WITHDRAWN):
        interpretation.status = Status.WITHDRAWN
        interpretation.withdrawn_at = now
        interpretation.withdrawal_reason = f"随政策文件撤回：{reason}".strip("：")[:500]
        interpretation.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
        search_sync.remove_interpretation(interpretation)
        withdrawn += 1
    pagecache.changed()
    return withdrawn


@transaction.atomic
def interpretation_save(*, interpretation: Interpretation, user: AbstractBaseUser) -> Interpretation:
    """Store an interpretation staff drafted or edited (the admin's form has validated it);
    a new one is the user's draft."""
    if interpretation.pk is None:
        interpretation.created_by = user
    interpretation.save()
    pagecache.changed()  # an edit of a published interpretation shows on its policy's page
    return interpretation


@transaction.atomic
def interpretation_publish(*, interpretation: Interpretation, user: AbstractBaseUser) -> Interpretation:
    """Publish an interpretation added after its policy went public (a follow-up, or an
    expert's interpretation). The policy's own interpretations go out with it instead."""
    if not user.has_perm("interpretations.sign_interpretation"):
        raise TransitionBlocked("只有审签负责人可以发布解读。")
    if interpretation.status not in DRAFTED:
        raise TransitionBlocked("这份解读已发布或已撤回，不能再次发布。")
    if interpretation.created_by_id == user.pk:
        # Separation of duties, as for documents: holding both roles does not let one
        # person draft and sign the same interpretation.
        raise TransitionBlocked("您起草了这份解读，同一人不能既起草又审签发布。请由其他审签负责人发布。")
    document = interpretation.document
    if document.status != DocumentStatus.PUBLISHED:
        raise TransitionBlocked("所解读的政策文件尚未发布：解读将在文件审签时与文件同步发布，无需单独发布。")
    interpretation.full_clean()
    now = timezone.now()
    interpretation.status = Status.PUBLISHED
    interpretation.published_at = max(now, document.published_at) if document.published_at else now
    interpretation.signed_by = user
    interpretation.save(update_fields=["status", "published_at", "signed_by", "updated_at"])
    search_sync.sync_interpretation(interpretation)
    pagecache.changed()
    return interpretation


@transaction.atomic
def interpretation_withdraw(*, interpretation: Interpretation, user: AbstractBaseUser, reason: str) -> Interpretation:
    """Withdraw one published interpretation (its policy stays), saying why."""
    if not user.has_perm("interpretations.sign_interpretation"):
        raise TransitionBlocked("只有审签负责人可以撤回解读。")
    if not (reason or "").strip():
        raise TransitionBlocked("撤回时必须填写理由，请写明原因。")
    if interpretation.status != Status.PUBLISHED:
        raise TransitionBlocked("只有已发布的解读可以撤回。")
    interpretation.status = Status.WITHDRAWN
    interpretation.withdrawn_at = timezone.now()
    interpretation.withdrawal_reason = reason.strip()[:500]
    interpretation.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    search_sync.remove_interpretation(interpretation)
    pagecache.changed()
    return interpretation
