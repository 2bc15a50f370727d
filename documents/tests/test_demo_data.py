from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from documents import synthetic
from documents.models import (
    CatalogTag,
    CatalogueItem,
    DocumentTransition,
    PolicyDocument,
    Status,
    TagDimension,
    TaggedDocument,
    Validity,
)
from organisations import roles
from organisations.models import Organisation
from privacy.models import SensitiveWord

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)
SEED_NUMBER = "徐府发〔2023〕32号"


def load(**kwargs) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def demo(db, frozen) -> str:
    return load()


def counts() -> dict[str, int]:
    models = [
        Organisation,
        TagDimension,
        CatalogTag,
        CatalogueItem,
        PolicyDocument,
        TaggedDocument,
        DocumentTransition,
        SensitiveWord,
        Group,
        get_user_model(),
    ]
    result = {m.__name__: m.objects.count() for m in models}
    result["replaces"] = PolicyDocument.replaces.through.objects.count()
    result["target_groups"] = PolicyDocument.target_groups.through.objects.count()
    return result


def test_running_it_twice_adds_nothing_twice(demo):
    before = counts()

    load()

    assert counts() == before
    assert before["PolicyDocument"] >= 20


def test_it_keeps_what_staff_changed_in_the_running_demo(demo):
    draft = PolicyDocument.objects.get(status=Status.DRAFT)
    draft.status, draft.published_at = Status.PUBLISHED, dt.datetime(2026, 3, 1, 10, tzinfo=SHANGHAI)
    draft.save(update_fields=["status", "published_at"])

    load()

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_the_seed_document_is_public_valid_and_tagged(demo):
    seed = PolicyDocument.objects.get(doc_number=SEED_NUMBER)

    assert seed.title == "徐泾镇2023年政务公开工作要点"
    assert seed.issuing_organisation.name == "徐泾镇人民政府"  # 徐府发: issued in the town government's name
    assert seed.organisation.name == "徐泾镇党政办公室"  # and drafted by its general office
    assert seed.index_number.startswith(seed.issuing_organisation.index_code + "/2023-")
    assert seed.written_date == dt.date(2023, 6, 6)
    assert seed.published_at.astimezone(SHANGHAI).date() == dt.date(2023, 6, 6)
    assert seed.is_public
    assert seed.current_validity() == Validity.VALID
    assert set(seed.tags.names()) == {"政务公开", "市民", "企业"}
    assert seed.missing_elements() == []


def test_the_seed_body_is_the_full_text_as_clean_html(demo):
    body = PolicyDocument.objects.get(doc_number=SEED_NUMBER).body

    assert body.startswith("<p>各村（居）、安居办、企事业单位、机关各科室：</p>")
    assert "<h2>一、总体要求</h2>" in body
    assert "<h3>（一）指导思想</h3>" in body
    assert "28、逐项抓好任务落地" in body
    assert body.rstrip().endswith("<p>2023年6月6日</p>")
    # The printed original's page breaks no longer split sentences.
    assert "深入贯彻党的二十大精神" in body
    assert "企业喜闻乐见" in body
    assert "#" not in body and "**" not in body and "<h1" not in body


def test_hidden_documents_stay_off_the_public_list(demo):
    public_titles = set(PolicyDocument.objects.public().values_list("title", flat=True))

    assert "徐泾镇2024年为民办实事项目征集方案" not in public_titles  # draft
    assert "关于开展2023年“政府开放月”活动的通知" not in public_titles  # pending review
    assert "关于做好西虹桥商务区重点企业2023年度安全生产检查的通知" not in public_titles  # targeted
    assert "徐泾镇2022年度城市维护项目合同汇编" not in public_titles  # 依申请公开
    assert PolicyDocument.objects.filter(status=Status.PENDING_REVIEW).count() == 1


def test_the_unpublished_proactive_drafts_have_their_art26_deadline(demo):
    from documents.deadline_rules import publication_deadline_for

    for title, written in [
        ("徐泾镇2024年为民办实事项目征集方案", dt.date(2023, 10, 9)),
        ("关于开展2023年“政府开放月”活动的通知", dt.date(2023, 4, 25)),
    ]:
        deadline = publication_deadline_for(PolicyDocument.objects.get(title=title))
        assert (deadline.is_active, deadline.start_date) == (True, written)
    assert publication_deadline_for(PolicyDocument.objects.get(doc_number=SEED_NUMBER)) is None  # loaded published


def test_the_targeted_document_is_visible_to_the_enterprise_user_only(demo):
    enterprise = get_user_model().objects.get(username="enterprise")
    drafter = get_user_model().objects.get(username="drafter")
    title = "关于做好西虹桥商务区重点企业2023年度安全生产检查的通知"

    assert PolicyDocument.objects.visible_to(enterprise).filter(title=title).exists()
    assert not PolicyDocument.objects.visible_to(drafter).filter(title=title).exists()


