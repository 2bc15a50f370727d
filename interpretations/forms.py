"""Staff forms of the interpretations admin: organisation scoping and upload checks."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from documents.models import PolicyDocument
from documents.models import Status as DocumentStatus
from organisations import access

from . import uploads
from .models import ALT_TEXT_REQUIRED, SECTIONS, Form, Interpretation, InterpretationImage, QuestionAnswer

HTML_HELP = "直接输入文字即可，每行一段；也可以使用简单的 HTML（段落、列表、加粗）。"


class DocumentChoiceField(forms.ModelChoiceField):
    """Lists the user's own organisation's documents, but looks up any document id that is
    posted, so that another organisation's document gets a clear error from the form
    instead of a bare "not one of the available choices"."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return PolicyDocument.objects.select_related("organisation").get(pk=value)
        except (ValueError, TypeError, PolicyDocument.DoesNotExist):
            raise ValidationError("找不到这份政策文件，请从列表中重新选择。", code="invalid_choice") from None


class InterpretationAdminForm(forms.ModelForm):
    # Set by InterpretationAdmin.get_form on the class it builds for each request.
    user = None

    class Meta:
        model = Interpretation
        fields = [
            "document",
            "title",
            "form",
            "summary",
            "body",
            *(name for name, _ in SECTIONS),
            "interpreter_kind",
            "interpreter_name",
            "interpreter_organisation",
            "video",
            "video_transcript",
            "follow_up_of",
            "prompting_question",
        ]
        field_classes = {"document": DocumentChoiceField}
        error_messages = {
            "title": {"required": "请填写解读标题，例如“《……》政策解读”。"},
            "document": {"required": "请选择本解读所解读的政策文件。"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ["body", *(name for name, _ in SECTIONS)]:
            if name in self.fields:
                self.fields[name].widget.attrs.update(rows=4)
                if not self.fields[name].help_text:
                    self.fields[name].help_text = HTML_HELP
        if "video" in self.fields:
            self.fields["video"].widget.attrs["accept"] = ",".join(uploads.VIDEO_CONTENT_TYPES.values())
        if "document" in self.fields:
            self.fields["document"].required = True
            documents = PolicyDocument.objects.exclude(status=DocumentStatus.WITHDRAWN).select_related("organisation")
            documents = access.own_rows(documents, self.user) if self.user else documents.none()
            self.fields["document"].queryset = documents.order_by("-created_at")
        if "follow_up_of" in self.fields:
            originals = Interpretation.objects.originals().exclude(status="withdrawn")
            originals = access.own_rows(originals, self.user) if self.user else originals.none()
            if self.instance.pk:
                originals = originals.exclude(pk=self.instance.pk)
            self.fields["follow_up_of"].queryset = originals

    def clean_document(self) -> PolicyDocument | None:
        document = self.cleaned_data.get("document")
        if document is None or self.user is None or self.user.is_superuser:
            return document
        organisation = access.organisation_of(self.user)
        if organisation is None:
            raise ValidationError("您的账号还没有关联所属机构，不能起草解读。请联系管理员在“工作人员档案”中设置。")
        if not access.same_organisation(self.user, document.organisation_id):
            raise ValidationError(
                f"只能为本机构（{organisation.name}）的文件起草解读：《{document.title}》是"
                f"{document.organisation.name}的文件。请选择本机构的文件，或请该机构起草解读。",
                code="other_organisation",
            )
        if document.status == DocumentStatus.WITHDRAWN:
            raise ValidationError("这份文件已撤回，不能再为它起草解读。", code="withdrawn")
        return document

    def clean_video(self):
        video = self.cleaned_data.get("video")
        if isinstance(video, UploadedFile):
            self.instance.video_type = uploads.inspect_video(video)
        elif not video:
            self.instance.video_type = ""
        return video


class InterpretationImageForm(forms.ModelForm):
    class Meta:
        model = InterpretationImage
        fields = ["image", "alt_text", "caption", "order"]
        error_messages = {
            "alt_text": {"required": ALT_TEXT_REQUIRED},
            "image": {"required": "请选择要上传的图片（PNG、JPEG、GIF 或 WebP）。"},
        }
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].widget.attrs["accept"] = ",".join(uploads.IMAGE_CONTENT_TYPES.values())

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            inspected = uploads.inspect_image(image)
            self.instance.image_type = inspected.image_type
            self.instance.width, self.instance.height = inspected.width, inspected.height
        return image


class QuestionAnswerForm(forms.ModelForm):
    class Meta:
        model = QuestionAnswer
        fields = ["question", "answer", "order"]
        error_messages = {
            "question": {"required": "请填写问题。"},
            "answer": {"required": "请填写对这个问题的回答。"},
        }


class _RequiredForFormSet(forms.BaseInlineFormSet):
    """Requires at least one row when the interpretation has a given form."""

    required_for: str = ""
    message: str = ""

    def clean(self) -> None:
        super().clean()
        if getattr(self.instance, "form", None) != self.required_for:
            return
        initial = set(map(id, self.initial_forms))
        kept = [f for f in self.forms if (id(f) in initial or f.has_changed()) and not self._should_delete_form(f)]
        if not kept:
            raise ValidationError(self.message, code="required")


class ImageFormSet(_RequiredForFormSet):
    required_for = Form.GRAPHIC
    message = "图解至少要有一张图片：请在下方“图解图片”中上传图片并填写替代文字。"


class QuestionFormSet(_RequiredForFormSet):
    required_for = Form.QA
    message = "问答解读至少要有一组问答：请在下方“问答”中填写问题和回答。"
