"""Read-only JSON API: the FAQ knowledge base (`/api/faqs/`, for the 12345 hotline and
一网通办) and published messages (`/api/consultations/`, the masked public copy only)."""

from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from documents.api import PortalReadOnlyViewSet
from documents.models import PolicyDocument, Topic
from xujing_portal.converters import MAX_ID

from .models import FAQ, Message


class PolicyLinkSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = PolicyDocument
        fields = ["id", "title", "doc_number", "url"]


class FAQSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="public_question", read_only=True)
    answer = serializers.CharField(source="public_answer", read_only=True)
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    everyday_topic_label = serializers.CharField(source="get_everyday_topic_display", read_only=True)
    related_policies = serializers.SerializerMethodField()

    class Meta:
        model = FAQ
        fields = [
            *["id", "question", "answer", "topic", "topic_label", "everyday_topic", "everyday_topic_label"],
            *["asked_count", "related_policies", "updated_at"],
        ]

    @extend_schema_field(PolicyLinkSerializer(many=True))
    def get_related_policies(self, faq: FAQ) -> list[dict]:
        # FAQViewSet prefetches only the public ones (PUBLIC_POLICIES): no list of every public id.
        return PolicyLinkSerializer(faq.related_policies.all(), many=True).data


def public_policies() -> Prefetch:
    """An FAQ's related policies that anyone may read (not a targeted or withdrawn one),
    read with the FAQs: a query bounded by the FAQs shown, not by the library."""
    return Prefetch("related_policies", queryset=PolicyDocument.objects.public().order_by("pk"))


def within_storable_years(value: dt.datetime) -> None:
    """Between 1970 and 9000, so that no offset carries the time past what a database
    stores (9999-12-31T23:59:59-23:59 overflowed in PostgreSQL)."""
    if not 1970 <= value.year <= 9000:
        raise ValidationError("时间超出范围：请填写 1970 年至 9000 年之间的时间，例如 2026-01-01T00:00:00+08:00。")


# RFC 3339 (the OpenAPI "date-time" format): what `updated_since` takes; the schema's pattern
# also says which years `within_storable_years` lets through.
_AFTER_THE_YEAR = r"-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
_RFC3339 = re.compile(r"^[0-9]{4}" + _AFTER_THE_YEAR)
STORABLE_DATE_TIME = r"^(19[7-9][0-9]|[2-8][0-9]{3}|9000)" + _AFTER_THE_YEAR


class RFC3339DateTimeField(forms.DateTimeField):
    """A date and time written as RFC 3339 says, with its offset, and nothing else: Django's own
    field also takes a bare date, a space for the T or no offset, which the schema does not allow."""

    def to_python(self, value) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        # The value goes in as a parameter: django-filter formats the message with %, so a
        # "%" typed into the value must not be read as a placeholder.
        message = "时间“%(value)s”无效：请填写带时区的完整时间（RFC 3339），例如 2026-01-01T00:00:00+08:00。"
        params = {"value": str(value)[:30]}
        if not _RFC3339.fullmatch(str(value)):
            raise ValidationError(message, code="invalid", params=params)
        try:
            return dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(message, code="invalid", params=params) from None


@extend_schema_field({"type": "string", "format": "date-time", "pattern": STORABLE_DATE_TIME})
class RFC3339DateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = RFC3339DateTimeField

    def filter(self, qs, value):
        # Compared in UTC: RFC 3339 allows offsets up to ±23:59, PostgreSQL only ±15:59.
        return super().filter(qs, value.astimezone(dt.UTC) if value is not None else value)


class FAQFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(choices=Topic.choices, label="主题")
    policy = django_filters.NumberFilter(
        field_name="related_policies", label="相关政策编号", min_value=1, max_value=MAX_ID, decimal_places=0
    )
    updated_since = RFC3339DateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="更新时间不早于", validators=[within_storable_years]
    )

    class Meta:
        model = FAQ
        fields = ["topic", "policy", "updated_since"]


@extend_schema_view(
    list=extend_schema(
        summary="常见问题知识库",
        description="已发布的常见问题及解答，按被问次数从多到少。可按主题、相关政策和更新时间（updated_since，带时区的 RFC 3339 时间，例如 2026-01-01T00:00:00+08:00）筛选，"
        "供12345热线和“一网通办”定期拉取。",
    ),
    retrieve=extend_schema(summary="一条常见问题"),
)
class FAQViewSet(PortalReadOnlyViewSet):
    serializer_class = FAQSerializer
    filterset_class = FAQFilter

    def get_queryset(self):
        return FAQ.objects.published().most_asked_first().prefetch_related(public_policies()).distinct()


class PublishedMessageSerializer(serializers.ModelSerializer):
    """Only the masked copy staff confirmed: never the name, phone or e-mail."""

    title = serializers.CharField(source="public_title")
    asker = serializers.CharField(source="public_asker")
    question = serializers.CharField(source="public_question")
    answer = serializers.CharField(source="public_answer")
    topic_label = serializers.CharField(source="get_topic_display")
    channel_label = serializers.CharField(source="get_channel_display")
    organisation = serializers.CharField(source="organisation.name", default="")
    url = serializers.CharField(source="get_public_url")

    class Meta:
        model = Message
        fields = [
            "id",
            "title",
            "asker",
            "question",
            "answer",
            "topic",
            "topic_label",
            "channel_label",
            "organisation",
            "answered_on",
            "published_at",
            "url",
        ]


@extend_schema_view(
    list=extend_schema(summary="留言选登", description="已选登的留言与答复（已隐去个人信息），按选登时间倒序。"),
    retrieve=extend_schema(summary="一条选登留言"),
)
class PublishedMessageViewSet(PortalReadOnlyViewSet):
    serializer_class = PublishedMessageSerializer
    filterset_fields = ["topic"]

    def get_queryset(self):
        return Message.objects.published().select_related("organisation").order_by("-published_at", "-id")
