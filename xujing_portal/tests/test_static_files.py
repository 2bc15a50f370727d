"""Static files in production: collectstatic with whitenoise's compressed manifest storage
succeeds over every asset (vendored ones and their source maps included), pages name the
hashed files, and whitenoise serves them compressed and cached for a year or more. The
quick start keeps serving static/ straight from the apps' folders, without collectstatic."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from .test_settings import production_env, run_python

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"
SETTINGS_OF = "import django; django.setup(); from django.conf import settings as s; "


def test_production_settings_choose_the_compressed_manifest_storage():
    code = (
        SETTINGS_OF + "print(s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_USE_FINDERS, s.WHITENOISE_AUTOREFRESH)"
    )
    production = run_python(code, **production_env())
    quick_start = run_python(code)

    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == [MANIFEST, "False", "False"]
    assert quick_start.stdout.split() == ["django.contrib.staticfiles.storage.StaticFilesStorage", "True", "True"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic into a temporary STATIC_ROOT, as a deploy runs it."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": MANIFEST},
    }
    with override_settings(
        STATIC_ROOT=root, STORAGES=storages, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False, DEBUG=False
    ):
        call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
        yield root


def _served(path: str, accept_encoding: str) -> HttpResponse:
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse("not a static file", status=404))
    return middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept_encoding))


@pytest.mark.parametrize("asset", ["css/portal.css", "js/portal.js", "vendor/swagger-ui/swagger-ui-bundle.js"])
@pytest.mark.parametrize(("accept", "encoding"), [("gzip", "gzip"), ("gzip, deflate, br", "br")])
def test_a_hashed_asset_is_served_compressed_and_cached_for_years(collected, asset, accept, encoding):
    url = static(asset)
    assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url  # the page names the hashed file

    response = _served(url, accept)

    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 3600


def test_the_unhashed_name_is_only_briefly_cached(collected):
    response = _served("/static/css/portal.css", "gzip")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_the_pages_of_the_portal_name_hashed_files(collected, client, db):
    page = client.get("/").content.decode()

    assert re.search(r'href="/static/css/portal\.[0-9a-f]{12}\.css"', page)
    assert re.search(r'src="/static/js/portal\.[0-9a-f]{12}\.js"', page)
