"""Read-only JSON shape of a public interpretation: what its public page shows, nothing more
(no workflow status, no staff, no withdrawal records)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.serializers import OrganisationSummarySerializer

from .models import Interpretation, InterpretationImage, QuestionAnswer


class ImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = InterpretationImage
        fields = ["url", "alt_text", "caption", "width", "height"]

    def get_url(self, image: InterpretationImage) -> str:
        return self.context["request"].build_absolute_uri(image.get_absolute_url())


class QuestionAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionAnswer
        fields = ["question", "answer"]


class SectionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="栏目标识，例如 how_to_apply。")
    label = serializers.CharField(help_text="栏目名称，例如“办事指引”。")
    html = serializers.CharField(help_text="栏目内容（已净化的 HTML）。")


class DocumentLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="政策文件编号（/api/documents/{id}/）。")
    title = serializers.CharField()
    doc_number = serializers.CharField(help_text="发文字号，没有时为空字符串。")
    url = serializers.CharField(help_text="公开页面地址。")


class InterpretationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="公开页面地址。")
    document = serializers.SerializerMethodField(help_text="所解读的政策文件：编号、标题与页面地址。")
    organisation = OrganisationSummarySerializer(read_only=True)
    form_label = serializers.CharField(source="get_form_display")
    interpreter_kind_label = serializers.CharField(source="get_interpreter_kind_display")
    sections = serializers.SerializerMethodField()
    images = ImageSerializer(many=True, read_only=True)
    questions = QuestionAnswerSerializer(many=True, read_only=True)
    video_url = serializers.SerializerMethodField()
    follow_up_of = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="跟踪解读所接续的原解读编号；不是跟踪解读时为 null。"
    )
    prompting_question = serializers.CharField(
        source="public_prompting_question", read_only=True, help_text="引发跟踪解读的群众问题（已隐去个人信息）。"
    )

    class Meta:
        model = Interpretation
        fields = [
            "id",
            "url",
            "title",
            "document",
            "organisation",
            "form",
            "form_label",
            "summary",
            "body",
            "sections",
            "interpreter_kind",
            "interpreter_kind_label",
            "interpreter_name",
            "interpreter_organisation",
            "images",
            "questions",
            "video_url",
            "video_transcript",
            "follow_up_of",
            "prompting_question",
            "published_at",
        ]
        read_only_fields = fields

    def get_url(self, interpretation: Interpretation) -> str:
        return self.context["request"].build_absolute_uri(interpretation.get_absolute_url())

    @extend_schema_field(DocumentLinkSerializer)
    def get_document(self, interpretation: Interpretation) -> dict:
        document = interpretation.document
        return {
            "id": document.pk,
            "title": document.title,
            "doc_number": document.doc_number,
            "url": self.context["request"].build_absolute_uri(document.get_absolute_url()),
        }

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, interpretation: Interpretation) -> list[dict]:
        data = [{"name": s["name"], "label": s["label"], "html": s["html"]} for s in interpretation.filled_sections()]
        return SectionSerializer(data, many=True).data

    def get_video_url(self, interpretation: Interpretation) -> str | None:
        if not interpretation.video:
            return None
        return self.context["request"].build_absolute_uri(reverse("interpretations:video", args=[interpretation.pk]))