def test_it_covers_every_validity_state(demo):
    docs = PolicyDocument.objects.public()
    labels = {d.title: d.current_validity(TODAY) for d in docs}

    assert labels["徐泾镇居住房屋租赁管理实施细则（试行）"] == Validity.EXPIRED
    assert labels["徐泾镇农村村民建房管理暂行办法"] == Validity.REPEALED
    assert labels["徐泾镇就业困难人员援助办法（2020年版）"] == Validity.AMENDED
    assert labels["徐泾镇就业困难人员援助办法"] == Validity.VALID
    assert docs.normative().currently_valid(TODAY).count() >= 5


def test_the_amended_document_links_to_its_new_version(demo):
    old = PolicyDocument.objects.get(doc_number="徐府发〔2020〕15号")
    new = PolicyDocument.objects.get(doc_number="徐府发〔2023〕21号")

    assert list(old.replaced_by.all()) == [new]
    assert list(new.replaces.all()) == [old]


def test_one_normative_document_expires_within_the_warning_window(demo, settings):
    soon = TODAY + dt.timedelta(days=settings.EXPIRY_WARNING_DAYS)

    expiring = PolicyDocument.objects.expiring_between(TODAY, soon)

    assert [d.doc_number for d in expiring] == ["徐府发〔2021〕30号"]


def test_every_published_demo_document_has_all_required_elements(demo):
    assert not PolicyDocument.objects.published().incomplete().exists()


def test_published_documents_carry_their_workflow_record(demo):
    seed = PolicyDocument.objects.get(doc_number=SEED_NUMBER)

    steps = [(t.action, t.actor.username) for t in seed.transitions.all()]

    assert steps == [("submit", "drafter"), ("approve_review", "reviewer"), ("sign", "signer")]
    assert {seed.created_by.username, seed.reviewed_by.username, seed.signed_by.username} == {
        "drafter",
        "reviewer",
        "signer",
    }


def test_it_creates_the_town_offices_and_village_and_residential_committees(demo):
    orgs = Organisation.objects.all()

    assert orgs.get(name="徐泾镇人民政府").agency_code == "徐府发"
    assert orgs.filter(kind=Organisation.Kind.VILLAGE).count() == 3
    assert orgs.filter(kind=Organisation.Kind.RESIDENTIAL).count() == 2
    codes = list(orgs.values_list("index_code", flat=True))
    assert len(codes) == len(set(codes))
    for org in orgs.filter(kind__in=[Organisation.Kind.VILLAGE, Organisation.Kind.RESIDENTIAL]):
        assert PolicyDocument.objects.public().filter(organisation=org).exists(), org.name


@pytest.mark.parametrize(
    ("username", "role", "password"),
    [
        ("drafter", roles.DRAFTER, "Xujing-Drafter-2023"),
        ("reviewer", roles.REVIEWER, "Xujing-Reviewer-2023"),
        ("signer", roles.SIGNER, "Xujing-Signer-2023"),
        ("manager", roles.ADMINISTRATOR, "Xujing-Manager-2023"),
    ],
)
def test_there_is_one_staff_account_per_role(demo, username, role, password):
    user = get_user_model().objects.get(username=username)

    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert roles.organisation_of(user).name == "徐泾镇党政办公室"
    assert user.check_password(password)


@pytest.mark.argon2
def test_demo_passwords_are_hashed_with_argon2(db, frozen):
    load()

    assert get_user_model().objects.get(username="drafter").password.startswith("argon2")


def test_it_prints_the_accounts_with_their_passwords(demo):
    assert "用户名" in demo and "密码" in demo
    for username, password in [("drafter", "Xujing-Drafter-2023"), ("admin", "Xujing-Admin-2023")]:
        line = next(line for line in demo.splitlines() if line.startswith(username + " "))
        assert password in line


def test_the_superuser_can_sign_in(demo):
    admin = get_user_model().objects.get(username="admin")

    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("Xujing-Admin-2023")


def test_a_second_run_does_not_reset_a_changed_password(demo):
    user = get_user_model().objects.get(username="drafter")
    user.set_password("a-new-password-2026")
    user.save(update_fields=["password"])

    output = load()

    user.refresh_from_db()
    assert user.check_password("a-new-password-2026")
    assert "不会重置密码" in output


def test_it_leaves_an_existing_sensitive_word_list_alone(db, frozen):
    SensitiveWord.objects.all().delete()
    SensitiveWord.objects.create(word="仅此一词")

    load()

    assert list(SensitiveWord.objects.values_list("word", flat=True)) == ["仅此一词"]


def test_it_fills_an_empty_sensitive_word_list(db, frozen):
    SensitiveWord.objects.all().delete()

    load()

    assert SensitiveWord.objects.filter(word="绝密").exists()


@pytest.mark.django_db
def test_it_loads_on_a_database_that_already_holds_generated_documents():
    synthetic.generate(5, seed=1)

    load()

    assert TagDimension.objects.filter(name="主题").count() == 1
    assert PolicyDocument.objects.filter(doc_number=SEED_NUMBER).exists()
