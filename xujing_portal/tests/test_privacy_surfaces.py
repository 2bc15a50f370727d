"""No personal data a citizen types reaches a public surface (issue 12, item 2).

Citizens fill in every public form through the real pages (the message board, a draft
decision's comment form, the open call for public representatives), typing ID numbers, a
bank card, a mobile number in plain and evasive layouts, a landline, e-mail addresses and
their names into every free-text field. Staff then take the real steps that make some of
it public: answer and publish the messages, write an FAQ and a follow-up interpretation
from the clusters page, group and decide the opinions, publish the feedback report, record
the meeting the representatives attended. Then every public surface is read (pages,
search, feeds, the API, the sitemap, the FAQ export, e-mails to anyone but the person who
typed, the log) and none of what was typed may be there, not even reformatted: numbers
are compared as digits (Chinese numerals read as digits, separators and invisible
characters dropped), and no run of more than four of a number's digits may appear.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, quote_plus, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client

from consultations import permissions as consultation_roles
from consultations import services as consultation_services
from consultations.models import FAQ, Message
from decisions import services as decision_services
from decisions.models import Activity, DecisionMaterial, Disposition, Opinion, RepresentativeApplication, Stage
from documents.models import PolicyDocument
from factories import (
    CatalogueFactory,
    DecisionFactory,
    InterpretationFactory,
    PolicyDocumentFactory,
    client_for,
    make_staff,
    result_document,
)
from interpretations import services as interpretation_services
from interpretations.models import Interpretation
from notifications import delivery
from xujing_portal.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")

# What citizens type: every kind of number the privacy scan knows, in the layouts people
# use to slip past a pattern, a landline and e-mail addresses.
ID_A = "11010519491231002X"
ID_B = "310229198506123458"
BANK_CARD = "621700386002981057"
MOBILE = "13912345678"
MOBILE_LAYOUTS = [
    MOBILE,
    "139 1234 5678",
    "一三九一二三四五六七八",
    "1.3.9.1.2.3.4.5.6.7.8",
    "139\u200b1234\u200b5678",
]
LANDLINE = "021-69876543"
EMAIL = "zhangwei@example.com"
EMAIL_AT = "zhang[at]example.com"
TYPED = [ID_A, ID_B, BANK_CARD, *MOBILE_LAYOUTS, LANDLINE, EMAIL, EMAIL_AT]
ALL_TYPED = "，".join(TYPED)

# The numbers as digits, and what of an e-mail address is the person's (the local part).
SECRET_NUMBERS = {
    "身份证号码A": ID_A,
    "身份证号码B": ID_B,
    "银行卡号": BANK_CARD,
    "手机号码": MOBILE,
    "固定电话": "02169876543",
}
SECRET_WORDS = {"电子邮箱": "zhang"}

ASKER = "韩梅梅"
ENTERPRISE = "徐泾甄珏琰贸易商行"
COMMENTER = "欧阳晓芸"
APPLICANT = "司马青岚"  # did not consent to her name being published
CONSENTING_APPLICANT = "上官明玥"  # consented: her name may be shown, never a number with it
# A name is private whole and in part: the given name too, since the public copy keeps the surname.
SECRET_NAMES = [ASKER, "梅梅", ENTERPRISE, "甄珏琰", COMMENTER, "晓芸", APPLICANT, "青岚"]
STAFF_OFFICE_NUMBER = "021-59740000"  # what staff write in an answer: public, not a secret


def spread(values: list[str], parts: int) -> list[list[str]]:
    """`values` dealt into `parts` short lists, so that short fields together take every value."""
    return [values[i::parts] for i in range(parts)]


# --- Reading a surface as digits and words ------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_NUMERALS = str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺", "001234567891234567891")
# Dates and times the portal prints are no number anyone typed; joined up they would look like one.
_DATES_AND_TIMES = re.compile(
    r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)
_HOTLINE = re.compile(r"(?<!\d)12345(?!\d)")  # the 12345 citizens' hotline, named on many pages
_GAP = re.compile(r"(?<=\d)[\s.\-_·]{1,3}(?=\d)")
_RUN = re.compile(r"\d+[Xx]?")


def normalised(text: str) -> str:
    """`text` as a reader takes it in: entities decoded, full-width and Chinese numerals as
    digits, invisible characters dropped and the digits of one number joined up."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_INVISIBLE).translate(_NUMERALS)
    text = _HOTLINE.sub(" ", _DATES_AND_TIMES.sub(" ", text))
    return _GAP.sub("", text)


