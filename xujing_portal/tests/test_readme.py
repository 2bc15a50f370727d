"""The README's layout section names every app and every top-level module of the tree,
so a newcomer reading it finds what is there."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _layout() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 代码结构 (layout)", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```\n(.*?)```", section, re.S).group(1)


def test_the_layout_names_every_app_and_top_level_folder():
    layout = _layout()
    folders = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"xujing_portal", "tests_browser", "locale"}
    missing = sorted(name for name in folders if not re.search(rf"^{name}/", layout, re.M))
    assert not missing, f"README 代码结构 lacks: {missing}"


def test_the_layout_names_the_shared_test_modules_and_scripts():
    layout = _layout()
    for name in ["conftest.py", "factories.py", *(f"bin/{p.name}" for p in (ROOT / "bin").iterdir())]:
        assert name in layout, name


def test_make_test_runs_the_tests_of_every_app():
    """An app's tests/ folder that pytest.ini's testpaths leaves out never runs in `make test`."""
    import configparser

    parser = configparser.ConfigParser()
    parser.read(ROOT / "pytest.ini")
    testpaths = set(parser["pytest"]["testpaths"].split())
    with_tests = {path.parent.name for path in ROOT.glob("*/tests") if path.is_dir() and path.parent.name != ".venv"}
    assert with_tests - testpaths == set()
