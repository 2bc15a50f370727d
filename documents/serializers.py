"""Read-only JSON shapes of the public document library.

Only what a reader of the public page may see: no workflow status, no staff,
no privacy findings, no target groups, no disclosure internals.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisations.models import Organisation

from .models import Attachment, CatalogTag, PolicyDocument
from .validity import ReaderValidity

# What `PolicyDocument.current_validity()` may return.
CURRENT_VALIDITY_CHOICES = ReaderValidity.choices


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["name", "slug"]


class TagSerializer(serializers.ModelSerializer):
    dimension = serializers.CharField(source="dimension.name", help_text="标签维度，例如“主题”“对象”。")

    class Meta:
        model = CatalogTag
        fields = ["name", "slug", "dimension"]


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["name", "kind", "size", "download_url"]

    def get_download_url(self, attachment: Attachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.get_absolute_url())


class PolicyDocumentSerializer(serializers.ModelSerializer):
    """A public policy document. Expects the queryset of `PolicyDocumentViewSet`."""

    url = serializers.SerializerMethodField(help_text="公开页面地址。")
    organisation = OrganisationSummarySerializer(
        source="issuing_organisation", read_only=True, help_text="发文机关（文件以其名义印发的机关）。"
    )
    doc_type_label = serializers.CharField(source="get_doc_type_display")
    topic_label = serializers.CharField(source="get_topic_display")
    validity = serializers.SerializerMethodField(help_text="按日期计算的当前有效性。")
    validity_label = serializers.SerializerMethodField()
    tags = TagSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    replaces = serializers.SerializerMethodField(help_text="本文件替代的已公开旧文件编号。")
    replaced_by = serializers.SerializerMethodField(help_text="替代本文件的已公开新文件编号。")

    class Meta:
        model = PolicyDocument
        fields = [
            "id",
            "url",
            "index_number",
            "title",
            "doc_number",
            "organisation",
            "doc_type",
            "doc_type_label",
            "topic",
            "topic_label",
            "written_date",
            "published_at",
            "validity",
            "validity_label",
            "effective_date",
            "expiry_date",
            "tags",
            "summary",
            "body",
            "attachments",
            "replaces",
            "replaced_by",
        ]
        read_only_fields = fields

    def get_url(self, document: PolicyDocument) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())

    @extend_schema_field(serializers.ChoiceField(choices=CURRENT_VALIDITY_CHOICES))
    def get_validity(self, document: PolicyDocument) -> str:
        return document.current_validity()

    def get_validity_label(self, document: PolicyDocument) -> str:
        return document.current_validity_label()

    def get_replaces(self, document: PolicyDocument) -> list[int]:
        return [old.pk for old in document.public_replaces]

    def get_replaced_by(self, document: PolicyDocument) -> list[int]:
        return [new.pk for new in document.public_replaced_by]
