"""The staff compliance page: documents published without their interpretation,
or with one published later (imported history), with the gap in days."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from documents.models import DocumentType
from factories import InterpretationFactory, PolicyDocumentFactory, UserFactory, client_for
from interpretations.models import Status

pytestmark = pytest.mark.django_db

URL = "/interpretations/staff/compliance/"
NOW = dt.datetime(2024, 6, 1, 2, 0, tzinfo=dt.UTC)


def published(title: str, days_ago: int, **fields):
    return PolicyDocumentFactory(title=title, published=True, published_at=NOW - dt.timedelta(days=days_ago), **fields)


@pytest.fixture
def history():
    missing = published("没有解读的规范性文件", 30, doc_type=DocumentType.NORMATIVE)
    late = published("解读晚发的规范性文件", 100, doc_type=DocumentType.NORMATIVE)
    InterpretationFactory(
        document=late, status=Status.PUBLISHED, published_at=late.published_at + dt.timedelta(days=45)
    )
    synchronous = published("同步发布的规范性文件", 50, doc_type=DocumentType.NORMATIVE)
    InterpretationFactory(document=synchronous, published=True)
    published("不需要解读的通知", 10, doc_type=DocumentType.NOTICE)
    flagged = published("标记需要解读的计划", 5, doc_type=DocumentType.PLAN, interpretation_required=True)
    withdrawn_only = published("解读已撤回的规范性文件", 20, doc_type=DocumentType.NORMATIVE)
    InterpretationFactory(document=withdrawn_only, status=Status.WITHDRAWN)
    return {"missing": missing, "late": late, "flagged": flagged, "withdrawn_only": withdrawn_only}


@time_machine.travel(NOW, tick=False)
def test_staff_see_documents_published_without_or_before_their_interpretation(drafter, history):
    response = client_for(drafter).get(URL)

    assert response.status_code == 200
    text = response.content.decode()
    assert "没有解读的规范性文件" in text and "已 30 天" in text
    assert "解读晚发的规范性文件" in text and "晚 45 天" in text
    assert "标记需要解读的计划" in text and "已 5 天" in text
    assert "解读已撤回的规范性文件" in text
    assert "同步发布的规范性文件" not in text
    assert "不需要解读的通知" not in text
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_visitors_are_sent_to_the_login_page(citizen):
    response = citizen.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_signed_in_citizen_is_refused(db):
    response = client_for(UserFactory(username="citizen-a")).get(URL)

    assert response.status_code == 403
