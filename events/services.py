"""Every write of the events app: events and sessions, registration (the session row is
locked, so concurrent requests cannot overbook), cancellation with the wait list moving
up, the reminder the day before, and the check-in at the door."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from notifications import outbox
from privacy.citizen import mask_citizen_text
from xujing_portal import pagecache

from .models import (
    RATING_SCALE,
    Event,
    EventPhoto,
    EventQuestionAnswer,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireResponse,
    QuestionOption,
    Registration,
    RegistrationState,
    Session,
    Topic,
    TopicStatus,
    TopicVote,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class RegistrationError(Exception):
    """A registration that is refused; the text is Chinese and says what to do."""


@dataclass(frozen=True)
class Receipt:
    registration: Registration
    code: str  # shown once, stored only as a hash


def code_hash(code: str) -> str:
    return salted_hmac("events.registration-code", (code or "").strip().upper().replace(" ", "")).hexdigest()


def registration_by_code(code: str) -> Registration | None:
    if not code or not code.strip():
        return None
    return Registration.objects.select_related("session__event").filter(code_hash=code_hash(code)).first()


@transaction.atomic
def event_save(*, event: Event) -> Event:
    event.full_clean()
    event.save()
    pagecache.changed()
    return event


@transaction.atomic
def photo_save(*, photo: EventPhoto) -> EventPhoto:
    photo.full_clean()
    photo.save()
    pagecache.changed()
    return photo


@transaction.atomic
def session_save(*, session: Session) -> Session:
    session.full_clean()
    session.save()
    return session


def _seats_taken(session: Session) -> int:
    return sum(session.registrations.filter(state=RegistrationState.CONFIRMED).values_list("party_size", flat=True))


def registration_register(
    *, session_id: int, name: str, phone: str, party_size: int, email: str = "", now: dt.datetime | None = None
) -> Receipt:
    """Register for a session: confirmed when the seats are there, otherwise on the wait list."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            session = Session.objects.select_for_update().select_related("event").get(pk=session_id)
            if session.event.cancelled:
                raise RegistrationError("该活动已取消，不再接受报名。")
            if not session.accepting(now):
                raise RegistrationError("该场次报名已截止。")
            if party_size < 1 or party_size > session.max_party:
                raise RegistrationError(f"每次报名最多 {session.max_party} 人，请调整人数。")
            if party_size > session.capacity:
                raise RegistrationError(f"该场次共 {session.capacity} 个名额，请调整人数。")
            if session.registrations.exclude(state=RegistrationState.CANCELLED).filter(phone=phone).exists():
                raise RegistrationError("该手机号码已报名此场次，无需重复报名。如需查看或取消，请使用报名码。")
            fits = _seats_taken(session) + party_size <= session.capacity
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            registration = Registration.objects.create(
                session=session,
                name=name,
                phone=phone,
                email=email,
                party_size=party_size,
                state=RegistrationState.CONFIRMED if fits else RegistrationState.WAITING,
                code_hash=code_hash(code),
                created_at=now,
            )
            if email:
                outbox.notify(
                    recipients=[email],
                    subject=f"报名{registration.get_state_display()}：{session.event.title}",
                    body=(
                        f"您已报名“{session.event.title}”（{session.date:%Y年%m月%d日} {session.start_time:%H:%M}，"
                        f"{session.event.venue}），状态：{registration.get_state_display()}。\n"
                        f"报名码：{code}（凭此码查看或取消报名，请妥善保管）。"
                    ),
                    key=f"events.registered.{registration.pk}",
                    confidential=True,
                )
    except IntegrityError:  # the same phone at the same moment: the constraint refused the second
        raise RegistrationError("该手机号码已报名此场次，无需重复报名。如需查看或取消，请使用报名码。") from None
    return Receipt(registration=registration, code=code)


def _promote(session: Session, now: dt.datetime) -> list[Registration]:
    """Move the wait list up, in order, while the first in line fits."""
    left = session.capacity - _seats_taken(session)
    promoted = []
    for waiting in session.registrations.filter(state=RegistrationState.WAITING).order_by("created_at", "pk"):
        if waiting.party_size > left:
            break
        waiting.state = RegistrationState.CONFIRMED
        waiting.promoted_at = now
        waiting.save(update_fields=["state", "promoted_at"])
        left -= waiting.party_size
        promoted.append(waiting)
        if waiting.email:
            outbox.notify(
                recipients=[waiting.email],
                subject=f"候补成功：{session.event.title}",
                body=(
                    f"有人取消了报名，您在“{session.event.title}”（{session.date:%Y年%m月%d日} "
                    f"{session.start_time:%H:%M}，{session.event.venue}）的候补已转为报名成功。"
                    "如不能参加，请凭报名码取消，把名额留给他人。"
                ),
                key=f"events.promoted.{waiting.pk}",
            )
    return promoted


