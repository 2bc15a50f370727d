"""Anonymous pages come from the page cache, and every change they show drops them within
the request that made it: on every cached surface, a publication, a withdrawal, an edit
after publication, an expiry, a new interpretation and a board reply show on the very
next anonymous request. Signed-in users never get a cached page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import FAQ
from documents import services
from documents.models import DocumentType, Validity
from documents.sitemaps import page_of
from documents.tasks import sweep_validity
from factories import (
    CatalogTagFactory,
    CatalogueItemFactory,
    FAQFactory,
    InterpretationFactory,
    PolicyDocumentFactory,
    client_for,
    make_draft,
    make_enterprise_user,
    make_targeted_document,
)
from interpretations import services as interpretation_services
from xujing_portal import pagecache

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Every cached surface, each with a page that lists (or is) the document of the fixtures.
SURFACES = [
    "/",
    "/documents/",
    "/documents/?tag=housing",
    "/documents/normative/",
    "detail",
    "/catalogue/",
    "/catalogue/items/0202/",
    "/organisations/office/",
    "/feeds/latest.rss",
    "/feeds/tags/housing.atom",
    "/feeds/organisations/office.rss",
    "sitemap",
    "/api/documents/",
]


@pytest.fixture
def housing(db):
    return CatalogTagFactory(name="住房保障", slug="housing")


@pytest.fixture
def shown(organisation, housing):
    """A public normative document on every surface (the catalogue lists it under 0202)."""
    return PolicyDocumentFactory(
        published=True,
        organisation=organisation,
        title="住房保障实施办法",
        doc_type=DocumentType.NORMATIVE,
        catalogue_item=CatalogueItemFactory(code="0202", name="政策文件"),
        tags=[housing],
    )


def url_of(surface: str, document) -> str:
    if surface == "detail":
        return document.get_absolute_url()
    if surface == "sitemap":  # the documents' sitemap file that lists it
        return f"/sitemap-documents.xml?p={page_of(document.pk)}"
    return surface


def get(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, response.content.decode()


def mentions(text: str, document) -> bool:
    """Whether a page shows the document, by title or by address."""
    return document.title in text or f"/documents/{document.pk}/" in text


def publish(document, drafter, reviewer, signer):
    services.document_submit(document=document, user=drafter)
    services.document_approve_review(document=document, user=reviewer)
    return services.document_sign(document=document, user=signer)


@pytest.mark.parametrize("surface", [*SURFACES, "/sitemap.xml"])
def test_an_anonymous_page_is_answered_from_the_cache_the_second_time(citizen, shown, surface):
    first, text = get(citizen, url_of(surface, shown))
    again, text_again = get(citizen, url_of(surface, shown))

    assert first[pagecache.HIT_HEADER] == "miss"
    assert again[pagecache.HIT_HEADER] == "hit"
    assert text_again == text
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("surface", SURFACES)
def test_a_withdrawal_leaves_every_cached_page_on_the_next_request(citizen, shown, signer, surface):
    url = url_of(surface, shown)
    get(citizen, url)
    response, before = get(citizen, url)
    assert response[pagecache.HIT_HEADER] == "hit"

    services.document_withdraw(document=shown, user=signer, comment="内容有误，撤回")

    response = citizen.get(url)
    if surface == "detail":
        assert response.status_code == 404
    elif surface == "/catalogue/":  # it shows counts, not titles
        assert response[pagecache.HIT_HEADER] == "miss"
        assert response.content.decode() != before
    else:
        assert mentions(before, shown)
        assert not mentions(response.content.decode(), shown)


@pytest.mark.parametrize("surface", [s for s in SURFACES if s != "detail"])
def test_a_publication_shows_on_every_cached_page_on_the_next_request(
    citizen, shown, organisation, housing, drafter, reviewer, signer, surface
):
    get(citizen, url_of(surface, shown))
    before = get(citizen, url_of(surface, shown))[1]  # cached
    draft = make_draft(
        organisation,
        drafter,
        title="新发布的住房保障细则",
        doc_type=DocumentType.NORMATIVE,
        catalogue_item=shown.catalogue_item,
        tags=[housing],
    )
    InterpretationFactory(document=draft, created_by=drafter)  # 三同步: drafted with it

    publish(draft, drafter, reviewer, signer)

    response, text = get(citizen, url_of(surface, draft))
    assert response[pagecache.HIT_HEADER] == "miss"
    if surface == "/catalogue/":
        assert text != before
    else:
        assert mentions(text, draft)


@pytest.mark.parametrize("surface", SURFACES)
def test_an_edit_after_publication_shows_on_the_next_request(citizen, shown, signer, surface):
    url = url_of(surface, shown)
    get(citizen, url)
    response, before = get(citizen, url)
    assert response[pagecache.HIT_HEADER] == "hit"

    shown.title = "住房保障实施办法（修订）"
    shown.save()
    services.document_save_edit(document=shown, user=signer, changed=["title"])

    response, text = get(citizen, url)
    assert response[pagecache.HIT_HEADER] == "miss"
    if surface not in ("/catalogue/", "sitemap"):  # those show no titles
        assert "住房保障实施办法（修订）" in text


@pytest.mark.parametrize("surface", ["/", "/documents/normative/", "detail"])
def test_an_expiry_at_midnight_leaves_the_cached_pages_that_day(citizen, organisation, surface):
    document = PolicyDocumentFactory(
        published=True,
        organisation=organisation,
        title="到期的规范性文件",
        doc_type=DocumentType.NORMATIVE,
        expiry_date=dt.date(2030, 6, 30),
    )
    url = url_of(surface, document)
    with time_machine.travel(dt.datetime(2030, 6, 30, 23, 50, tzinfo=SHANGHAI), tick=False):
        get(citizen, url)
        before = get(citizen, url)
        assert before[0][pagecache.HIT_HEADER] == "hit"
    with time_machine.travel(dt.datetime(2030, 7, 1, 0, 5, tzinfo=SHANGHAI), tick=False):
        # No sweep has run yet: the date in the key is enough.
        response, text = get(citizen, url)
        assert response[pagecache.HIT_HEADER] == "miss"
        if surface == "detail":
            assert "已失效" in text
        elif surface == "/":  # the latest list marks it, the normative list drops it
            assert "badge--expired" in text and "badge--expired" not in before[1]
        else:
            assert "到期的规范性文件" not in text
        sweep_validity()
        document.refresh_from_db()
        assert document.validity == Validity.EXPIRED


def test_a_new_interpretation_shows_on_its_policys_cached_page(citizen, shown, organisation, drafter, signer):
    get(citizen, shown.get_absolute_url())
    get(citizen, shown.get_absolute_url())
    interpretation = InterpretationFactory(document=shown, title="一图读懂住房保障实施办法", created_by=drafter)

    interpretation_services.interpretation_publish(interpretation=interpretation, user=signer)

    assert "一图读懂住房保障实施办法" in get(citizen, shown.get_absolute_url())[1]


def test_a_withdrawn_interpretation_leaves_its_policys_cached_page(citizen, shown, signer):
    interpretation = InterpretationFactory(document=shown, title="住房保障实施办法解读", published=True)
    get(citizen, shown.get_absolute_url())
    assert "住房保障实施办法解读" in get(citizen, shown.get_absolute_url())[1]

    interpretation_services.interpretation_withdraw(interpretation=interpretation, user=signer, reason="内容过时")

    assert "住房保障实施办法解读" not in get(citizen, shown.get_absolute_url())[1]


def test_a_new_faq_shows_on_the_cached_board(citizen):
    get(citizen, "/consultations/")
    assert get(citizen, "/consultations/")[0][pagecache.HIT_HEADER] == "hit"

    consultation_services.faq_save(faq=FAQFactory.build(question="公租房怎么申请？", answer="向社区事务受理中心申请。"))

    assert "公租房怎么申请？" in get(citizen, "/consultations/")[1]
    faqs = FAQ.objects.filter(question="公租房怎么申请？")
    consultation_services.faq_delete(faqs=faqs)
    assert "公租房怎么申请？" not in get(citizen, "/consultations/")[1]


def test_each_visitor_of_the_cached_board_gets_its_own_form_tokens(db):
    first, second = Client(), Client()
    one, text_one = get(first, "/consultations/")
    two, text_two = get(second, "/consultations/")
    assert (one[pagecache.HIT_HEADER], two[pagecache.HIT_HEADER]) == ("miss", "hit")

    def tokens(text: str) -> tuple[str, str]:
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        form = re.search(r'name="form_token" value="([^"]+)"', text).group(1)
        return csrf, form

    assert tokens(text_one)[0] != tokens(text_two)[0]
    assert tokens(text_one)[1] != tokens(text_two)[1]
    assert "pagecache" not in text_two
    assert "csrftoken" in two.cookies  # the second visitor's token matches its own cookie


def test_the_tokens_of_a_cached_board_are_accepted(citizen):
    get(citizen, "/consultations/")  # cached by another visitor
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/consultations/")
    assert page[pagecache.HIT_HEADER] == "hit"
    text = page.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
    form_token = re.search(r'name="form_token" value="([^"]+)"', text).group(1)

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        posted = visitor.post("/consultations/", {"csrfmiddlewaretoken": token, "form_token": form_token})

    assert posted.status_code == 400  # refused for the missing fields, not 403 for the CSRF token
    assert "请填写您的姓名。" in posted.content.decode()
    assert "页面已失效" not in posted.content.decode()  # the form's own token was valid


def test_a_signed_in_user_never_gets_a_cached_anonymous_page(citizen, organisation):
    residents = Group.objects.create(name="前明村村民")
    make_targeted_document(residents, organisation=organisation, title="仅向前明村村民公开的通知")
    member = make_enterprise_user("resident-a", residents)
    get(citizen, "/documents/")
    assert get(citizen, "/documents/")[0][pagecache.HIT_HEADER] == "hit"

    response, text = get(client_for(member), "/documents/")

    assert not response.has_header(pagecache.HIT_HEADER)
    assert "仅向前明村村民公开的通知" in text
    assert "仅向前明村村民公开的通知" not in get(citizen, "/documents/")[1]


def test_a_scheduled_publication_shows_once_its_time_has_come(citizen, organisation):
    now = timezone.now()
    PolicyDocumentFactory(
        organisation=organisation,
        title="定时发布的通知",
        status="published",
        published_at=now + dt.timedelta(hours=1),
        scheduled_publish_at=now + dt.timedelta(hours=1),
    )
    with time_machine.travel(now, tick=False):
        get(citizen, "/documents/")
        assert "定时发布的通知" not in get(citizen, "/documents/")[1]
    with time_machine.travel(now + dt.timedelta(hours=1, minutes=1), tick=False):
        assert "定时发布的通知" in get(citizen, "/documents/")[1]


@pytest.mark.parametrize("surface", ["detail", "/feeds/latest.rss", "/api/documents/"])
def test_a_cached_page_is_answered_304_while_unchanged(citizen, shown, surface):
    url = url_of(surface, shown)
    etag = citizen.get(url)["ETag"]
    cached = citizen.get(url, HTTP_IF_NONE_MATCH=etag)

    assert cached.status_code == 304


def test_a_change_saved_in_the_admin_drops_the_cached_pages(citizen, shown, organisation, administrator):
    get(citizen, "/organisations/office/")
    get(citizen, "/organisations/office/")
    admin = client_for(administrator)
    page = admin.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["name"] = "徐泾镇人民政府办公室（改名）"
    saved = admin.post(f"/admin/organisations/organisation/{organisation.pk}/change/", data)
    assert saved.status_code == 302, saved.content.decode()[:2000]

    assert "徐泾镇人民政府办公室（改名）" in get(citizen, "/organisations/office/")[1]


def test_the_page_cache_can_be_turned_off(citizen, shown, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(citizen, "/documents/")
    assert not get(citizen, "/documents/")[0].has_header(pagecache.HIT_HEADER)


def test_a_made_up_long_query_is_answered_but_not_kept(citizen, shown):
    url = "/documents/?" + "&".join(f"x{i}=1" for i in range(20))

    first, again = citizen.get(url), citizen.get(url)

    assert first.status_code == again.status_code == 200
    assert not again.has_header(pagecache.HIT_HEADER)
