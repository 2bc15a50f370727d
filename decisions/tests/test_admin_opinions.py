"""Opinions in the admin: a submitted opinion is a record, its disposition goes through the
service with a reason for 不予采纳, and an activity or article must be the opinion's own decision's."""

from __future__ import annotations

import datetime as dt

import pytest

from decisions.models import Activity, Disposition, Opinion
from factories import DecisionFactory, DraftArticleFactory, OpinionFactory, client_for

pytestmark = pytest.mark.django_db


def _change_url(opinion) -> str:
    return f"/admin/decisions/opinion/{opinion.pk}/change/"


@pytest.fixture
def opinion(organisation):
    return OpinionFactory(
        decision=DecisionFactory(organisation=organisation),
        author_name="王小明",
        contact_phone="13812345678",
        body="建议把补贴申请时限延长到60天。",
    )


def test_a_submitted_opinion_cannot_be_rewritten(decision_staff, opinion):
    submitted_at = opinion.submitted_at
    response = client_for(decision_staff).post(
        _change_url(opinion),
        {
            "body": "工作人员改写后的意见",
            "author_name": "张三",
            "contact_phone": "13900000000",
            "submitted_at_0": "2020-01-01",
            "submitted_at_1": "08:00:00",
            "disposition": Disposition.ADOPTED,
            "disposition_reason": "",
        },
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert (opinion.body, opinion.author_name, opinion.contact_phone) == (
        "建议把补贴申请时限延长到60天。",
        "王小明",
        "13812345678",
    )
    assert opinion.submitted_at == submitted_at
    assert opinion.disposition == Disposition.ADOPTED and opinion.disposed_by == decision_staff
    page = client_for(decision_staff).get(_change_url(opinion)).content.decode()
    assert 'name="body"' not in page and 'name="author_name"' not in page and 'name="contact_phone"' not in page


def test_not_adopting_needs_a_reason_which_is_kept_with_the_opinion(decision_staff, opinion):
    client = client_for(decision_staff)
    refused = client.post(_change_url(opinion), {"disposition": Disposition.NOT_ADOPTED, "disposition_reason": " "})
    assert refused.status_code == 200 and "不予采纳必须说明理由" in refused.content.decode()
    opinion.refresh_from_db()
    assert opinion.disposition == ""
    client.post(_change_url(opinion), {"disposition": Disposition.NOT_ADOPTED, "disposition_reason": "与上位法不符。"})
    opinion.refresh_from_db()
    assert (opinion.disposition, opinion.disposition_reason, opinion.disposed_by) == (
        Disposition.NOT_ADOPTED,
        "与上位法不符。",
        decision_staff,
    )


def test_the_list_offers_no_inline_disposition(decision_staff, opinion):
    page = client_for(decision_staff).get("/admin/decisions/opinion/").content.decode()
    assert "建议把补贴申请时限延长到60天" in page
    assert 'name="form-0-disposition"' not in page


def test_a_grouped_opinion_is_decided_in_its_group(decision_staff, opinion):
    from decisions import services

    OpinionFactory(decision=opinion.decision, body=opinion.body)
    services.opinion_group_similar(decision=opinion.decision, user=decision_staff)
    opinion.refresh_from_db()
    assert opinion.group is not None
    page = client_for(decision_staff).get(_change_url(opinion)).content.decode()
    assert 'name="disposition"' not in page and "该组统一处理" in page


def test_another_units_opinion_cannot_be_opened_or_disposed(other_decision_staff, opinion):
    client = client_for(other_decision_staff)
    assert client.get(_change_url(opinion)).status_code == 302  # the admin's "does not exist"
    client.post(_change_url(opinion), {"disposition": Disposition.ADOPTED, "disposition_reason": ""})
    opinion.refresh_from_db()
    assert opinion.disposition == ""


def test_staff_record_an_opinion_from_a_forum_of_their_own_decision(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    forum = Activity.objects.create(decision=decision, kind="forum", held_on=dt.date(2023, 9, 1), participants=9)
    elsewhere = DecisionFactory(organisation=organisation, title="另一项决策")
    other_forum = Activity.objects.create(decision=elsewhere, kind="forum", held_on=dt.date(2023, 9, 2), participants=3)
    client = client_for(decision_staff)

    form = client.get(f"/admin/decisions/opinion/add/?decision={decision.pk}").context["adminform"].form
    assert list(form.fields["activity"].queryset) == [forum]

    data = {
        "decision": decision.pk,
        "channel": Opinion.Channel.FORUM,
        "activity": other_forum.pk,
        "submitter_type": Opinion.SubmitterType.ENTERPRISE,
        "author_name": "某科技有限公司",
        "body": "建议简化申请材料。",
        "submitted_at_0": "2023-09-01",
        "submitted_at_1": "15:00:00",
    }
    refused = client.post("/admin/decisions/opinion/add/", data)
    assert refused.status_code == 200 and not Opinion.objects.exists()
    assert "所选参与活动不属于本决策事项" in refused.content.decode()

    client.post("/admin/decisions/opinion/add/", {**data, "activity": forum.pk})
    opinion = Opinion.objects.get()
    assert (opinion.activity, opinion.channel, opinion.decision) == (forum, Opinion.Channel.FORUM, decision)


def test_an_article_of_another_decision_is_refused_by_the_model(organisation):
    from django.core.exceptions import ValidationError

    opinion = OpinionFactory.build(decision=DecisionFactory(organisation=organisation))
    opinion.article = DraftArticleFactory(decision=DecisionFactory(organisation=organisation))
    with pytest.raises(ValidationError, match="属于另一项决策"):
        opinion.full_clean()


def test_opinions_are_never_deleted(administrator, opinion):
    response = client_for(administrator).post(f"/admin/decisions/opinion/{opinion.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Opinion.objects.filter(pk=opinion.pk).exists()