def registration_cancel(*, code: str, now: dt.datetime | None = None) -> Registration:
    now = now or timezone.now()
    found = registration_by_code(code)
    if found is None:
        raise RegistrationError("报名码不正确，请核对后重新输入。")
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("event").get(pk=found.session_id)
        registration = Registration.objects.get(pk=found.pk)
        if registration.state == RegistrationState.CANCELLED:
            raise RegistrationError("该报名已取消。")
        if now >= session.starts_at():
            raise RegistrationError("活动已开始，无法在线取消。")
        registration.state = RegistrationState.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["state", "cancelled_at"])
        _promote(session, now)
    return registration


def session_capacity_change(*, session: Session) -> Session:
    """Save a session whose capacity may have grown: the wait list moves up."""
    with transaction.atomic():
        session_save(session=session)
        locked = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
        _promote(locked, timezone.now())
    return session


def registration_check_in(*, registration: Registration, now: dt.datetime | None = None) -> Registration:
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != RegistrationState.CONFIRMED:
            raise RegistrationError("该报名不是“报名成功”状态，不能签到。")
        if registration.checked_in_at is None:
            registration.checked_in_at = now or timezone.now()
            registration.save(update_fields=["checked_in_at"])
    return registration


def send_reminders(*, today: dt.date | None = None) -> int:
    """The reminder the day before, once per registration (safe to run twice)."""
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    sent = 0
    due = Registration.objects.filter(
        state=RegistrationState.CONFIRMED,
        reminded_at__isnull=True,
        session__date=tomorrow,
        session__event__cancelled=False,
    ).select_related("session__event")
    for registration in due:
        with transaction.atomic():
            session = registration.session
            if registration.email:
                outbox.notify(
                    recipients=[registration.email],
                    subject=f"明日活动提醒：{session.event.title}",
                    body=(
                        f"您报名的“{session.event.title}”将于明天（{session.date:%Y年%m月%d日}）"
                        f"{session.start_time:%H:%M} 在 {session.event.venue} 举行，报名人数 {registration.party_size} 人。"
                        + (
                            f"\n无障碍说明：{session.event.accessibility_notes}"
                            if session.event.accessibility_notes
                            else ""
                        )
                    ),
                    key=f"events.reminder.{registration.pk}",
                )
                sent += 1
            Registration.objects.filter(pk=registration.pk).update(reminded_at=timezone.now())
    return sent


# --- Topic solicitation ---------------------------------------------------------------------


class TopicError(Exception):
    """A proposal or vote that is refused; Chinese text."""


def voter_hash(value: str) -> str:
    return salted_hmac("events.topic-voter", value).hexdigest()


def topic_propose(*, event: Event, title: str, venue: str = "", now: dt.datetime | None = None) -> Topic:
    if not event.soliciting or event.cancelled:
        raise TopicError("该活动的议题征集已结束。")
    title = mask_citizen_text(title)
    venue = mask_citizen_text(venue)
    with transaction.atomic():
        if event.topics.filter(title=title).exclude(status=TopicStatus.HIDDEN).exists():
            raise TopicError("已有相同的议题，请直接为它投票。")
        topic = Topic(event=event, title=title, venue=venue, created_at=now or timezone.now())
        topic.full_clean()
        topic.save()
    return topic


def topic_vote(*, topic_id: int, voter_key: str, network_key: str) -> TopicVote:
    """One vote per person per topic: refused when the cookie or the address with the
    browser has voted for it."""
    try:
        with transaction.atomic():
            topic = Topic.objects.select_for_update().select_related("event").get(pk=topic_id)
            if not topic.event.soliciting or topic.status != TopicStatus.PROPOSED:
                raise TopicError("该议题已不再接受投票。")
            voted = topic.votes.filter(Q(voter_key=voter_key) | Q(network_key=network_key)).exists()
            if voted:
                raise TopicError("您已为这个议题投过票，每人每个议题只能投一票。")
            return TopicVote.objects.create(topic=topic, voter_key=voter_key, network_key=network_key)
    except IntegrityError:
        raise TopicError("您已为这个议题投过票，每人每个议题只能投一票。") from None


@transaction.atomic
def topic_merge(*, source: Topic, target: Topic) -> Topic:
    """Merge a duplicate into another topic: its votes move over, a person who voted for
    both counts once."""
    if source.pk == target.pk or source.event_id != target.event_id:
        raise TopicError("只能合并同一活动的两个不同议题。")
    for vote in TopicVote.objects.select_for_update().filter(topic=source):
        duplicate = target.votes.filter(Q(voter_key=vote.voter_key) | Q(network_key=vote.network_key)).exists()
        if duplicate:
            vote.delete()
        else:
            TopicVote.objects.filter(pk=vote.pk).update(topic=target)
    source.status = TopicStatus.MERGED
    source.merged_into = target
    source.save(update_fields=["status", "merged_into"])
    return target


