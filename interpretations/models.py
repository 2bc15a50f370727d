"""Policy interpretations (政策解读, item 4 of the work points).

An interpretation belongs to one policy document today. The subject is a
nullable foreign key guarded by a check constraint, so that the decisions app
can later add a second nullable key (`decision`) to a draft decision under
consultation and relax the constraint to "exactly one of document / decision"
in one migration, without touching the rows that exist.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import PurePosixPath

import nh3
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags

from documents.models import PolicyDocument
from organisations.models import Organisation
from privacy.citizen import mask_citizen_text

# The structured sections, in the order of the public outline: (field, label).
SECTIONS: list[tuple[str, str]] = [
    ("core_concepts", "核心概念"),
    ("key_terms", "关键词诠释"),
    ("scope", "适用范围"),
    ("how_to_apply", "办事指引"),
    ("procedures", "操作方法"),
    ("criteria", "执行口径"),
    ("benefits", "惠民利企举措"),
    ("differences", "新旧政策差异"),
]
HTML_FIELDS = ["body", *(name for name, _ in SECTIONS)]

# Plain-language aid: sentences longer than this are flagged in the admin.
LONG_SENTENCE_CHARS = 60
# A relaxed reading speed for Chinese administrative text, characters per minute.
READING_CHARS_PER_MINUTE = 300
_HTML_TAG = re.compile(r"<[a-zA-Z/!]")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")


class Form(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    QA = "qa", "问答解读"
    EXPERT = "expert", "专家、协会解读"


class Status(models.TextChoices):
    """Mirrors the document's workflow: 草稿 → 已审查 → 已发布 (→ 已撤回)."""

    DRAFT = "draft", "草稿"
    REVIEWED = "reviewed", "已审查"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


DRAFTED = [Status.DRAFT, Status.REVIEWED]


class InterpreterKind(models.TextChoices):
    DRAFTING_BODY = "drafting_body", "起草部门"
    EXPERT = "expert", "专家学者"
    ASSOCIATION = "association", "行业协会、社会组织"


class InterpretationQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None) -> InterpretationQuerySet:
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now)

    def public(self, now: dt.datetime | None = None) -> InterpretationQuerySet:
        """What anyone may read: published, and its policy is public."""
        return self.published(now).filter(document__in=PolicyDocument.objects.public(now).values("pk"))

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> InterpretationQuerySet:
        """Published interpretations of the documents this user may read (targeted ones included)."""
        return self.published().filter(document__in=PolicyDocument.objects.visible_to(user).values("pk"))

    def drafted(self) -> InterpretationQuerySet:
        return self.filter(status__in=DRAFTED)

    def originals(self) -> InterpretationQuerySet:
        return self.filter(follow_up_of__isnull=True)

    def for_listing(self) -> InterpretationQuerySet:
        return self.select_related("document", "organisation", "follow_up_of")


def _random_name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"interpretations/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def video_path(instance: Interpretation, filename: str) -> str:
    return _random_name("videos", filename)


def image_path(instance: InterpretationImage, filename: str) -> str:
    return _random_name("images", filename)


def clean_html(value: str) -> str:
    """Sanitised HTML, as for document bodies; whitespace-only becomes empty.

    Plain text without any tag (what most staff type) becomes one paragraph per line.
    """
    value = value or ""
    if not _HTML_TAG.search(value):
        value = "".join(f"<p>{escape(line.strip())}</p>" for line in value.splitlines() if line.strip())
    cleaned = nh3.clean(value).strip()
    return cleaned if strip_tags(cleaned).strip() or "<img" in cleaned else ""


