"""Starting a web process does not import the clustering libraries: only the staff page
that clusters questions does (scikit-learn took seconds of every worker's start)."""

from __future__ import annotations

import subprocess
import sys

from xujing_portal.tests.test_settings import BASE_DIR

CODE = (
    "import django, sys; django.setup(); from django.urls import resolve; resolve('/'); "
    "print(sorted(m for m in ('sklearn', 'scipy', 'numpy') if m in sys.modules))"
)


def test_loading_the_url_configuration_imports_no_clustering_library():
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "xujing_portal.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "sklearn" not in result.stdout and "scipy" not in result.stdout