@transaction.atomic
def topic_save(*, topic: Topic) -> Topic:
    """Staff's edit of a topic (wording, venue, status)."""
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_set_status(*, topic: Topic, status: str) -> Topic:
    topic.status = status
    topic.save(update_fields=["status"])
    return topic


# --- After the event: Q&A and the questionnaire ---------------------------------------------


@transaction.atomic
def question_answer_save(*, item: EventQuestionAnswer) -> EventQuestionAnswer:
    item.full_clean()
    item.save()
    pagecache.changed()
    return item


@transaction.atomic
def questionnaire_save(*, questionnaire: Questionnaire) -> Questionnaire:
    questionnaire.full_clean()
    questionnaire.save()
    pagecache.changed()
    return questionnaire


@transaction.atomic
def question_save(*, question: Question) -> Question:
    """Staff's edit of a question. Its kind cannot change once it has answers (the counts
    would no longer mean what the question asked)."""
    if question.pk:
        before = Question.objects.get(pk=question.pk)
        if before.kind != question.kind and before.answers.exists():
            raise QuestionnaireError("该题目已有回答，不能再修改题型；如需调整，请新增一道题目。")
    question.full_clean()
    question.save()
    pagecache.changed()
    return question


@transaction.atomic
def option_save(*, option: QuestionOption) -> QuestionOption:
    option.full_clean()
    option.save()
    pagecache.changed()
    return option


class QuestionnaireError(Exception):
    """An answer set that is refused; Chinese text that says what to do."""


def may_answer(registration: Registration) -> bool:
    """The rule of who answers: a registration that was checked in at the door (so the
    answers come from people who attended), not cancelled."""
    return registration.state == RegistrationState.CONFIRMED and registration.checked_in_at is not None


def questionnaire_answer(
    *, questionnaire: Questionnaire, code: str, answers: dict[int, object], now: dt.datetime | None = None
) -> QuestionnaireResponse:
    """Record one answer set. ``answers`` maps a question's id to an option id (single), a
    list of option ids (multiple), a rating 1-5, or a text; values were checked by the form,
    they are checked again here against the questionnaire's own questions."""
    now = now or timezone.now()
    if not questionnaire.is_open(now):
        raise QuestionnaireError("该问卷目前不接受填写。")
    found = registration_by_code(code)
    if found is None or found.session.event_id != questionnaire.event_id:
        raise QuestionnaireError("报名码不正确，或不是本活动的报名码，请核对后重新输入。")
    if not may_answer(found):
        raise QuestionnaireError("问卷仅限到场签到的参加者填写；该报名没有签到记录。如有疑问，请联系主办单位。")
    rows = _answer_rows(questionnaire, answers)
    try:
        with transaction.atomic():
            response = QuestionnaireResponse.objects.create(
                questionnaire=questionnaire, registration=found, submitted_at=now
            )
            for row in rows:
                row.response = response
            QuestionnaireAnswer.objects.bulk_create(rows)
    except IntegrityError:  # answered already (or twice at the same moment)
        raise QuestionnaireError("该报名码已经填写过问卷，每个报名只能填写一次。感谢您的参与！") from None
    pagecache.changed()
    return response


def _answer_rows(questionnaire: Questionnaire, answers: dict[int, object]) -> list[QuestionnaireAnswer]:
    rows: list[QuestionnaireAnswer] = []
    for question in questionnaire.questions.prefetch_related("options"):
        before = len(rows)
        value = answers.get(question.pk)
        options = {option.pk for option in question.options.all()}
        try:
            if question.kind == QuestionKind.SINGLE:
                chosen = [int(value)] if value not in (None, "") else []
            elif question.kind == QuestionKind.MULTIPLE:
                chosen = sorted({int(v) for v in (value or [])})
            else:
                chosen = []
            if question.kind == QuestionKind.RATING and value not in (None, ""):
                value = int(value)
        except (TypeError, ValueError):
            raise QuestionnaireError(f"“{question.text}”的回答无效，请刷新页面后重新填写。") from None
        if set(chosen) - options:
            raise QuestionnaireError(f"“{question.text}”的选项无效，请刷新页面后重新填写。")
        if question.kind == QuestionKind.RATING and value not in (None, ""):
            if value not in RATING_SCALE:
                raise QuestionnaireError(f"“{question.text}”请在 1 到 5 分之间评分。")
            rows.append(QuestionnaireAnswer(question=question, rating=value))
        elif question.kind == QuestionKind.TEXT and str(value or "").strip():
            rows.append(QuestionnaireAnswer(question=question, text=str(value).strip()))
        rows.extend(QuestionnaireAnswer(question=question, option_id=option_id) for option_id in chosen)
        if question.required and len(rows) == before:
            raise QuestionnaireError(f"请回答“{question.text}”。")
    return rows
