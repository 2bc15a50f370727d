"""Derived state of an interpretation: sanitised sections, outline, plain-language figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from factories import InterpretationFactory, PolicyDocumentFactory
from interpretations.models import Form, Interpretation

pytestmark = pytest.mark.django_db


def test_cleaning_sanitises_every_section_and_sets_the_organisation():
    interpretation = InterpretationFactory.build(
        document=PolicyDocumentFactory(),
        how_to_apply='<p onclick="steal()">到窗口办理<script>alert(1)</script></p>',
        scope="<p>   </p>",
        organisation=None,
    )

    interpretation.full_clean()

    assert interpretation.how_to_apply == "<p>到窗口办理</p>"
    assert interpretation.scope == ""
    assert interpretation.organisation_id == interpretation.document.organisation_id
    assert [s["label"] for s in interpretation.filled_sections()] == ["办事指引"]


def test_an_empty_text_interpretation_is_refused():
    interpretation = InterpretationFactory.build(document=PolicyDocumentFactory(), how_to_apply="", form=Form.TEXT)

    with pytest.raises(ValidationError) as error:
        interpretation.full_clean()

    assert "解读内容是空的" in error.value.message_dict["body"][0]


def test_a_follow_up_must_follow_an_interpretation_of_the_same_document():
    original = InterpretationFactory()
    follow_up = InterpretationFactory.build(
        document=PolicyDocumentFactory(), follow_up_of=original, prompting_question="能线上办吗？"
    )

    with pytest.raises(ValidationError) as error:
        follow_up.full_clean()

    assert "同一份文件" in error.value.message_dict["follow_up_of"][0]


def test_reading_length_and_long_sentences():
    long = "甲" * 61
    interpretation = Interpretation(title="解读", how_to_apply=f"<p>{long}。短句。</p>")

    chars, minutes = interpretation.reading_length()

    assert chars == len("解读") + 61 + 1 + 3
    assert minutes == 1
    assert interpretation.long_sentences() == [long + "。"]


def test_plain_text_typed_by_staff_becomes_paragraphs():
    interpretation = InterpretationFactory.build(
        document=PolicyDocumentFactory(), how_to_apply="带上身份证\n\n到窗口办理，材料 < 3 份"
    )

    interpretation.full_clean()

    assert interpretation.how_to_apply == "<p>带上身份证</p><p>到窗口办理，材料 &lt; 3 份</p>"