@dataclass(frozen=True)
class Leak:
    surface: str
    what: str
    context: str

    def __str__(self) -> str:
        return f"{self.surface}: {self.what} … {self.context!r}"


def without_echo(text: str, echo: str) -> str:
    """`text` without the places a results page repeats the visitor's own search words to
    them: the search box, “the query” and “each word” of it, the title, links to more pages."""
    words = [echo, *re.split(r"[^\w\u4e00-\u9fff]+|_", echo)]
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        for form in {word, html.escape(word), json.dumps(word)[1:-1]}:
            text = re.sub(rf'(value="|“(?:<strong[^>]*>)?|搜索：){re.escape(form)}', r"\1", text)
        for form in {quote(word), quote_plus(word)}:
            text = re.sub(rf"([?&;](?:q|search)=){re.escape(form)}", r"\1", text)
    return text


def leaks(surface: str, text: str, *, echo: str = "") -> list[Leak]:
    """What of the personal data typed shows on this surface. `echo` is what the visitor
    typed into the search box themselves, which the results page repeats to them."""
    plain = normalised(without_echo(text, echo) if echo else text)
    found = []
    for label, number in SECRET_NUMBERS.items():
        windows = {number.upper()[i : i + 5] for i in range(len(number) - 4)}
        for run in _RUN.finditer(plain):
            if any(window in run.group().upper() for window in windows):
                found.append(Leak(surface, label, plain[max(run.start() - 30, 0) : run.end() + 30]))
    lowered = plain.lower()
    for label, word in SECRET_WORDS.items():
        if word in lowered:
            at = lowered.index(word)
            found.append(Leak(surface, label, plain[max(at - 30, 0) : at + 40]))
    for name in SECRET_NAMES:
        if name in plain:
            at = plain.index(name)
            found.append(Leak(surface, f"姓名或名称“{name}”", plain[max(at - 30, 0) : at + 40]))
    return found


def test_the_check_sees_a_number_however_it_is_written_and_lets_a_masked_one_pass():
    for shown in [
        *MOBILE_LAYOUTS,
        "１３９１２３４５６７８",
        "139-1234-****",
        "***1234567*",
        "壹叁玖壹贰叁肆伍陆柒捌",
        "1101 0519 4912 3100 2X",
        f"<p>{html.escape('6217 0038 6002 9810 57')}</p>",
    ]:
        assert leaks("page", f"电话：{shown}。"), shown
    for shown in ["139****5678", "139 **** 5678", "一三九****五六七八", "110***********002X", "************1057"]:
        assert not leaks("page", f"电话：{shown}，拨打12345热线，2023-10-09 10:30。"), shown
    assert leaks("page", "韩**，韩梅梅")
    assert leaks("page", "z***@example.com，zhang[at]example.com")
    assert not leaks("page", "z***@example.com")
    assert not leaks("search", f"没有找到与“{MOBILE}”一致的内容", echo=MOBILE)


# --- The citizens ---------------------------------------------------------------------------


def citizen(number: int) -> Client:
    """A visitor of their own (their own address, so each has their own rate limits)."""
    return Client(REMOTE_ADDR=f"198.51.100.{number}")