def sentences(text: str) -> list[str]:
    """Plain-text sentences, split after Chinese and Western sentence ends and at line breaks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


class Interpretation(models.Model):
    document = models.ForeignKey(
        PolicyDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name="所解读的政策文件",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="解读机关",
        blank=True,  # set from the document in clean()
        editable=False,
        help_text="与所解读文件的发文机关相同。",
    )
    title = models.CharField("解读标题", max_length=200)
    form = models.CharField("解读形式", max_length=20, choices=Form.choices, default=Form.TEXT)
    summary = models.CharField("导语", max_length=300, blank=True, help_text="一两句话说明这份文件讲什么、和谁有关。")
    body = models.TextField("正文", blank=True, help_text="可用于文字解读的正文或图解、视频的说明。")

    core_concepts = models.TextField("核心概念", blank=True)
    key_terms = models.TextField("关键词诠释", blank=True)
    scope = models.TextField("适用范围", blank=True)
    how_to_apply = models.TextField("办事指引", blank=True, help_text="去哪里办、带什么材料、多长时间办结。")
    procedures = models.TextField("操作方法", blank=True)
    criteria = models.TextField("执行口径", blank=True)
    benefits = models.TextField("惠民利企举措", blank=True)
    differences = models.TextField("新旧政策差异", blank=True)

    interpreter_kind = models.CharField(
        "解读人类型", max_length=20, choices=InterpreterKind.choices, default=InterpreterKind.DRAFTING_BODY
    )
    interpreter_name = models.CharField("解读人", max_length=60, blank=True)
    interpreter_organisation = models.CharField("解读人所在单位", max_length=100, blank=True)

    video = models.FileField("视频文件", upload_to=video_path, blank=True)
    video_type = models.CharField("视频格式", max_length=10, blank=True, editable=False)
    video_transcript = models.TextField(
        "视频文字稿", blank=True, help_text="视频中讲到的全部内容，供听障读者和搜索使用。"
    )

    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name="跟踪解读的原解读",
        help_text="动态跟踪解读：针对政策执行中群众关注的问题，在原解读基础上补充的解读。",
    )
    prompting_question = models.TextField("引发本次解读的问题", blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="起草人",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审签人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = InterpretationQuerySet.as_manager()

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]
        permissions = [("sign_interpretation", "可审签发布、撤回解读")]
        constraints = [
            # Relaxed to "exactly one of document / decision" when draft decisions can be interpreted.
            models.CheckConstraint(condition=Q(document__isnull=False), name="interpretation_has_subject"),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False) | ~Q(status="published"),
                name="published_interpretation_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interpretations:detail", args=[self.pk])

    @property
    def subject(self) -> PolicyDocument | None:
        """What is interpreted: the policy document (later also a draft decision)."""
        return self.document

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_of_id is not None

    @property
    def public_prompting_question(self) -> str:
        """The citizens' question that prompted a follow-up, as pages and the API quote it:
        whatever of the asker's personal data staff carried over is hidden."""
        return mask_citizen_text(self.prompting_question)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name in HTML_FIELDS:
            setattr(self, name, clean_html(getattr(self, name)))
        if self.document_id is None:
            errors["document"] = "请选择本解读所解读的政策文件。"
        else:
            self.organisation_id = self.document.organisation_id
        if self.follow_up_of_id:
            original = self.follow_up_of
            if original.follow_up_of_id:
                errors["follow_up_of"] = "请选择最初的那份解读：跟踪解读只能接在原解读之后。"
            elif self.document_id and original.document_id != self.document_id:
                errors["follow_up_of"] = "原解读解读的是另一份文件；跟踪解读必须与原解读针对同一份文件。"
            elif original.pk == self.pk:
                errors["follow_up_of"] = "解读不能跟踪它自己。"
            if not self.prompting_question.strip():
                errors["prompting_question"] = "请写明是群众提出的什么问题引发了这次跟踪解读。"
        if self.form == Form.EXPERT or self.interpreter_kind != InterpreterKind.DRAFTING_BODY:
            if not self.interpreter_name.strip():
                errors["interpreter_name"] = "专家、协会解读须写明解读人姓名或名称。"
            if not self.interpreter_organisation.strip():
                errors["interpreter_organisation"] = "请写明解读人所在的单位或协会。"
            if self.form == Form.EXPERT and self.interpreter_kind == InterpreterKind.DRAFTING_BODY:
                errors["interpreter_kind"] = "专家、协会解读请选择“专家学者”或“行业协会、社会组织”。"
        if self.form == Form.VIDEO:
            if not self.video:
                errors["video"] = "视频解读须上传视频文件（MP4、WebM 或 Ogg）。"
            if not self.video_transcript.strip():
                errors["video_transcript"] = "请填写视频文字稿：听障读者和无法播放视频的读者靠它了解内容。"
        if self.form in (Form.TEXT, Form.EXPERT) and not (self.body or any(self.section_values())):
            errors["body"] = "解读内容是空的：请填写正文，或至少填写一个解读栏目（如“办事指引”）。"
        if errors:
            raise ValidationError(errors)

    def section_values(self) -> list[str]:
        return [getattr(self, name) for name, _ in SECTIONS]

    def filled_sections(self) -> list[dict]:
        """The sections with content, in outline order: slug (anchor), label, html."""
        return [
            {"slug": name.replace("_", "-"), "name": name, "label": label, "html": getattr(self, name)}
            for name, label in SECTIONS
            if getattr(self, name)
        ]

    def plain_text(self) -> str:
        """Everything a reader reads, as plain text (sections, body, Q&A, transcript)."""
        parts = [self.title, self.summary, strip_tags(self.body)]
        parts += [strip_tags(value) for value in self.section_values()]
        if self.pk:
            for qa in self.questions.all():
                parts += [qa.question, qa.answer]
        parts.append(self.video_transcript)
        return "\n".join(p.strip() for p in parts if p and p.strip())

    def reading_length(self) -> tuple[int, int]:
        """(characters without whitespace, estimated minutes to read, at least 1)."""
        chars = len(re.sub(r"\s+", "", self.plain_text()))
        return chars, max(1, round(chars / READING_CHARS_PER_MINUTE))

    def long_sentences(self, limit: int = LONG_SENTENCE_CHARS) -> list[str]:
        """Sentences longer than `limit` characters: candidates for plainer wording."""
        return [s for s in sentences(self.plain_text()) if len(s) > limit]


class InterpretationImage(models.Model):
    """One picture of a graphic interpretation (图解). Alt text is required."""

    interpretation = models.ForeignKey(Interpretation, on_delete=models.CASCADE, related_name="images")
    image = models.FileField("图片", upload_to=image_path)
    image_type = models.CharField("图片格式", max_length=10, editable=False)
    width = models.PositiveIntegerField("宽度", default=0, editable=False)
    height = models.PositiveIntegerField("高度", default=0, editable=False)
    alt_text = models.CharField(
        "替代文字",
        max_length=500,
        help_text="用文字说明图中的内容，供视障读者的读屏软件朗读；图片显示不出来时也会显示这段文字。",
    )
    caption = models.CharField("图注", max_length=200, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "图解图片"
        verbose_name_plural = "图解图片"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption or self.alt_text[:30]

    def get_absolute_url(self) -> str:
        return reverse("interpretations:image", args=[self.interpretation_id, self.pk])

    def clean(self) -> None:
        if not self.alt_text.strip():
            raise ValidationError({"alt_text": ALT_TEXT_REQUIRED})


ALT_TEXT_REQUIRED = "请填写图片的替代文字：用一两句话说明图中的内容，方便视障读者使用读屏软件。"


class QuestionAnswer(models.Model):
    """A question and its answer in a Q&A interpretation (问答解读)."""

    interpretation = models.ForeignKey(Interpretation, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("回答")
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "问答"
        verbose_name_plural = "问答"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question
