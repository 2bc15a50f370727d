"""Who may do what with messages: one place for every check in this app.

The admin's buttons, their views and the answer preview ask ``denial`` (or ``can``):
403 when the user's role never allows the step, 409 when the message's state blocks it
for now (``organisations.access.Denial``)."""

from __future__ import annotations

from collections.abc import Callable

from organisations.access import Denial, is_staff_member
from organisations.roles import organisation_of

from .models import Message
from .roles import DISPATCHER, HANDLER, LEADER  # noqa: F401  (the roles this app's checks name)

# The workflow steps on a message's admin page, with the labels its buttons and messages use.
ASSIGN = "assign"
SEND_ANSWER = "send_answer"
APPROVE = "approve"
SEND_BACK = "send_back"
REJECT = "reject"
PREPARE_PUBLICATION = "prepare_publication"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
LABELS = {
    ASSIGN: "分派/转办",
    SEND_ANSWER: "预览并发送答复",
    APPROVE: "预览并审核通过",
    SEND_BACK: "退回修改",
    REJECT: "不予受理",
    PREPARE_PUBLICATION: "生成选登稿",
    PUBLISH: "确认选登",
    UNPUBLISH: "撤下选登",
}


def can_dispatch(user) -> bool:
    return is_staff_member(user) and user.has_perm("consultations.dispatch_message")


def can_view_statistics(user) -> bool:
    return is_staff_member(user) and user.has_perm("consultations.view_statistics")


def can_handle(user, message: Message) -> bool:
    """Draft and send answers: staff of the organisation the message is assigned to, or a dispatcher."""
    if not (is_staff_member(user) and user.has_perm("consultations.change_message")):
        return False
    if can_dispatch(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and message.organisation_id == organisation.pk


def _may_review(user) -> bool:
    return is_staff_member(user) and user.has_perm("consultations.review_answer")


def can_review(user, message: Message) -> bool:
    return _may_review(user) and message.status == Message.Status.IN_REVIEW


def denial(user, action: str, message: Message) -> Denial | None:
    """None if `user` may take the workflow step `action` on `message` now, else why not."""
    role, state, blocked = _RULES[action]
    if not role(user, message):
        return Denial(f"您没有权限执行“{LABELS[action]}”。")
    if not state(message):
        return Denial(f"{blocked}请刷新页面查看留言的最新状态。", forbidden=False, code="status")
    return None


def can(user, action: str, message: Message) -> bool:
    return denial(user, action, message) is None


def _dispatcher(user, message: Message) -> bool:
    return can_dispatch(user)


def _reviewer(user, message: Message) -> bool:
    return _may_review(user)


def _open_for_dispatch(message: Message) -> bool:
    return message.status in (Message.Status.RECEIVED, Message.Status.ASSIGNED)


def _in_hand(message: Message) -> bool:
    return message.status == Message.Status.ASSIGNED


def _in_review(message: Message) -> bool:
    return message.status == Message.Status.IN_REVIEW


def _publishable(message: Message) -> bool:
    return message.can_be_published


def _copy_pending(message: Message) -> bool:
    return message.publication == Message.Publication.PENDING


def _copy_made(message: Message) -> bool:
    return message.publication != Message.Publication.NONE


NO_ANSWER_IN_REVIEW = "该留言没有待审核的答复。"

# action: (who may, in which state, what to say when the state blocks it)
_RULES: dict[str, tuple[Callable[..., bool], Callable[[Message], bool], str]] = {
    ASSIGN: (_dispatcher, _open_for_dispatch, "只有待分派或办理中的留言才能分派/转办。"),
    SEND_ANSWER: (can_handle, _in_hand, "只有办理中的留言才能发送答复。"),
    APPROVE: (_reviewer, _in_review, NO_ANSWER_IN_REVIEW),
    SEND_BACK: (_reviewer, _in_review, NO_ANSWER_IN_REVIEW),
    REJECT: (_dispatcher, _open_for_dispatch, "只有待分派或办理中的留言才能不予受理。"),
    PREPARE_PUBLICATION: (_dispatcher, _publishable, "只有已答复且留言人同意公开的留言才能选登。"),
    PUBLISH: (_dispatcher, _copy_pending, "请先生成选登稿并核对，再确认发布。"),
    UNPUBLISH: (_dispatcher, _copy_made, "该留言未选登。"),
}