def ask(traveller, visitor: Client, **fields) -> None:
    """Ask a question on the board as a person does: open the page, take some time, send."""
    page = visitor.get("/consultations/").content.decode()
    token = html.unescape(re.search(r'name="form_token" value="([^"]+)"', page).group(1))
    traveller.shift(dt.timedelta(seconds=40))  # longer than the minimum fill time
    data = {"asker_type": "enterprise", "everyday_topic": "elderly", "consent": "yes", "website": "", **fields}
    response = visitor.post("/consultations/", {**data, "form_token": token})
    assert response.status_code == 302, response.content.decode()[:2000]


def comment(visitor: Client, decision, **fields) -> None:
    response = visitor.post(f"/decisions/{decision.catalogue.year}/{decision.pk}/comment/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]


def apply(visitor: Client, call, **fields) -> None:
    response = visitor.post(f"/decisions/representatives/calls/{call.pk}/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]


# --- The portal the citizens find ------------------------------------------------------------


@dataclass
class Portal:
    policy: object
    interpretation: Interpretation
    decision: object
    call: object


@pytest.fixture
def staff(organisation, signer, drafter):
    """Who takes the staff steps: a dispatcher and a handler of the board (with e-mail, so the
    notices to staff are written), the signing head (decisions, interpretations) and a drafter."""
    dispatcher = make_staff(consultation_roles.DISPATCHER, organisation, "privacy-dispatcher")
    handler = make_staff(consultation_roles.HANDLER, organisation, "privacy-handler")
    for user, address in [(dispatcher, "dispatcher@xujing.example.gov.cn"), (handler, "handler@xujing.example.gov.cn")]:
        user.email = address
        user.save(update_fields=["email"])
    return {
        "organisation": organisation,
        "dispatcher": dispatcher,
        "handler": handler,
        "signer": signer,
        "drafter": drafter,
    }


@pytest.fixture
def portal(organisation, staff):
    """On Thu 2023-08-31: a public policy with its interpretation, a decision put out for
    comment from September 1 to 30 through the services, and an open call for representatives."""
    signer = staff["signer"]
    with time_machine.travel(dt.datetime(2023, 8, 31, 10, tzinfo=SHANGHAI), tick=False):
        policy = PolicyDocumentFactory(title="徐泾镇老年人助餐服务补贴办法", organisation=organisation, published=True)
        interpretation = InterpretationFactory(document=policy, title="助餐补贴办法解读", published=True)
        decision = DecisionFactory(
            catalogue=CatalogueFactory(year=2023, organisation=organisation),
            organisation=organisation,
            title="徐泾镇生活垃圾分类收集点设置方案",
            comment_opens_on=dt.date(2023, 9, 1),
            comment_closes_on=dt.date(2023, 9, 30),
        )
        for stage in (Stage.DRAFTING, Stage.CONSULTATION):
            decision_services.decision_advance(decision=decision, to_stage=stage, user=signer)
        call = decision_services.representative_call_open(
            organisation=organisation,
            user=signer,
            decision=decision,
            title="公开征集垃圾分类方案决策会议公众代表",
            description="欢迎居民报名列席。",
            opens_on=dt.date(2023, 9, 1),
            closes_on=dt.date(2023, 9, 20),
            seats=5,
        )
    return Portal(policy=policy, interpretation=interpretation, decision=decision, call=call)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


# --- The flow -------------------------------------------------------------------------------

GROUPED_OPINION = "反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。"


def citizens_type(traveller, portal: Portal) -> None:
    """Six askers on the board, four commenters on the decision and two applicants: every
    value in every free-text field (short fields share them out), valid values in the
    fields the forms check (phone, e-mail)."""
    names, titles, enterprises = spread(TYPED, 6), spread(TYPED, 6), spread(TYPED, 4)
    phones = [MOBILE, "139 1234 5678", LANDLINE, "+86 139 1234 5678", MOBILE, LANDLINE]
    for i in range(6):
        enterprise = i < 4
        ask(
            traveller,
            citizen(10 + i),
            asker_type="enterprise" if enterprise else "citizen",
            enterprise_name=f"{ENTERPRISE}{' '.join(enterprises[i])}" if enterprise else "",
            asker_name=f"{ASKER}{' '.join(names[i])}",
            phone=phones[i],
            email=EMAIL if i % 2 == 0 else "",
            related_policy=str(portal.policy.pk),
            title=f"助餐补贴怎么申请{' '.join(titles[i])}",
            question=(
                f"我是{ASKER}{f'，{ENTERPRISE}的' if enterprise else ''}，想问老年人助餐补贴怎么申请、要带什么材料？"
                f"我的身份证{ID_A}，老人身份证{ID_B}，补贴打到卡{BANK_CARD}，"
                f"电话{'、'.join(MOBILE_LAYOUTS)}，座机{LANDLINE}，邮箱{EMAIL}或{EMAIL_AT}。"
            ),
        )
    authors = spread(TYPED, 4)
    contact_phones = [MOBILE, "139 1234 5678", LANDLINE, MOBILE]
    for i in range(4):
        body = GROUPED_OPINION if i < 3 else "建议收集点晚上9点后不再投放，避免影响休息。"
        comment(
            citizen(30 + i),
            portal.decision,
            body=f"{body}我是{COMMENTER}，有事请联系我：{ALL_TYPED}，座机{LANDLINE}。",
            submitter_type="citizen",
            author_name=f"{COMMENTER}{' '.join(authors[i])}",
            contact_email=EMAIL,
            contact_phone=contact_phones[i],
        )
    for i, values in enumerate(spread(TYPED, 6)):
        name, consent = (APPLICANT, False) if i % 2 == 0 else (CONSENTING_APPLICANT, True)
        apply(
            citizen(50 + i),
            portal.call,
            kind="citizen",
            name=f"{name}{' '.join(values)}",
            contact_phone=[MOBILE, "139 1234 5678", LANDLINE][i % 3],
            contact_email=EMAIL,
            statement=f"我是{name}，住在小区里，身份证{ID_A}，电话{'、'.join(MOBILE_LAYOUTS)}，{ALL_TYPED}。",
            consent_to_publish_name="on" if consent else "",
        )
    assert RepresentativeApplication.objects.count() == 6


def staff_publish_messages(staff, portal: Portal) -> None:
    """Answer every message quoting the asker's name and phone, then publish the masked copy;
    from the clusters page, write an FAQ and a follow-up interpretation of the policy."""
    dispatcher, handler, signer = staff["dispatcher"], staff["handler"], staff["signer"]
    for message in Message.objects.order_by("pk"):
        consultation_services.message_assign(message=message, organisation=staff["organisation"], user=dispatcher)
        answer = (
            f"{message.asker_name}您好：已按您留下的电话{message.phone}与您联系。助餐补贴请带身份证到村居委会申请，"
            f"咨询电话{STAFF_OFFICE_NUMBER}。"
        )
        consultation_services.message_save_draft(message=message, user=handler, text=answer)
        consultation_services.message_send_answer(message=message, user=handler)
        consultation_services.message_prepare_publication(message=message, user=dispatcher)
        consultation_services.message_publish(message=message, user=dispatcher)

    page = client_for(dispatcher).get("/consultations/staff/clusters/?start=2023-09-01&end=2023-09-30")
    assert page.status_code == 200
    links = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page.content.decode())]
    faq_link = next(link for link in links if "/admin/consultations/faq/add/" in link)
    follow_up_link = next(link for link in links if "/admin/interpretations/interpretation/add/" in link)

    faq = parse_qs(urlsplit(faq_link).query)
    consultation_services.faq_create(
        faq=FAQ(
            question=faq["question"][0],
            answer=faq["answer"][0],
            topic=faq["topic"][0],
            asked_count=int(faq["asked_count"][0]),
            is_published=True,
        ),
        related_policies=[portal.policy],
    )
    prompting = parse_qs(urlsplit(follow_up_link).query)["prompting_question"][0]
    follow_up = InterpretationFactory(
        document=portal.policy,
        title="助餐补贴跟踪解读：外出就餐能否补贴",
        follow_up_of=portal.interpretation,
        prompting_question=prompting,
        created_by=staff["drafter"],
    )
    interpretation_services.interpretation_publish(interpretation=follow_up, user=signer)


