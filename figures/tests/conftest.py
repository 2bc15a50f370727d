"""A fixed small data set for the data page, on a frozen day: Monday 15 June 2026, 10:00 in
Shanghai. The period is July 2025 to June 2026. Every figure the tests expect is counted by
hand in the docstring of the fixture that makes it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from applications import services as application_services
from applications.models import ApplicantType, Application, Channel, Outcome, OutcomeReason
from applications.roles import HANDLER, SIGNER
from consultations.models import Message, Rating
from decisions.models import Disposition, FeedbackReport, OpinionGroup, Stage
from documents.models import DisclosureAttribute, DisclosureScope, Status
from factories import (
    CatalogueFactory,
    DecisionFactory,
    MessageFactory,
    OpinionFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    make_staff,
)
from organisations.models import Organisation

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 6, 15)
D = dt.date

# Private data typed by citizens: none of it may reach the data page.
ASKER = {"asker_name": "欧阳私密", "phone": "13987654321", "email": "ouyang.secret@example.com"}
COMMENTER = {"author_name": "司马私密", "contact_phone": "13711112222", "contact_email": "sima.secret@example.com"}
APPLICANT = {
    "applicant_type": ApplicantType.CITIZEN,
    "applicant_name": "诸葛私密",
    "id_number": "310118198503120011",
    "phone": "13600001111",
    "email": "zhuge.secret@example.com",
    "postal_address": "徐泾镇私密路8号",
    "postcode": "201702",
}
PRIVATE = [
    *ASKER.values(),
    *COMMENTER.values(),
    APPLICANT["applicant_name"],
    APPLICANT["id_number"],
    APPLICANT["phone"],
    APPLICANT["email"],
    APPLICANT["postal_address"],
]


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(at(TODAY), tick=False):
        yield TODAY


@pytest.fixture
def organs(db) -> dict[str, Organisation]:
    return {
        "gov": OrganisationFactory(name="徐泾镇人民政府测试", short_name="镇政府", order=1),
        "office": OrganisationFactory(name="徐泾镇测试办公室", short_name="测试办", order=2),
        "village": OrganisationFactory(name="徐泾镇测试村", short_name="测试村", order=3),
    }


@pytest.fixture
def documents(frozen, organs):
    """镇政府: 1 July 2025 08:00 (the period's first day), 31 May 2026 23:30 (May), 1 June 2026
    00:30 (June in Shanghai, still 31 May in UTC); 30 June 2025 (before the period: left out).
    测试办: two on 10 March 2026; and left out: a draft, a 定向公开 one, a 依申请公开 one, one
    scheduled for 20 June. 测试村: only one before the period, so not a column.
    So 镇政府 [Jul 1, May 1, Jun 1] = 3, 测试办 [Mar 2] = 2, total 5."""
    gov, office, village = organs["gov"], organs["office"], organs["village"]

    def published(organ, when, **fields):
        return PolicyDocumentFactory(organisation=organ, published=True, published_at=when, **fields)

    published(gov, at(D(2025, 7, 1), 8))
    published(gov, at(D(2026, 5, 31), 23, 30))
    published(gov, at(D(2026, 6, 1), 0, 30))
    published(gov, at(D(2025, 6, 30), 20))
    published(office, at(D(2026, 3, 10)))
    published(office, at(D(2026, 3, 10), 15))
    PolicyDocumentFactory(organisation=office, status=Status.DRAFT)
    published(office, at(D(2026, 4, 1)), disclosure_scope=DisclosureScope.TARGETED)
    published(office, at(D(2026, 4, 2)), disclosure_attribute=DisclosureAttribute.ON_REQUEST)
    published(office, at(D(2026, 6, 20)))
    published(village, at(D(2024, 5, 1)))


@pytest.fixture
def messages(frozen, organs):
    """Received → answered (working days), rating:
    - 1 Jun → 5 Jun (4), 满意;  29 May → 2 Jun (2), 基本满意;  10 Jun → 10 Jun (0), not rated;
    - 11 May → 14 May (3), 不满意;
    - 30 Jun 2025 → 2 Jul 2025 (2), not rated: answered in the period, received before it;
    - 12 Jun open; 11 Jun 不予受理 (not counted as received).
    Received: May 2 (29 May, 11 May), June 3 (1, 10, 12 Jun); total 5.
    Answered: July 2025 1 (median 2), May 1 (median 3), June 3 (4, 2, 0: median 2); total 5,
    median of [2, 3, 4, 2, 0] = 2. Ratings 1/1/1 of 3 rated, 2 not rated; 满意+基本满意 66.7%."""
    answered = Message.Status.ANSWERED
    office = organs["office"]

    def message(received, status=answered, answered_on=None, rating=""):
        return MessageFactory(
            received_on=received,
            status=status,
            answered_on=answered_on,
            rating=rating,
            organisation=office,
            answer="已答复。" if answered_on else "",
            **ASKER,
        )

    message(D(2026, 6, 1), answered_on=D(2026, 6, 5), rating=Rating.SATISFIED)
    message(D(2026, 5, 29), answered_on=D(2026, 6, 2), rating=Rating.BASIC)
    message(D(2026, 6, 10), answered_on=D(2026, 6, 10))
    message(D(2026, 5, 11), answered_on=D(2026, 5, 14), rating=Rating.UNSATISFIED)
    message(D(2025, 6, 30), answered_on=D(2025, 7, 2))
    message(D(2026, 6, 12), status=Message.Status.ASSIGNED)
    message(D(2026, 6, 11), status=Message.Status.REJECTED)


@pytest.fixture
def decisions(frozen, organs):
    """In the 2026 catalogue (public since 1 Feb):
    - 垃圾分类 (1-31 Mar, feedback report public 20 Apr): 5 opinions, 采纳 2 + 1 through its
      group, 部分采纳 1, 不予采纳 1: adoption (3 + 1) / 5 = 80%;
    - 加装电梯 (1-30 Jun, open now): 2 opinions, one already disposed by staff, nothing shown;
    Left out: a window closed in June 2025 (2025 catalogue), a window in an unpublished
    catalogue, a decision still being drafted with dates set, a window opening on 1 July.
    Opinions: 7; overall adoption 80%."""
    office = organs["office"]
    catalogue = CatalogueFactory(year=2026, organisation=office, published_at=at(D(2026, 2, 1)))
    old = CatalogueFactory(year=2025, organisation=office, published_at=at(D(2025, 2, 1)))
    hidden = CatalogueFactory(year=2027, organisation=office, published_at=None)

    def decision(title, stage, opens, closes, cat=catalogue):
        return DecisionFactory(
            catalogue=cat,
            title=title,
            organisation=office,
            stage=stage,
            comment_opens_on=opens,
            comment_closes_on=closes,
        )

    sorting = decision("徐泾镇垃圾分类测试办法", Stage.FEEDBACK, D(2026, 3, 1), D(2026, 3, 31))
    for disposition in (Disposition.ADOPTED, Disposition.ADOPTED, Disposition.PARTLY):
        OpinionFactory(decision=sorting, disposition=disposition, **COMMENTER)
    OpinionFactory(decision=sorting, disposition=Disposition.NOT_ADOPTED, disposition_reason="与上位法不符。")
    group = OpinionGroup.objects.create(decision=sorting, summary="相似意见", disposition=Disposition.ADOPTED)
    OpinionFactory(decision=sorting, group=group)
    FeedbackReport.objects.create(decision=sorting, body="反馈。", published_at=at(D(2026, 4, 20)))

    lift = decision("徐泾镇加装电梯测试办法", Stage.CONSULTATION, D(2026, 6, 1), D(2026, 6, 30))
    OpinionFactory(decision=lift, **COMMENTER)
    OpinionFactory(decision=lift, disposition=Disposition.ADOPTED)

    closed = decision("去年的测试决策", Stage.FEEDBACK, D(2025, 5, 1), D(2025, 6, 30), cat=old)
    OpinionFactory(decision=closed)
    unpublished = decision("未公布目录的测试决策", Stage.CONSULTATION, D(2026, 6, 1), D(2026, 6, 30), cat=hidden)
    OpinionFactory(decision=unpublished)
    decision("起草中的测试决策", Stage.DRAFTING, D(2026, 6, 1), D(2026, 6, 30))
    decision("七月征求意见的测试决策", Stage.CONSULTATION, D(2026, 7, 1), D(2026, 7, 31))
    return {"sorting": sorting, "lift": lift}


@pytest.fixture
def applications(frozen, organs):
    """Through the services, received in person:
    - 29 Dec 2025, 予以公开 on 5 Jan 2026: counted in 2025;
    - 2 Mar 2026, 予以公开 on 9 Mar; 2 Mar, 不予公开 (国家秘密) on 16 Mar; 2 Mar, still open.
    2025: received 1, [1, 0, 0, 0, 0, 0], open 0; 2026: received 3, [1, 0, 1, 0, 0, 0], open 1."""
    office = organs["office"]
    handler = make_staff(HANDLER, office, "figures-handler")
    signer = make_staff(SIGNER, office, "figures-signer")

    def register(day):
        values = {
            **APPLICANT,
            "organisation": office,
            "channel": Channel.IN_PERSON,
            "description": "申请公开徐泾镇道路养护经费的使用情况。",
            "submitted_at": timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10)),
        }
        return application_services.application_register(application=Application(**values)).application

    def answer(application, outcome, on, reason=""):
        application_services.application_reply_draft(
            application=application, user=handler, outcome=outcome, reason=reason
        )
        application_services.application_reply_sign(application=application, user=signer, on=on)

    answer(register(D(2025, 12, 29)), Outcome.DISCLOSED, D(2026, 1, 5))
    answer(register(D(2026, 3, 2)), Outcome.DISCLOSED, D(2026, 3, 9))
    answer(register(D(2026, 3, 2)), Outcome.WITHHELD, D(2026, 3, 16), reason=OutcomeReason.STATE_SECRET)
    register(D(2026, 3, 2))


@pytest.fixture
def everything(documents, messages, decisions, applications):
    return decisions
