"""RSS and Atom feeds of the latest public documents: overall, per tag and per issuing
organisation (items 7, 23).

Opened in a browser, a feed reads as a page: it is served as application/xml (browsers
show application/rss+xml as raw text or download it) with a CSS stylesheet
(static/feeds/feed.css, by an xml-stylesheet instruction), and carries a few XHTML
elements that feed readers ignore: a note on what the page is, with a link to
/subscribe/, and for each item a link with its date and issuing organ. CSS rather than
XSLT: Chromium is removing XSLT and already shows a warning banner over such pages.
Other apps' feeds get the same by subclassing `ReadableFeed` (and `ReadableAtomFeed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.functional import lazy
from django.utils.html import linebreaks, strip_tags
from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator

from organisations.models import Organisation

from .models import CatalogTag, PolicyDocument

FEED_LENGTH = 30
XHTML = "http://www.w3.org/1999/xhtml"
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"
STYLESHEET = Stylesheet(lazy(static, str)("feeds/feed.css"), mimetype="text/css")
# The language tag the pages carry (<html lang="zh-CN">), not LANGUAGE_CODE's zh-hans:
# one tag for the whole site.
FEED_LANGUAGE = "zh-CN"


@dataclass(frozen=True)
class FeedLink:
    """A feed a page offers: shown as a link and named in the page's head."""

    title: str
    rss: str
    atom: str


def feed_links(*, tag: CatalogTag | None = None, organisation: Organisation | None = None) -> list[FeedLink]:
    """The per-tag and per-organisation feeds of what a page lists."""
    links = []
    if tag is not None:
        links.append(
            FeedLink(
                title=f"标签“{tag.name}”的政策文件",
                rss=reverse("documents:tag_feed_rss", args=[tag.slug]),
                atom=reverse("documents:tag_feed_atom", args=[tag.slug]),
            )
        )
    if organisation is not None:
        links.append(
            FeedLink(
                title=f"{organisation.name}的政策文件",
                rss=reverse("documents:organisation_feed_rss", args=[organisation.slug]),
                atom=reverse("documents:organisation_feed_atom", args=[organisation.slug]),
            )
        )
    return links