def staff_publish_the_feedback(staff, portal: Portal) -> None:
    """After the window: record a forum and a material, group the opinions, decide them, issue
    the decision, publish the feedback report; record the meeting the applicants attended."""
    signer = staff["signer"]
    decision = portal.decision
    decision_services.activity_record(
        decision=decision,
        user=signer,
        kind=Activity.Kind.FORUM,
        held_on=dt.date(2023, 9, 20),
        participants=12,
        participants_description="居民代表12人",
        opinions_summary=f"居民{COMMENTER}（电话{MOBILE}，身份证{ID_B}）提出收集点应远离住宅。",
    )
    decision_services.material_add(
        decision=decision,
        user=signer,
        kind=DecisionMaterial.Kind.RISK,
        title="社会稳定风险评估报告",
        body=f"评估期间收到信访一件（信访人身份证{ID_A}，电话{'、'.join(MOBILE_LAYOUTS)}），已答复。",
    )
    for stage in (Stage.REVIEW, Stage.DELIBERATION):
        decision_services.decision_advance(decision=decision, to_stage=stage, user=signer)
    decision_services.decision_set_result(
        decision=decision, user=signer, result_document=result_document(), issued_on=dt.date(2023, 10, 9)
    )
    decision_services.decision_advance(decision=decision, to_stage=Stage.DECIDED, user=signer)

    (group,) = decision_services.opinion_group_similar(decision=decision, user=signer)
    decision_services.opinion_group_dispose(
        group=group, disposition=Disposition.NOT_ADOPTED, reason="北侧绿地为规划公园用地，不宜设置收集点。", user=signer
    )
    for opinion in Opinion.objects.filter(decision=decision, group__isnull=True):
        decision_services.opinion_dispose(
            opinion=opinion, disposition=Disposition.NOT_ADOPTED, reason="投放时间已另行规定。", user=signer
        )
    report = decision_services.feedback_report_draft(decision=decision, user=signer)
    decision_services.feedback_report_publish(report=report, user=signer)

    representatives = [
        (application.kind, application.name, application.consent_to_publish_name)
        for application in RepresentativeApplication.objects.order_by("pk")
    ]
    decision_services.meeting_record(
        organisation=decision.organisation,
        user=signer,
        title="垃圾分类收集点设置方案决策会议",
        held_on=dt.date(2023, 10, 8),
        decision=decision,
        representatives=representatives,
    )


