"""Factories and small builders shared by every app's tests, one section per app.

Personas (organisation, drafter, reviewer, ...) are fixtures in the root conftest.py;
everything a test builds by calling it lives here.
"""

from __future__ import annotations

import datetime as dt
import io

import factory
import factory.random
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from consultations import search_sync as consultation_search_sync
from consultations.models import FAQ, Message
from consultations.services import query_code_hash
from deadlines import services as deadline_services
from deadlines.models import Deadline
from decisions.models import Catalogue, Decision, DraftArticle, Opinion, StageChange
from documents.models import (
    Attachment,
    CatalogTag,
    CatalogueItem,
    DisclosureAttribute,
    DisclosureScope,
    DocumentType,
    PolicyDocument,
    Status,
    TagDimension,
    Topic,
)
from interpretations.models import Form, Interpretation
from interpretations.models import Status as InterpretationStatus
from organisations.models import Organisation, StaffProfile

# --- Accounts and organisations -------------------------------------------------------

PASSWORD = "test-password-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"徐泾镇测试部门{n}")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organisation.Kind.DEPARTMENT
    agency_code = "徐府发"
    index_code = factory.Sequence(lambda n: f"11310118TEST{n:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create: bool, results=None) -> None:
        """Save the password hash set_password just computed (postgeneration saving is off)."""
        if create and results:
            instance.save(update_fields=["password"])


def make_staff(role: str, organisation: Organisation, username: str | None = None):
    """A staff account with one role, belonging to one organisation."""
    user = UserFactory(username=username or f"{role}-{organisation.slug}", is_staff=True)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.update_or_create(user=user, defaults={"organisation": organisation})
    return user


def client_for(user) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


class AudienceGroupFactory(factory.django.DjangoModelFactory):
    """A targeted-disclosure audience (定向公开对象): a group without permissions."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"重点企业联络员{n}")


def make_enterprise_user(username: str, *groups: Group, **fields):
    """A non-staff account with a usable password (PASSWORD), in these audiences."""
    user = UserFactory(username=username, **fields)
    user.groups.add(*groups)
    return user


# --- Documents ------------------------------------------------------------------------


class TagDimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TagDimension
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"维度{n}")
    slug = factory.Sequence(lambda n: f"dim-{n}")


class CatalogTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogTag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"标签{n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")
    dimension = factory.SubFactory(TagDimensionFactory)


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"目录{n}")


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    """A document in any state. Use `published=True` for a public one."""

    class Meta:
        model = PolicyDocument
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )

    title = factory.Sequence(lambda n: f"关于做好测试工作的通知（第{n}号）")
    doc_number = factory.Sequence(lambda n: f"徐府发〔2023〕{n + 1}号")
    organisation = factory.SubFactory(OrganisationFactory)
    issuing_organisation = factory.SelfAttribute("organisation")
    written_date = dt.date(2023, 6, 1)
    doc_type = DocumentType.OTHER
    topic = Topic.GENERAL
    body = "<p>为进一步做好政务公开工作，现将有关事项通知如下。</p>"

    @factory.lazy_attribute
    def index_number(self) -> str:
        return f"{self.issuing_organisation.index_code}/{self.written_date.year}-{factory.random.randgen.randint(1, 10**9):09d}"

    @factory.post_generation
    def tags(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.tags.set(list(extracted))


def make_draft(organisation, drafter, **fields) -> PolicyDocument:
    """A draft with every required element, ready to be submitted."""
    defaults = {
        "organisation": organisation,
        "created_by": drafter,
        "status": Status.DRAFT,
        "catalogue_item": CatalogueItemFactory(code="0202", name="政策文件"),
        "summary": "做好社区睦邻点建设工作。",
        "tags": [CatalogTagFactory(name="社区治理", slug="community")],
    }
    defaults.update(fields)
    return PolicyDocumentFactory(**defaults)


def make_hidden_documents(organisation: Organisation) -> list[PolicyDocument]:
    """One document for every reason a citizen must not see it."""
    now = timezone.now()
    return [
        PolicyDocumentFactory(title="草稿文件不应公开", organisation=organisation, status=Status.DRAFT),
        PolicyDocumentFactory(
            title="已撤回文件不应公开",
            organisation=organisation,
            status=Status.WITHDRAWN,
            published_at=now - dt.timedelta(days=2),
        ),
        PolicyDocumentFactory(
            published=True,
            title="定向公开文件不应公开",
            organisation=organisation,
            disclosure_scope=DisclosureScope.TARGETED,
        ),
        PolicyDocumentFactory(
            title="定时发布尚未到点的文件",
            organisation=organisation,
            status=Status.PUBLISHED,
            published_at=now + dt.timedelta(days=1),
        ),
        PolicyDocumentFactory(
            published=True,
            title="依申请公开文件不应公开",
            organisation=organisation,
            disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        ),
    ]


def make_targeted_document(*groups: Group, **fields) -> PolicyDocument:
    """A published document disclosed only to these audiences."""
    document = PolicyDocumentFactory(published=True, disclosure_scope=DisclosureScope.TARGETED, **fields)
    document.target_groups.add(*groups)
    return document


def make_attachment(
    document: PolicyDocument, name: str = "实施细则.pdf", kind: str = Attachment.Kind.PDF
) -> Attachment:
    content = b"%PDF-1.4\n% test attachment\n"
    return Attachment.objects.create(
        document=document,
        file=ContentFile(content, name=f"upload.{kind}"),
        original_name=name,
        kind=kind,
        size=len(content),
    )


# --- Interpretations ------------------------------------------------------------------


class InterpretationFactory(factory.django.DjangoModelFactory):
    """A drafted text interpretation. Use `published=True` for one published with its document."""

    class Meta:
        model = Interpretation

    class Params:
        published = factory.Trait(
            status=InterpretationStatus.PUBLISHED,
            published_at=factory.LazyAttribute(
                lambda o: o.document.published_at or timezone.now() - dt.timedelta(days=1)
            ),
        )

    document = factory.SubFactory(PolicyDocumentFactory)
    organisation = factory.LazyAttribute(lambda o: o.document.organisation)
    title = factory.Sequence(lambda n: f"政策解读（第{n}号）")
    form = Form.TEXT
    summary = "讲清楚这份文件管什么、怎么办。"
    how_to_apply = "<p>带上身份证，到镇社区事务受理服务中心窗口办理。</p>"


def png_bytes(size: tuple[int, int] = (40, 20), fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#9e1b1b").save(buffer, format=fmt)
    return buffer.getvalue()


MP4_HEADER = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM_HEADER = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64


# --- Consultations --------------------------------------------------------------------


class MessageFactory(factory.django.DjangoModelFactory):
    """A stored message (not through the service: no deadline, no event). Query code: ABC234."""

    class Meta:
        model = Message

    tracking_number = factory.Sequence(lambda n: f"20260101{n:04d}")
    query_code_hash = factory.LazyAttribute(lambda m: query_code_hash(m.tracking_number, "ABC234"))
    asker_name = "张三丰"
    phone = "13912345678"
    email = "zhangsf@example.com"
    topic = Topic.ECONOMY
    title = "产业扶持资金怎么申请"
    question = "请问产业扶持资金的申请条件和材料是什么？"
    consent_to_publish = True
    received_on = factory.LazyFunction(timezone.localdate)


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ
        skip_postgeneration_save = True

    question = factory.Sequence(lambda n: f"常见问题{n}怎么办？")
    answer = "按规定办理。"
    topic = Topic.ECONOMY
    asked_count = 1
    is_published = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        """In the site search, as the admin and the demo leave a saved FAQ."""
        if create:
            consultation_search_sync.sync_faq(obj)


# --- Decisions ------------------------------------------------------------------------


class CatalogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Catalogue
        django_get_or_create = ("year",)

    year = 2023
    organisation = factory.SubFactory(OrganisationFactory)
    published_at = dt.datetime(2023, 3, 20, 2, 0, tzinfo=dt.UTC)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    catalogue = factory.SubFactory(CatalogueFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"徐泾镇测试决策事项{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    legal_basis = "《重大行政决策程序暂行条例》"
    planned_schedule = "2023年第四季度"
    draft_text = "第一条 为了测试，制定本办法。"
    drafting_explanation = "起草说明。"


class DraftArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DraftArticle

    decision = factory.SubFactory(DecisionFactory)
    number = factory.Sequence(lambda n: n + 1)
    heading = "适用范围"
    text = "本办法适用于本镇。"


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    decision = factory.SubFactory(DecisionFactory)
    body = factory.Sequence(lambda n: f"第{n}条意见：建议完善第{n}项内容，并明确具体办理时限和责任部门。")


def result_document(**kwargs) -> PolicyDocument:
    """A public policy document published in early 2023, to be a decision's result document
    in tests that travel to 2023."""
    return PolicyDocumentFactory(published=True, published_at=dt.datetime(2023, 1, 2, 2, tzinfo=dt.UTC), **kwargs)


def put_in_stage(decision, stage: str, actor) -> None:
    """Move a test decision straight to `stage` (setting up state, not testing the rules)."""
    StageChange.objects.create(decision=decision, from_stage=decision.stage, to_stage=stage, actor=actor)
    decision.stage = stage
    decision.save(update_fields=["stage"])


# --- Deadlines ------------------------------------------------------------------------

LEGAL_BASIS = "《中华人民共和国政府信息公开条例》第三十三条"


def subject(name: str = "测试事项") -> Group:
    """Any model can carry a deadline; a Group keeps the tests independent of other apps."""
    return Group.objects.create(name=f"{name}-{Group.objects.count()}")


def start_deadline(
    *,
    start: dt.date,
    working_days: int = 20,
    organisation: Organisation | None = None,
    kind: str = "request_reply",
    on=None,
    remind_before: int | None = None,
) -> Deadline:
    return deadline_services.deadline_start(
        subject=on or subject(),
        kind=kind,
        purpose="答复政府信息公开申请",
        legal_basis=LEGAL_BASIS,
        start=start,
        working_days=working_days,
        organisation=organisation,
        remind_before=remind_before,
    )


# --- Working days ---------------------------------------------------------------------

# A made-up 2027 arrangement FOR TESTS ONLY: the State Council has not
# announced 2027 yet (chinesecalendar 1.11.0 stops at 2026), so the portal
# ships without it and staff import the real one when it is published.
TEST_ARRANGEMENT_2027 = """# 测试用，非真实安排
2027-01-01 元旦 休
2027-02-06..2027-02-12 春节 休
2027-02-14 春节 班
"""


# --- Events ---------------------------------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    title = factory.Sequence(lambda n: f"政策宣讲会{n}")
    organiser = factory.SubFactory(OrganisationFactory)
    kind = "coaching"
    venue = "徐泾镇人民政府三楼会议室"
    published = True


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Session"

    event = factory.SubFactory(EventFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    start_time = dt.time(14, 0)
    end_time = dt.time(16, 0)
    capacity = 30
