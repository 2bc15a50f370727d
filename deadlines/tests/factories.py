from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group

from deadlines import services
from deadlines.models import Deadline
from organisations.models import Organisation

LEGAL_BASIS = "《中华人民共和国政府信息公开条例》第三十三条"


def subject(name: str = "测试事项") -> Group:
    """Any model can carry a deadline; a Group keeps the tests independent of other apps."""
    return Group.objects.create(name=f"{name}-{Group.objects.count()}")


def start_deadline(
    *,
    start: dt.date,
    working_days: int = 20,
    organisation: Organisation | None = None,
    kind: str = "request_reply",
    on=None,
    remind_before: int | None = None,
) -> Deadline:
    return services.deadline_start(
        subject=on or subject(),
        kind=kind,
        purpose="答复政府信息公开申请",
        legal_basis=LEGAL_BASIS,
        start=start,
        working_days=working_days,
        organisation=organisation,
        remind_before=remind_before,
    )