# --- Every public surface -------------------------------------------------------------------

SEARCHED = [*TYPED, "02169876543", ASKER, COMMENTER, APPLICANT, "zhangwei", "zhang"]


def public_surfaces(portal: Portal) -> list[tuple[str, str, str]]:
    """(surface, text, what the visitor typed) for every public page, feed, API response and
    export, read by an anonymous visitor."""
    visitor = Client()
    decision = portal.decision
    messages = list(Message.objects.published().values_list("pk", flat=True))
    interpretations = list(Interpretation.objects.public().values_list("pk", flat=True))
    faqs = list(FAQ.objects.published().values_list("pk", flat=True))
    urls = [
        "/",
        "/catalogue/",
        "/sitemap.xml",
        *[f"/sitemap-{name}.xml" for name in SITEMAPS],
        f"/documents/{portal.policy.pk}/",
        "/decisions/",
        "/decisions/2023/",
        f"/decisions/2023/{decision.pk}/",
        "/decisions/representatives/",
        f"/decisions/representatives/calls/{portal.call.pk}/",
        "/decisions/feed.rss",
        "/consultations/",
        "/consultations/published/",
        "/consultations/published/feed/",
        "/consultations/faq.csv",
        *[f"/consultations/published/{pk}/" for pk in messages],
        "/data/",
        "/interpretations/",
        "/interpretations/feeds/latest.rss",
        "/interpretations/feeds/latest.atom",
        *[f"/interpretations/{pk}/" for pk in interpretations],
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        "/api/documents/",
        "/api/decisions/",
        f"/api/decisions/{decision.pk}/",
        "/api/consultations/",
        *[f"/api/consultations/{pk}/" for pk in messages],
        "/api/faqs/",
        *[f"/api/faqs/{pk}/" for pk in faqs],
        "/api/interpretations/",
        *[f"/api/interpretations/{pk}/" for pk in interpretations],
    ]
    surfaces = []
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        surfaces.append((url, _text(response), ""))
    for typed in SEARCHED:
        for url in [
            "/search/",
            "/consultations/",
            "/consultations/published/",
            "/api/decisions/",
            "/api/consultations/",
            "/api/faqs/",
            "/api/interpretations/",
        ]:
            parameter = "search" if url.startswith("/api/") else "q"
            response = visitor.get(url, {parameter: typed})
            assert response.status_code == 200, (url, typed)
            surfaces.append((f"{url}?{parameter}={typed}", _text(response), typed))
    return surfaces


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def mails_to_others() -> list[tuple[str, str, str]]:
    """Every e-mail sent to someone who did not type the data (staff, other commenters)."""
    delivery.deliver_pending()
    typists = {EMAIL.lower()}
    return [
        (f"e-mail to {', '.join(m.to)}: {m.subject}", f"{m.subject}\n{m.body}", "")
        for m in mail.outbox
        if not {address.lower() for address in m.to} <= typists
    ]


