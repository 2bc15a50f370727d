"""After a failed submit every public form tells a screen reader what went wrong and where:
each field's help and error carry the ids Django's widgets point `aria-describedby` at
(`id_<name>_helptext`, `id_<name>_error`), the error summary takes focus (tabindex=-1,
moved there by portal.js) and the page title starts with "错误："."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from decisions.models import Stage
from factories import DecisionFactory, client_for, put_in_stage

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The ids in a page, the aria-describedby of its fields, its title and error summaries."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.described: dict[str, list[str]] = {}
        self.summaries: list[dict[str, str | None]] = []
        self.title = ""
        self._open: list[tuple[str, str]] = []  # (tag, id) of the elements whose text is collected
        self._texts: dict[str, list[str]] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        if attributes.get("id"):
            self.ids[attributes["id"]] = tag
            self._open.append((tag, attributes["id"]))
            self._texts[attributes["id"]] = []
        if attributes.get("aria-describedby"):
            self.described[attributes.get("name") or attributes.get("id")] = attributes["aria-describedby"].split()
        if "data-error-summary" in attributes:
            self.summaries.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for _tag, element_id in self._open:
            self._texts[element_id].append(data)

    def text(self, element_id: str) -> str:
        return "".join(self._texts.get(element_id, [])).strip()


def _read(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def _assert_told_what_went_wrong(response) -> _Page:
    assert response.status_code in (200, 400), response.status_code
    page = _read(response)
    assert page.title.startswith("错误："), page.title
    assert len(page.summaries) >= 1, "no error summary"
    assert page.summaries[0].get("tabindex") == "-1"
    assert page.described, "no field is described"
    for name, targets in page.described.items():
        for target in targets:
            assert target in page.ids, f"{name}: aria-describedby points at {target}, which is not on the page"
            assert page.text(target), f"{name}: {target} is empty"
    assert any(target.endswith("_error") for targets in page.described.values() for target in targets)
    return page


def test_the_message_board_links_each_error_and_help_to_its_field(client, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    cache.clear()
    from consultations.forms import new_form_token

    response = client.post("/consultations/", {"asker_type": "citizen", "title": "", "form_token": new_form_token()})
    page = _assert_told_what_went_wrong(response)
    assert "id_question_error" in page.described["question"]
    assert "id_phone_helptext" in page.described["phone"] or "id_phone_error" in page.described["phone"]
    assert page.text("id_consent_error")  # the radio groups' errors carry the ids too


def test_the_online_application_links_each_error_and_help_to_its_field(client, settings):
    settings.APPLICATIONS_MIN_FILL_SECONDS = 0
    cache.clear()
    from applications.forms import new_form_token

    response = client.post("/applications/new/", {"applicant_type": "citizen", "form_token": new_form_token()})
    page = _assert_told_what_went_wrong(response)
    assert "id_description_error" in page.described["description"]


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_comment_on_a_decision_links_each_error_and_help_to_its_field(client, organisation, drafter):
    decision = DecisionFactory(
        organisation=organisation, comment_opens_on=dt.date(2023, 9, 1), comment_closes_on=dt.date(2023, 9, 30)
    )
    put_in_stage(decision, Stage.CONSULTATION, drafter)
    cache.clear()
    response = client.post(reverse("decisions:comment", args=[decision.catalogue.year, decision.pk]), {"body": ""})
    page = _assert_told_what_went_wrong(response)
    assert "id_body_error" in page.described["body"]


def test_a_password_change_links_each_error_to_its_field(enterprise_user):
    response = client_for(enterprise_user).post(
        "/accounts/password/change/", {"old_password": "wrong", "new_password1": "a", "new_password2": "b"}
    )
    page = _assert_told_what_went_wrong(response)
    assert "id_old_password_error" in page.described["old_password"]


def test_a_page_without_errors_has_no_error_title(client):
    page = _read(client.get("/consultations/"))
    assert not page.title.startswith("错误：")
    assert page.summaries == []


def test_portal_js_moves_focus_to_the_error_summary():
    script = (Path(django_settings.BASE_DIR) / "static/js/portal.js").read_text()
    assert re.search(r'querySelector\("\[data-error-summary\]"\)', script)
    assert ".focus()" in script


def test_every_field_has_the_same_focus_ring_the_message_textarea_included():
    css = (Path(django_settings.BASE_DIR) / "static/css/portal.css").read_text()
    rule = re.search(r"((?:[a-z]+:focus-visible,\s*)+main:focus-visible)\s*\{", css)
    assert rule, "the shared focus rule of the form fields is gone"
    selectors = {selector.strip() for selector in rule.group(1).split(",")}
    assert {"input:focus-visible", "select:focus-visible", "textarea:focus-visible"} <= selectors
    # No stylesheet gives a textarea a focus ring of its own.
    for sheet in (Path(django_settings.BASE_DIR) / "static/css").glob("*.css"):
        assert not re.search(r"textarea:focus-visible\s*\{", sheet.read_text()), sheet.name
