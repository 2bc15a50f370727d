"""`manage.py bench_letters` prints its figures and leaves the database as it was."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from applications.models import Application

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_the_render_times_and_rolls_its_sample_back():
    out = io.StringIO()

    call_command("bench_letters", runs=1, stdout=out)

    text = out.getvalue()
    for figure in ("告知书 PDF", "告知书 DOCX", "卷宗 PDF", "中位数", "管理页面（申请修改页）查询次数"):
        assert figure in text
    assert not Application.objects.exists()
