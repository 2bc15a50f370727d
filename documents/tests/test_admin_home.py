"""The admin for each role: the start page links only what the role may open, staff are
named family name first, and the admin's own words are in Chinese."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from factories import client_for, make_draft, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db

REPORTS = {
    "要素完整性报告": "documents:completeness",
    "我的办理时限": "deadlines:mine",
    "留言聚类与常见问题": "consultations:clusters",
    "留言办理统计": "consultations:statistics",
}


def home(user) -> str:
    return client_for(user).get(reverse("admin:index")).content.decode()


def test_a_drafter_sees_only_the_reports_they_may_open(drafter):
    page = home(drafter)
    client = client_for(drafter)

    for label, name in REPORTS.items():
        shown = f'href="{reverse(name)}"' in page
        status = client.get(reverse(name)).status_code
        assert shown == (status == 200), (label, shown, status)
    assert reverse("consultations:statistics") not in page


def test_a_dispatcher_sees_the_message_reports(organisation):
    from consultations.permissions import DISPATCHER

    dispatcher = make_staff(roles.DRAFTER, organisation, "dispatcher")
    dispatcher.groups.add(Group.objects.get(name=DISPATCHER))

    page = home(dispatcher)

    assert f'href="{reverse("consultations:clusters")}"' in page
    assert f'href="{reverse("consultations:statistics")}"' in page
    assert client_for(dispatcher).get(reverse("consultations:statistics")).status_code == 200


def test_staff_are_named_family_name_first(organisation, drafter):
    drafter.first_name, drafter.last_name = "起草", "王"
    drafter.save(update_fields=["first_name", "last_name"])
    document = make_draft(organisation, drafter)
    client_for(drafter).post(reverse("admin:documents_policydocument_workflow", args=[document.pk, "submit"]))

    page = client_for(drafter).get(reverse("admin:documents_policydocument_change", args=[document.pk]))

    html = page.content.decode()
    assert "王起草" in html  # 起草人 and the workflow record
    assert "起草 王" not in html
    assert "您好，<strong>王起草</strong>" in html
    assert '<div class="readonly">drafter</div>' not in html


def test_the_admin_javascript_catalogue_translates_the_filter_widget(drafter):
    catalogue = client_for(drafter).get(reverse("admin:jsi18n")).content.decode()

    assert '"Choose all %s": "\\u5168\\u9009%s"' in catalogue or '"Choose all %s": "全选%s"' in catalogue
    assert "Remove all %s" in catalogue
    assert "\\u5168\\u90e8\\u79fb\\u9664" in catalogue or "全部移除" in catalogue


def test_the_start_page_says_no_actions_in_plain_chinese(drafter):
    page = home(drafter)

    assert "无可选的" not in page
    assert "暂无记录" in page


def test_the_two_box_audience_widget_explains_itself_in_chinese(drafter):
    page = client_for(drafter).get(reverse("admin:documents_policydocument_add")).content.decode()

    assert "点“选择”箭头移到右侧" in page
    assert "按住 Control" not in page.split('id="id_target_groups_helptext"')[1][:300]


def test_file_fields_name_the_stored_file_in_plain_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Currently") == "当前文件"
        assert translation.gettext("Add another %(verbose_name)s") == "再添加一个%(verbose_name)s"


def test_the_historical_review_names_who_decided_family_name_first(administrator, organisation):
    from documents import services
    from documents.models import DisclosureAttribute
    from factories import PolicyDocumentFactory

    administrator.first_name, administrator.last_name = "管理", "陈"
    administrator.save(update_fields=["first_name", "last_name"])
    filed = PolicyDocumentFactory(
        organisation=organisation, published=True, disclosure_attribute=DisclosureAttribute.ON_REQUEST
    )
    services.document_decide_historical(documents=[filed], user=administrator, to_attribute="keep", comment="仍需申请")

    page = client_for(administrator).get(reverse("documents:historical_review")).content.decode()

    assert "· 陈管理 ·" in page