def test_personal_data_typed_into_public_forms_reaches_no_public_surface(portal, staff, caplog):
    caplog.set_level(logging.DEBUG)
    with time_machine.travel(dt.datetime(2023, 9, 11, 9, tzinfo=SHANGHAI), tick=False) as traveller:
        citizens_type(traveller, portal)
    with time_machine.travel(dt.datetime(2023, 10, 9, 10, tzinfo=SHANGHAI), tick=False):
        staff_publish_messages(staff, portal)
        staff_publish_the_feedback(staff, portal)
    with time_machine.travel(dt.datetime(2023, 10, 10, 10, tzinfo=SHANGHAI), tick=False):
        surfaces = public_surfaces(portal)
        surfaces += mails_to_others()
    surfaces.append(("log", "\n".join(f"{r.name}: {r.getMessage()} {r.exc_text or ''}" for r in caplog.records), ""))

    # The flow did publish what it set out to (else an empty page would pass).
    assert Message.objects.published().count() == 6
    assert FAQ.objects.published().count() == 1
    assert Interpretation.objects.public().filter(follow_up_of__isnull=False).exists()
    portal.decision.refresh_from_db()
    assert portal.decision.stage == Stage.FEEDBACK
    decision_page = next(text for url, text, _ in surfaces if url == f"/decisions/2023/{portal.decision.pk}/")
    assert "较为集中但未予采纳的意见" in decision_page and "反对在小区东门设置湿垃圾收集点" in decision_page
    assert CONSENTING_APPLICANT in decision_page  # she consented to her name being published
    assert any(url.startswith("e-mail to handler@") for url, _, _ in surfaces)

    # A tracking number (date + random digits) is the message's public reference, not the
    # asker's, and a 索引号 the document's (the factory's serial is random): by chance their
    # digits can repeat five of a secret number's, so they are left out.
    references = [
        *Message.objects.values_list("tracking_number", flat=True),
        *PolicyDocument.objects.values_list("index_number", flat=True),
    ]
    numbers = sorted(references, key=len, reverse=True)
    tracking = re.compile("|".join(re.escape(n) for n in numbers))
    surfaces = [(surface, tracking.sub(" ", text), echo) for surface, text, echo in surfaces]
    found = [leak for surface, text, echo in surfaces for leak in leaks(surface, text, echo=echo)]
    first = {(leak.surface, leak.what): leak for leak in reversed(found)}  # one line per surface and kind
    assert not found, f"{len(found)} leaks on {len(first)} surfaces:\n" + "\n".join(map(str, first.values()))
