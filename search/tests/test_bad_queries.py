"""Hostile or broken input gets the normal page on SQLite and on PostgreSQL alike
(CI runs the whole suite on both)."""

from __future__ import annotations

import pytest

URL = "/search/"

BAD_QUERIES = [
    "养老" * 5000,
    "a" * 10000,
    "。，、；：？！…—·《》「」『』【】",
    "!!!",
    "\x00",
    "养\x00老",
    '"养老',
    "'养老",
    "养老 AND 补贴",
    "养老 | 补贴",
    "!养老",
    "养老 & 补贴",
    "养老 <-> 补贴",
    "养老:*",
    "(养老",
    "养老)",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "\\",
    "%",
    "_",
    "{title} : 养老",
    "NEAR(养老 补贴)",
    "养老*",
    "😀",
    "养老😀补贴",
    "\u202e\u200b\ufeff",
    "\ue000",
    "xqgapx",
]


@pytest.mark.parametrize("typed", BAD_QUERIES)
def test_bad_queries_get_the_normal_page(citizen, indexed, typed):
    indexed(title="养老补贴通知")

    response = citizen.get(URL, {"q": typed})

    assert response.status_code == 200
    assert "搜索" in response.content.decode()


@pytest.mark.parametrize("params", [{"page": "9" * 50}, {"year": "99999999999999999999"}, {"q": ["养老", "补贴"]}])
def test_bad_parameters_get_the_normal_page(citizen, indexed, params):
    indexed(title="养老补贴通知")

    assert citizen.get(URL, params).status_code == 200


def test_only_get_and_head_are_allowed(citizen):
    assert citizen.post(URL, {"q": "养老"}).status_code == 405
