"""What the statistics tests share: a small fixed set of applications taken through the
services on real dates (``sample``), and ``answer`` to draft and sign a reply."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from applications import services
from applications.models import ApplicantCategory, ApplicantType, Outcome, OutcomeReason, Review

D = dt.date
C = ApplicantCategory
ORGANISATION_NAMES = ("秘密商贸有限公司", "秘密研究所", "秘密公益基金会", "秘密律师事务所", "秘密协会")


def organisation_applicant(category: str, name: str) -> dict:
    return {
        "applicant_type": ApplicantType.ORGANISATION,
        "applicant_category": category,
        "applicant_name": name,
        "id_number": "",
        "credit_code": "91310118MA1JL0000X",
    }


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10, 0))


@pytest.fixture
def answer(handler, application_signer):
    def reply(application, outcome, on, reason=""):
        services.application_reply_draft(application=application, user=handler, outcome=outcome, reason=reason)
        return services.application_reply_sign(application=application, user=application_signer, on=on)

    return reply


@pytest.fixture
def sample(new_application, organisation, answer, handler, application_signer):
    """Received Mon 2 Mar 2026 in person (due 30 Mar) unless said otherwise:
    - 自然人, 予以公开 on 9 Mar (5 working days), within the limit;
    - 商业企业, 部分公开 on 1 Apr (22), after the limit;
    - 自然人, extended by 10 working days, 不予公开 (国家秘密) on 8 Apr (26): after 30 Mar
      but within the extended limit;
    - 科研机构, 不予公开 (国家秘密) on the day (0);
    - 社会公益组织, 无法提供 (不掌握) on 16 Mar (10);
    - 法律服务机构, 不予处理 (重复申请) on 20 Mar (14);
    - 其他, abandoned after a 补正 (其他处理: 逾期不补正), no reply;
    - 自然人, still open;
    - 自然人 received Mon 29 Dec 2025, 予以公开 on 5 Jan 2026 (4: New Year off, Sunday 4 Jan a
      make-up working day), open at the end of 2025.
    """
    make = lambda **fields: new_application(organisation=organisation, **fields).application  # noqa: E731
    apps = {}
    apps["disclosed"] = answer(make(), Outcome.DISCLOSED, D(2026, 3, 9))
    business = make(**organisation_applicant(C.BUSINESS, "秘密商贸有限公司"))
    apps["late"] = answer(business, Outcome.PARTLY_DISCLOSED, D(2026, 4, 1))
    extended = make()
    services.application_extend(
        application=extended, user=application_signer, days=10, reason="需调档。", on=D(2026, 3, 3)
    )
    apps["extended"] = answer(extended, Outcome.WITHHELD, D(2026, 4, 8), OutcomeReason.STATE_SECRET)
    research = make(**organisation_applicant(C.RESEARCH, "秘密研究所"))
    apps["same_day"] = answer(research, Outcome.WITHHELD, D(2026, 3, 2), OutcomeReason.STATE_SECRET)
    charity = make(**organisation_applicant(C.PUBLIC_INTEREST, "秘密公益基金会"))
    apps["not_held"] = answer(charity, Outcome.UNAVAILABLE, D(2026, 3, 16), OutcomeReason.NOT_HELD)
    lawyers = make(**organisation_applicant(C.LEGAL_SERVICES, "秘密律师事务所"))
    apps["repeated"] = answer(lawyers, Outcome.NOT_PROCESSED, D(2026, 3, 20), OutcomeReason.REPEATED)
    abandoned = make(**organisation_applicant(C.OTHER, "秘密协会"))
    services.application_request_correction(
        application=abandoned, user=handler, items="请写明年度。", days=5, on=D(2026, 3, 3)
    )
    services.application_abandon_uncorrected(application=abandoned, on=D(2026, 3, 20))
    apps["abandoned"] = abandoned
    apps["open"] = make()
    december = make(submitted_at=at(D(2025, 12, 29)))
    apps["december"] = answer(december, Outcome.DISCLOSED, D(2026, 1, 5))
    services.review_save(
        review=Review(
            application=apps["late"],
            kind=Review.Kind.RECONSIDERATION,
            filed_on=D(2026, 4, 10),
            decided_on=D(2026, 5, 20),
            result=Review.Result.UPHELD,
        ),
        user=handler,
    )
    services.review_save(
        review=Review(application=apps["repeated"], kind=Review.Kind.LAWSUIT, filed_on=D(2026, 4, 20)), user=handler
    )
    return apps