class _ReadableMixin:
    """What both generators add for a browser: the XHTML namespace, the note, item links."""

    content_type = FEED_CONTENT_TYPE
    kind_label = "RSS"

    def add_about(self, handler: SimplerXMLGenerator) -> None:
        handler.startElement("h:div", {"class": "feed-about"})
        handler.addQuickElement(
            "h:p",
            f"这是一个 {self.kind_label} 订阅源，供阅读器软件读取。把本页地址复制到 RSS 阅读器中，"
            "有新内容时阅读器会自动收到，不必再来网站查看。",
        )
        if self.feed["feed_url"]:
            handler.startElement("h:p", {"class": "feed-about__url"})
            handler.characters("订阅地址：")
            handler.addQuickElement("h:code", self.feed["feed_url"])
            handler.endElement("h:p")
        handler.startElement("h:p", {"class": "feed-about__links"})
        handler.addQuickElement("h:a", "什么是订阅源，怎样订阅", {"href": reverse("documents:subscribe")})
        handler.characters(" · ")
        handler.addQuickElement("h:a", "在网站上查看", {"href": self.feed["link"]})
        handler.endElement("h:p")
        handler.endElement("h:div")

    def add_item_link(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.startElement("h:div", {"class": "feed-item"})
        handler.addQuickElement("h:a", item["title"], {"href": item["link"], "class": "feed-item__title"})
        meta = [item["author_name"] or ""]
        if item["pubdate"] is not None:
            day = timezone.localtime(item["pubdate"]).date()
            meta.insert(0, f"{day.year}年{day.month}月{day.day}日发布")
        handler.addQuickElement("h:p", " · ".join(m for m in meta if m), {"class": "feed-item__meta"})
        handler.endElement("h:div")


class ReadableRssFeed(_ReadableMixin, Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:h": XHTML}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        self.add_about(handler)

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        self.add_item_link(handler, item)


class ReadableAtomFeedGenerator(_ReadableMixin, Atom1Feed):
    kind_label = "Atom"

    def write(self, outfile, encoding: str) -> None:
        # Atom1Feed.write without the stylesheet instruction Django writes for RSS only.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:h": XHTML}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        self.add_about(handler)

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        self.add_item_link(handler, item)


class ReadableFeed(Feed):
    """An RSS feed that a browser shows as a readable Chinese page.

    Every item description is plain text, escaped and cut into paragraphs here: feed
    readers render a description as HTML, so whatever a citizen (or staff) typed into
    it must not become markup. Every feed of the site subclasses this."""

    feed_type = ReadableRssFeed
    stylesheets = [STYLESHEET]
    language = FEED_LANGUAGE

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Feed readers poll: they keep the feed and ask again with its ETag (304 when
        # nothing changed, xujing_portal.compression); shared caches must ask too.
        patch_cache_control(response, no_cache=True)
        return response

    def _get_dynamic_attr(self, attname, obj, default=None):
        value = super()._get_dynamic_attr(attname, obj, default)
        if attname == "item_description" and value:
            return linebreaks(str(value), autoescape=True)
        return value


class ReadableAtomFeed(ReadableFeed):
    feed_type = ReadableAtomFeedGenerator


class LatestDocumentsFeed(ReadableFeed):
    title = "徐泾镇政务公开 · 最新政策文件"
    link = reverse_lazy("documents:list")
    description = "徐泾镇人民政府及所属部门、村居委最新公开的政策文件。"

    def items(self):
        return PolicyDocument.objects.public().for_listing()[:FEED_LENGTH]

    def item_title(self, item: PolicyDocument) -> str:
        return item.title

    def item_description(self, item: PolicyDocument) -> str:
        """The summary, or the start of the body as plain text."""
        return item.summary or Truncator(strip_tags(item.body)).chars(200)

    def item_pubdate(self, item: PolicyDocument):
        return item.published_at

    def item_updateddate(self, item: PolicyDocument):
        return item.updated_at

    def item_author_name(self, item: PolicyDocument) -> str:
        return item.issuing_organisation.name

    def item_categories(self, item: PolicyDocument) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestDocumentsAtomFeed(LatestDocumentsFeed):
    feed_type = ReadableAtomFeedGenerator
    subtitle = LatestDocumentsFeed.description


class TagDocumentsFeed(LatestDocumentsFeed):
    """The latest public documents carrying one catalogue tag; an unknown tag is a 404."""

    def get_object(self, request, slug: str) -> CatalogTag:
        return get_object_or_404(CatalogTag, slug=slug)

    def title(self, tag: CatalogTag) -> str:
        return f"徐泾镇政务公开 · 标签“{tag.name}”的政策文件"

    def link(self, tag: CatalogTag) -> str:
        return tag.get_absolute_url()

    def description(self, tag: CatalogTag) -> str:
        return f"带有“{tag.name}”标签的最新公开政策文件。"

    def items(self, tag: CatalogTag):
        return PolicyDocument.objects.public().filter(tags=tag).for_listing()[:FEED_LENGTH]


class TagDocumentsAtomFeed(TagDocumentsFeed):
    feed_type = ReadableAtomFeedGenerator

    def subtitle(self, tag: CatalogTag) -> str:
        return self.description(tag)


class OrganisationDocumentsFeed(LatestDocumentsFeed):
    """The latest public documents issued in one organisation's name (发文机关); unknown: 404."""

    def get_object(self, request, slug: str) -> Organisation:
        return get_object_or_404(Organisation, slug=slug)

    def title(self, organisation: Organisation) -> str:
        return f"徐泾镇政务公开 · {organisation.name}的政策文件"

    def link(self, organisation: Organisation) -> str:
        return organisation.get_absolute_url()

    def description(self, organisation: Organisation) -> str:
        return f"以{organisation.name}名义印发的最新公开政策文件。"

    def items(self, organisation: Organisation):
        return PolicyDocument.objects.public().filter(issuing_organisation=organisation).for_listing()[:FEED_LENGTH]


class OrganisationDocumentsAtomFeed(OrganisationDocumentsFeed):
    feed_type = ReadableAtomFeedGenerator

    def subtitle(self, organisation: Organisation) -> str:
        return self.description(organisation)
