"""The public pages are valid HTML, as the Nu HTML checker (vnu.jar, the W3C validator's
engine) reads them: every page a citizen opens, with the demo data, and a form sent back
with its errors.

The checker comes from the npm registry (package vnu-jar, installed by .ci/run into
var/tools/) and runs on Java. Without it the test is skipped, unless
PORTAL_REQUIRE_BROWSER=1 (set by .ci/run), in which case it fails and says what to install.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from documents.models import PolicyDocument

VNU_VERSION = "26.9.27"
VNU = Path(
    os.environ.get("NU_VALIDATOR_JAR")
    or Path(settings.BASE_DIR) / "var" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
INSTALL = f"npm install --prefix var/tools --no-save vnu-jar@{VNU_VERSION}"

PAGES = [
    "/",
    "/documents/",
    "DETAIL",
    "/documents/normative/",
    "/catalogue/",
    "/search/?q=养老",
    "/xxgk/",
    "/consultations/",
    "/decisions/",
    "/interpretations/",
    "/applications/",
    "/applications/new/",
    "/applications/track/",
    "/applications/statistics/",
    "/reports/annual/",
    "/workpoints/",
    "/data/",
    "/events/",
    "/subscriptions/",
    "/subscribe/",
]


def _checker() -> list[str]:
    java = shutil.which("java")
    if java and VNU.exists():
        return [java, "-Xss8m", "-jar", str(VNU)]
    message = f"HTML 检查需要 Java 和 Nu HTML checker（{VNU}）：请运行 {INSTALL}（并安装 default-jre-headless）。"
    if os.environ.get("PORTAL_REQUIRE_BROWSER", "") == "1":
        pytest.fail(message + "（已设置 PORTAL_REQUIRE_BROWSER=1，因此不能跳过。）", pytrace=False)
    pytest.skip(message)


def validate(files: list[Path]) -> list[dict]:
    """The checker's errors (warnings left out) for each file, as its JSON report gives them."""
    done = subprocess.run(
        [*_checker(), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(done.stderr or '{"messages": []}')["messages"]


@pytest.fixture
def demo(db) -> None:
    for command in ("load_demo", "load_demo_consultations", "load_demo_decisions", "load_demo_applications"):
        call_command(command, stdout=io.StringIO())


def _path(path: str) -> str:
    return PolicyDocument.objects.public().first().get_absolute_url() if path == "DETAIL" else path


def test_the_public_pages_and_a_refused_form_are_valid_html(demo, tmp_path, settings):
    _checker()
    settings.APPLICATIONS_MIN_FILL_SECONDS = 0
    client = Client()
    files = []
    for number, path in enumerate(PAGES):
        response = client.get(_path(path))
        assert response.status_code == 200, path
        files.append(tmp_path / f"page-{number:02d}.html")
        files[-1].write_bytes(response.content)
    refused = client.post("/applications/new/", {"applicant_type": "citizen", "description": "x" * 30})
    assert refused.status_code == 400
    files.append(tmp_path / "refused-form.html")
    files[-1].write_bytes(refused.content)

    errors = validate(files)

    names = {f"page-{n:02d}.html": _path(p) for n, p in enumerate(PAGES)} | {"refused-form.html": "表单错误"}
    found = [f"{names[Path(e['url']).name]}：{e.get('message')}（{e.get('extract', '').strip()[:80]}）" for e in errors]
    assert found == []


def test_the_checker_finds_a_planted_defect(tmp_path):
    """The audit proves something only if it fails on a defect: a duplicate id."""
    page = tmp_path / "planted.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title></head>'
        '<body><p id="a">一</p><p id="a">二</p></body></html>',
        encoding="utf-8",
    )

    assert any("Duplicate ID" in error["message"] for error in validate([page]))
