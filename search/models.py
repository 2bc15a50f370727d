from __future__ import annotations

import datetime as dt

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from documents.models import CatalogTag, DocumentType, Topic
from documents.validity import reader_validity, reader_validity_label
from organisations.models import Organisation


class Kind(models.TextChoices):
    """What a search result is: the options of the 结果类别 facet.

    Each app keeps its own kinds indexed from its `search_sync.py` (policy
    documents from `documents.search_sync`), through `search.indexing`.
    A kind with no entries is not shown as a facet option.
    """

    DOCUMENT = "document", "政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    MESSAGE = "message", "留言答复"
    FAQ = "faq", "常见问题"
    DECISION = "decision", "重大行政决策"


class SearchEntry(models.Model):
    """One public item as the search index sees it.

    Rows exist only for items anyone may read; `search.indexing` adds, updates and
    removes them. Facets are copied here so that counting never joins the library.
    On PostgreSQL `vector` holds the tokens (title weight A) and `title_vector` those
    of the title and document number alone, for ranking; on SQLite the tokens
    live in the FTS5 table `search_fts`, whose rowid is this row's id.
    """

    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("对象编号")
    url = models.CharField("网址", max_length=300)
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    number_key = models.CharField("规范化发文字号", max_length=60, blank=True, db_index=True)
    text = models.TextField("正文（纯文本）", blank=True)
    published_at = models.DateTimeField("发布日期", db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="发文机关"
    )
    doc_type = models.CharField("文件类型", max_length=20, choices=DocumentType.choices, blank=True)
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    validity = models.CharField("有效性", max_length=20, blank=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    expiry_date = models.DateField("有效期至", null=True, blank=True)
    tags = models.ManyToManyField(CatalogTag, blank=True, related_name="+", verbose_name="标签")
    vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.title}"

    @property
    def is_document(self) -> bool:
        return self.kind == Kind.DOCUMENT

    def current_validity(self, today: dt.date | None = None) -> str:
        """As PolicyDocument.current_validity, from the copied fields ("" for other kinds)."""
        if not self.validity:
            return ""
        return reader_validity(
            self.validity,
            effective_date=self.effective_date,
            expiry_date=self.expiry_date,
            today=today or timezone.localdate(),
        )

    def current_validity_label(self, today: dt.date | None = None) -> str:
        return reader_validity_label(self.current_validity(today))
