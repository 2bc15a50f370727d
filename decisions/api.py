"""Read-only JSON API of public decisions (`/api/decisions/`). No opinion text, names or
contacts: only counts, the timeline, disclosed materials and the published feedback report,
each in its public form (the models' public_… properties, as on the page)."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from documents.api import PortalReadOnlyViewSet

from .models import Activity, Decision, DecisionMaterial, FeedbackReport, Stage, StageChange

# What `Decision.comment_state()` and `Decision.feedback_state()` return.
COMMENT_STATES = ["not_set", "not_open", "open", "closed"]
FEEDBACK_STATES = ["none", "pending", "late", "published", "published_late"]


class StageChangeSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(source="to_stage", choices=Stage.choices)
    stage_label = serializers.CharField(source="get_to_stage_display")
    by = serializers.CharField(source="public_actor")

    class Meta:
        model = StageChange
        fields = ["stage", "stage_label", "at", "by"]


class ActivitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    participants_description = serializers.CharField(source="public_participants_description")
    opinions_summary = serializers.CharField(source="public_opinions_summary")

    class Meta:
        model = Activity
        fields = ["kind", "kind_label", "held_on", "participants", "participants_description", "opinions_summary"]


class MaterialSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField(source="public_title")
    body = serializers.CharField(source="public_body")
    link = serializers.SerializerMethodField(help_text="材料的网址；没有链接时为空字符串。")

    class Meta:
        model = DecisionMaterial
        fields = ["kind", "kind_label", "title", "body", "link", "added_on"]

    # anyOf, not the oneOf drf-spectacular writes for a blank URLField: "" matched both branches.
    @extend_schema_field({"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]})
    def get_link(self, material: DecisionMaterial) -> str:
        return material.link


class FeedbackReportSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField(help_text="公开时间。")
    body = serializers.CharField(help_text="意见采纳情况说明（已隐去个人信息）。")


class DecisionSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="catalogue.year")
    url = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name")
    stage_label = serializers.CharField(source="get_stage_display")
    planned_participation = serializers.ListField(child=serializers.CharField())
    comment_state = serializers.SerializerMethodField()
    opinion_count = serializers.SerializerMethodField()
    feedback_state = serializers.SerializerMethodField()
    feedback_report = serializers.SerializerMethodField()
    result_document = serializers.SerializerMethodField()
    timeline = StageChangeSerializer(source="stage_changes", many=True)
    activities = ActivitySerializer(many=True)
    materials = MaterialSerializer(source="public_materials", many=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "year",
            "number",
            "url",
            "title",
            "organisation",
            "legal_basis",
            "planned_schedule",
            "planned_participation",
            "concerns_enterprises",
            "stage",
            "stage_label",
            "summary",
            "draft_text",
            "drafting_explanation",
            "comment_opens_on",
            "comment_closes_on",
            "short_window_reason",
            "comment_state",
            "opinion_count",
            "issued_on",
            "result_document",
            "feedback_due_on",
            "feedback_state",
            "feedback_report",
            "timeline",
            "activities",
            "materials",
        ]

    def get_url(self, obj: Decision) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.ChoiceField(choices=COMMENT_STATES))
    def get_comment_state(self, obj: Decision) -> str:
        return obj.comment_state()

    def get_opinion_count(self, obj: Decision) -> int:
        return obj.n_opinions if hasattr(obj, "n_opinions") else obj.opinions.count()

    @extend_schema_field(serializers.ChoiceField(choices=FEEDBACK_STATES))
    def get_feedback_state(self, obj: Decision) -> str:
        return obj.feedback_state()

    @extend_schema_field(FeedbackReportSerializer(allow_null=True))
    def get_feedback_report(self, obj: Decision) -> dict | None:
        report: FeedbackReport | None = getattr(obj, "feedback_report", None)
        if report is None or not report.is_published:
            return None
        return FeedbackReportSerializer({"published_at": report.published_at, "body": report.public_body}).data

    def get_result_document(self, obj: Decision) -> int | None:
        document = obj.result_document
        return document.pk if document and document.is_public else None

    def to_representation(self, instance: Decision) -> dict:
        data = super().to_representation(instance)
        if not instance.draft_is_public:
            data["draft_text"] = data["drafting_explanation"] = ""
        return data


@extend_schema_view(
    list=extend_schema(
        summary="重大行政决策事项列表", description="已公布目录中的决策事项，含决策进程和意见采纳情况。"
    ),
    retrieve=extend_schema(summary="一项重大行政决策"),
)
class DecisionViewSet(PortalReadOnlyViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return (
            Decision.objects.public()
            .select_related("catalogue", "organisation", "result_document", "feedback_report")
            .prefetch_related(
                "stage_changes",
                "activities",
                Prefetch(
                    "materials", queryset=DecisionMaterial.objects.filter(disclosed=True), to_attr="public_materials"
                ),
            )
            .annotate(n_opinions=Count("opinions"))
            .order_by("-catalogue__year", "number", "id")
        )
