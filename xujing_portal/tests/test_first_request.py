"""A new web worker is ready before its first request without what only staff pages need:
xujing_portal.wsgi loads the URL configuration (gunicorn forks workers with it, preload_app)
but not scikit-learn or scipy, which the question-clustering staff page imports. (numpy is
loaded: the public counts are numpy arrays, documents.aggregates.)"""

from __future__ import annotations

from xujing_portal.tests.test_settings import run_python

CODE = (
    "import sys, xujing_portal.wsgi; from django.urls import resolve; "
    "[resolve(p) for p in ('/', '/documents/', '/consultations/', '/api/documents/', '/search/')]; "
    "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules)); "
    "print('xujing_portal.urls' in sys.modules)"
)


def test_the_web_entry_point_loads_the_urls_but_no_clustering_library():
    result = run_python(CODE)

    assert result.returncode == 0, result.stderr
    heavy, urls_loaded = result.stdout.split("\n")[:2]
    assert heavy == "[]"
    assert urls_loaded == "True"
