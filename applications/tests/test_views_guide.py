"""The disclosure guide at /applications/: what it says, where it is linked from, and that
no applicant's data is ever on it."""

from __future__ import annotations

import re

import pytest

from applications import services
from applications.models import Guide
from applications.tests.conftest import APPLICANT

pytestmark = pytest.mark.django_db


def _footer(page: str) -> str:
    return page.split('<footer class="site-footer">', 1)[1]


def test_without_a_stored_guide_it_shows_the_statutory_defaults(citizen):
    response = citizen.get("/applications/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "徐泾镇人民政府政府信息公开指南" in page
    assert "60日内" in page and "6个月内" in page  # the remedies
    assert "20个工作日内予以答复" in page
    assert "国办函〔2020〕109号" in page


def test_it_shows_the_guide_staff_saved(citizen):
    services.guide_save(
        guide=Guide(
            organ_name="徐泾镇人民政府",
            office_address="徐泾镇示范路1号受理窗口",
            office_hours="周一至周五 9:00-17:00",
            phone="021-5976 0000",
            fax="021-5976 0001",
            email="gongkai@xujing.example.gov.cn",
            postcode="201702",
            application_contents="申请表的内容",
            channels="当面、信函、传真、电子邮件",
            procedure="20个工作日内答复",
            fees="一般不收费",
            remedies="60日内申请行政复议，6个月内提起行政诉讼",
        )
    )

    page = citizen.get("/applications/").content.decode()

    for text in ["徐泾镇示范路1号受理窗口", "021-5976 0001", "gongkai@xujing.example.gov.cn", "201702", "一般不收费"]:
        assert text in page, text
    assert "本指南更新于" in page


def test_it_says_how_to_apply_and_links_the_online_form_that_exists(citizen):
    page = citizen.get("/applications/").content.decode()

    assert "如何提出申请" in page
    for channel in ["当面申请", "信函申请", "传真申请", "电子邮件申请"]:
        assert channel in page, channel
    assert "即将" not in page  # nothing promised: the form it links is there
    assert 'href="/applications/new/">在线申请</a>' in page
    assert citizen.get("/applications/new/").status_code == 200


def test_the_home_page_and_the_footer_link_to_it(citizen):
    home = citizen.get("/").content.decode()
    other_page = citizen.get("/consultations/").content.decode()

    assert re.search(r'<ul class="quick-links">.*href="/applications/"', home, re.S)
    assert 'href="/applications/">依申请公开</a>' in _footer(other_page)


def test_no_applicant_data_is_ever_on_the_guide_page(citizen, new_application, organisation):
    new_application(organisation=organisation)

    page = citizen.get("/applications/").content.decode()

    for value in APPLICANT.values():
        if value not in ("citizen", "201702"):  # the type code; the guide's own postcode may be Xujing's
            assert value not in page, value
