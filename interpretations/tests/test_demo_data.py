"""`load_demo_interpretations`: interpretations of the seed document and demo policies; idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from documents.models import PolicyDocument
from interpretations.models import Form, Interpretation, Status
from interpretations.selectors import compliance_gaps

pytestmark = pytest.mark.django_db


def test_demo_interpretations_load_once_and_go_out_with_their_policies():
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_interpretations", stdout=out)
    assert "跳过" not in out.getvalue()
    count = Interpretation.objects.count()

    call_command("load_demo_interpretations", stdout=io.StringIO())

    assert Interpretation.objects.count() == count >= 6
    seed = PolicyDocument.objects.get(doc_number="徐府发〔2023〕32号")
    original = seed.interpretations.originals().get()
    assert original.status == Status.PUBLISHED and original.published_at == seed.published_at
    assert original.how_to_apply
    assert seed.interpretations.exclude(follow_up_of=None).get().prompting_question
    assert set(Interpretation.objects.values_list("form", flat=True)) >= {Form.TEXT, Form.QA, Form.GRAPHIC, Form.EXPERT}
    assert all(image.alt_text for image in Interpretation.objects.get(form=Form.GRAPHIC).images.all())
    late = [gap for gap in compliance_gaps() if not gap.missing]
    assert [(gap.document.doc_number, gap.gap_days) for gap in late] == [("徐经发〔2022〕11号", 45)]
