"""`python manage.py load_demo_decisions`: a current-year catalogue with decisions at several
stages, one of them open for public comment. Idempotent: a decision that exists (by catalogue
and title) is left as it is, with everything staff changed since."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from documents.models import PolicyDocument
from organisations.models import Organisation

from ... import services
from ...indexing import sync_decision
from ...models import (
    Activity,
    Catalogue,
    Decision,
    DecisionMaterial,
    DraftArticle,
    Opinion,
    OpinionGroup,
    Representative,
    RepresentativeCall,
    RepresentativeMeeting,
    RepresentativeType,
    Stage,
    StageChange,
)
from ...models import Disposition as D

ORGANISATIONS = {
    "徐泾镇人民政府": {
        "short_name": "镇政府",
        "slug": "government",
        "kind": "government",
        "agency_code": "徐府发",
        "index_code": "11310118MB2F00001Q",
        "order": 10,
    },
    "徐泾镇经济发展办公室": {
        "short_name": "经发办",
        "slug": "economy",
        "kind": "office",
        "agency_code": "徐经发",
        "index_code": "11310118MB2F00003Q",
        "order": 30,
    },
    "徐泾镇社区管理办公室": {
        "short_name": "社管办",
        "slug": "community",
        "kind": "office",
        "agency_code": "徐社管",
        "index_code": "11310118MB2F00004Q",
        "order": 40,
    },
    "徐泾镇城市建设管理办公室": {
        "short_name": "城建办",
        "slug": "urban-management",
        "kind": "office",
        "agency_code": "徐城建",
        "index_code": "11310118MB2F00005Q",
        "order": 50,
    },
}

ELEVATOR_ARTICLES = [
    (
        "目的和依据",
        "为改善老旧住宅小区居民出行条件，根据《上海市既有多层住宅加装电梯的指导意见》，结合本镇实际，制定本办法。",
    ),
    ("适用范围", "本办法适用于本镇行政区域内已建成投入使用、未设电梯的四层及以上住宅。"),
    ("补贴标准", "每台电梯补贴人民币15万元；楼内有80周岁以上老人或残疾人的，另增加补贴2万元。"),
    (
        "申请条件",
        "加装电梯须经本幢（单元）房屋专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主同意。",
    ),
    ("申请程序", "业主委托实施主体向所在居委会提出申请，居委会在5个工作日内出具意见后报镇社区管理办公室审核。"),
    ("施行日期", "本办法自公布之日起施行，有效期五年。"),
]
ELEVATOR_OPINIONS = [
    (Opinion.SubmitterType.CITIZEN, "建议提高补贴标准，一楼住户不用电梯却要分摊费用，应给一楼住户适当补偿。", 3),
    (Opinion.SubmitterType.CITIZEN, "建议提高补贴标准，一楼住户不使用电梯却要分摊费用，应当给一楼住户补偿。", 3),
    (Opinion.SubmitterType.CITIZEN, "申请程序中居委会出具意见的时限5个工作日太长，建议缩短为3个工作日。", 5),
    (Opinion.SubmitterType.ORGANISATION, "建议明确电梯后期维保费用的承担方式，避免建成后无人维护。", None),
]


class Command(BaseCommand):
    help = "载入重大行政决策演示数据：本年度目录（含正在征求意见的决策草案）。可重复运行。"

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        now = timezone.now()
        today = timezone.localdate()
        self.created = 0
        orgs = {name: self._organisation(name) for name in ORGANISATIONS}
        actor = self._actor(orgs["徐泾镇人民政府"])
        catalogue, made = Catalogue.objects.get_or_create(
            year=today.year,
            defaults={
                "organisation": orgs["徐泾镇人民政府"],
                "introduction": "根据《重大行政决策程序暂行条例》和《徐泾镇2023年政务公开工作要点》，现公布本年度重大行政决策事项目录。"
                "各承办单位应严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。",
            },
        )
        self.created += made
        self._elevator(catalogue, orgs["徐泾镇社区管理办公室"], actor, today)
        self._enterprise(catalogue, orgs["徐泾镇经济发展办公室"], actor, today)
        self._waste(catalogue, orgs["徐泾镇城市建设管理办公室"], actor, today, now)
        self._catalogue_only(catalogue, orgs["徐泾镇人民政府"])
        if catalogue.published_at is None:
            published = dt.datetime(today.year, 3, 20, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai
            catalogue.published_at = min(published, now - dt.timedelta(hours=1))
            catalogue.save(update_fields=["published_at"])
        self._call(orgs["徐泾镇社区管理办公室"], today)
        for decision in catalogue.decisions.all():
            sync_decision(decision)
        self.stdout.write(
            f"重大行政决策演示数据已就绪：{catalogue}，共 {catalogue.decisions.count()} 项（本次新增 {self.created} 条记录）。"
        )

    # --- helpers --------------------------------------------------------------------------

    def _organisation(self, name: str) -> Organisation:
        organisation, made = Organisation.objects.get_or_create(name=name, defaults=ORGANISATIONS[name])
        self.created += made
        return organisation

    def _actor(self, organisation: Organisation):
        user_model = get_user_model()
        user = (
            user_model.objects.filter(username="admin").first() or user_model.objects.filter(is_superuser=True).first()
        )
        if user is None:
            user, _ = user_model.objects.get_or_create(username="decisions-demo", defaults={"is_active": False})
        return user

    def _decision(self, catalogue: Catalogue, title: str, **fields) -> tuple[Decision, bool]:
        decision, made = Decision.objects.get_or_create(catalogue=catalogue, title=title, defaults=fields)
        self.created += made
        return decision, made

    def _stages(self, decision: Decision, actor, dates: list[dt.date]) -> None:
        """Record the stage changes up to the decision's stage, on the given dates."""
        order = [s.value for s in Stage]
        for index, on in enumerate(dates, start=1):
            at = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 30)))
            StageChange.objects.create(
                decision=decision, from_stage=order[index - 1], to_stage=order[index], actor=actor, at=at
            )
        decision.stage = order[len(dates)]
        decision.save(update_fields=["stage"])

    def _elevator(self, catalogue, organisation, actor, today) -> None:
        decision, made = self._decision(
            catalogue,
            "徐泾镇既有多层住宅加装电梯补贴办法",
            number=1,
            organisation=organisation,
            legal_basis="《上海市既有多层住宅加装电梯的指导意见》；《重大行政决策程序暂行条例》",
            planned_schedule=f"{today.year}年第四季度",
            plans_hearing=True,
            plans_risk_assessment=True,
            summary="对本镇老旧多层住宅加装电梯给予补贴，明确补贴标准、申请条件和程序。现公开征求意见。",
            draft_text="\n\n".join(f"第{i}条 {h}\n{t}" for i, (h, t) in enumerate(ELEVATOR_ARTICLES, 1)),
            drafting_explanation="一、起草背景：本镇有未设电梯的多层住宅约1.2万户，老年居民上下楼困难。\n"
            "二、主要内容：明确补贴对象、补贴标准、申请条件和办理程序。\n"
            "三、征求意见情况：本草案在门户网站公开征求意见30日，并将在蟠龙居委会召开居民座谈会。",
            comment_opens_on=today - dt.timedelta(days=10),
            comment_closes_on=today + dt.timedelta(days=20),
        )
        if not made:
            return
        for number, (heading, text) in enumerate(ELEVATOR_ARTICLES, 1):
            DraftArticle.objects.create(decision=decision, number=number, heading=heading, text=text)
        self._stages(decision, actor, [today - dt.timedelta(days=40), today - dt.timedelta(days=10)])
        articles = {a.number: a for a in decision.articles.all()}
        for i, (kind, body, article) in enumerate(ELEVATOR_OPINIONS):
            Opinion.objects.create(
                decision=decision,
                submitter_type=kind,
                body=body,
                article=articles.get(article),
                contact_email=f"resident{i}@example.com",
                submitted_at=timezone.now() - dt.timedelta(days=9 - i),
            )
        DecisionMaterial.objects.create(
            decision=decision,
            kind=DecisionMaterial.Kind.INTERPRETATION,
            title="一图读懂加装电梯补贴办法（征求意见稿）",
            body="补贴多少？每台15万元，有高龄老人或残疾人的另加2万元。\n谁来申请？业主委托的实施主体向居委会申请。",
            added_on=today - dt.timedelta(days=10),
        )
        DecisionMaterial.objects.create(
            decision=decision,
            kind=DecisionMaterial.Kind.BACKGROUND,
            title="本镇既有多层住宅基本情况",
            body="全镇共有未设电梯的四层及以上住宅412幢、约1.2万户，其中60周岁以上居民占38%。",
            added_on=today - dt.timedelta(days=10),
        )

    def _enterprise(self, catalogue, organisation, actor, today) -> None:
        decision, made = self._decision(
            catalogue,
            "徐泾镇支持西虹桥商务区中小企业高质量发展若干措施",
            number=2,
            organisation=organisation,
            legal_basis="《中华人民共和国中小企业促进法》；《优化营商环境条例》",
            planned_schedule=f"{today.year}年第四季度",
            plans_expert_argumentation=True,
            plans_risk_assessment=True,
            concerns_enterprises=True,
            summary="从房租补贴、人才公寓、融资担保三方面支持中小企业发展。",
            draft_text="第一条 对新落户的中小企业给予最长三年的房租补贴。\n第二条 优先保障重点企业人才公寓。",
            drafting_explanation="落实优化营商环境要求，稳定企业预期。",
            comment_opens_on=today - dt.timedelta(days=75),
            comment_closes_on=today - dt.timedelta(days=45),
        )
        if not made:
            return
        self._stages(
            decision,
            actor,
            [today - dt.timedelta(days=90), today - dt.timedelta(days=75), today - dt.timedelta(days=44)],
        )
        forum = Activity.objects.create(
            decision=decision,
            kind=Activity.Kind.FORUM,
            held_on=today - dt.timedelta(days=60),
            participants=14,
            participants_description="企业代表10人、行业协会商会代表4人",
            opinions_summary="企业普遍希望简化补贴申请材料，协会建议将融资担保覆盖到个体工商户。",
        )
        Opinion.objects.create(
            decision=decision,
            channel=Opinion.Channel.FORUM,
            activity=forum,
            submitter_type=Opinion.SubmitterType.ENTERPRISE,
            author_name="某科技有限公司",
            body="建议简化房租补贴申请材料，实行网上申报。",
        )
        Opinion.objects.create(
            decision=decision,
            channel=Opinion.Channel.FORUM,
            activity=forum,
            submitter_type=Opinion.SubmitterType.ASSOCIATION,
            author_name="青浦区某行业协会",
            body="建议融资担保覆盖到个体工商户。",
        )

    def _waste(self, catalogue, organisation, actor, today, now) -> None:
        document = PolicyDocument.objects.public().order_by("-published_at").first()
        decision, made = self._decision(
            catalogue,
            "徐泾镇生活垃圾分类收集点布局调整方案",
            number=3,
            organisation=organisation,
            legal_basis="《上海市生活垃圾管理条例》",
            planned_schedule=f"{today.year}年第三季度",
            plans_hearing=True,
            summary="调整居民小区生活垃圾分类收集点布局，解决部分收集点离住宅过近的问题。",
            draft_text="一、各小区湿垃圾收集点与住宅外墙距离不少于10米。\n二、每300户设置一处定时定点投放点。",
            drafting_explanation="回应居民对收集点异味、噪声问题的反映。",
            comment_opens_on=today - dt.timedelta(days=120),
            comment_closes_on=today - dt.timedelta(days=90),
        )
        if not made:
            return
        issued = today - dt.timedelta(days=21)
        dates = [
            today - dt.timedelta(days=130),
            today - dt.timedelta(days=120),
            today - dt.timedelta(days=89),
            today - dt.timedelta(days=40),
        ]
        if document is None:
            self._stages(decision, actor, dates)
            return
        decision.result_document, decision.issued_on = document, issued
        decision.save(update_fields=["result_document", "issued_on"])
        self._stages(decision, actor, [*dates, issued])
        decision.feedback_due_on = services._start_feedback_deadline(decision)
        decision.save(update_fields=["feedback_due_on"])
        group = OpinionGroup.objects.create(
            decision=decision,
            summary="反对在小区东门设置湿垃圾收集点，要求迁至北侧绿地旁。",
            disposition=D.NOT_ADOPTED,
            reason="北侧绿地为消防通道，不具备设置条件；将加装除臭设备并每日两次清洗。",
        )
        for i in range(5):
            Opinion.objects.create(
                decision=decision,
                group=group,
                submitter_type=Opinion.SubmitterType.CITIZEN,
                body="反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。" + "！" * i,
                contact_email=f"neighbour{i}@example.com",
                submitted_at=now - dt.timedelta(days=110 - i),
            )
        Opinion.objects.create(
            decision=decision,
            submitter_type=Opinion.SubmitterType.CITIZEN,
            body="建议投放时间延长到晚上9点。",
            disposition=D.ADOPTED,
            submitted_at=now - dt.timedelta(days=100),
        )
        Opinion.objects.create(
            decision=decision,
            submitter_type=Opinion.SubmitterType.CITIZEN,
            body="建议给志愿者发放补贴。",
            disposition=D.PARTLY,
            disposition_reason="按志愿服务时长给予积分奖励。",
            submitted_at=now - dt.timedelta(days=99),
        )
        Activity.objects.create(
            decision=decision,
            kind=Activity.Kind.HEARING,
            held_on=today - dt.timedelta(days=95),
            participants=23,
            participants_description="居民代表18人、物业企业代表5人",
            opinions_summary="多数代表支持定时定点投放，部分代表关注收集点异味。",
        )
        report = services.feedback_report_draft(decision=decision)
        published_on = issued + dt.timedelta(days=12)
        report.published_at = min(timezone.make_aware(dt.datetime.combine(published_on, dt.time(10))), now)
        report.published_by = actor
        report.save(update_fields=["published_at", "published_by"])
        from deadlines import services as deadline_services

        deadline_services.deadline_meet(subject=decision, kind=services.FEEDBACK_KIND, on=published_on)
        StageChange.objects.create(
            decision=decision, from_stage=Stage.DECIDED, to_stage=Stage.FEEDBACK, actor=actor, at=report.published_at
        )
        decision.stage = Stage.FEEDBACK
        decision.save(update_fields=["stage"])
        meeting = RepresentativeMeeting.objects.create(
            organisation=organisation,
            decision=decision,
            title="镇政府常务会议（审议垃圾分类收集点布局调整方案）",
            held_on=issued - dt.timedelta(days=1),
        )
        Representative.objects.create(
            meeting=meeting, kind=RepresentativeType.CITIZEN, name="周建华", consent_to_publish_name=True
        )
        Representative.objects.create(meeting=meeting, kind=RepresentativeType.SMALL_BUSINESS, name="钱晓东")

    def _catalogue_only(self, catalogue, organisation) -> None:
        self._decision(
            catalogue,
            f"徐泾镇{catalogue.year + 1}年民生实事项目",
            number=4,
            organisation=organisation,
            legal_basis="《上海市人民代表大会常务委员会关于实行民生实事项目人大代表票决制的决定》",
            planned_schedule=f"{catalogue.year}年12月",
            plans_public_comment=True,
        )

    def _call(self, organisation, today) -> None:
        _, made = RepresentativeCall.objects.get_or_create(
            title="公开征集公众代表列席加装电梯补贴办法决策会议",
            defaults={
                "organisation": organisation,
                "description": "拟邀请市民代表3名、小微企业代表2名列席镇政府常务会议。欢迎本镇居民和企业报名。",
                "opens_on": today - dt.timedelta(days=5),
                "closes_on": today + dt.timedelta(days=25),
                "seats": 5,
                "decision": Decision.objects.filter(title="徐泾镇既有多层住宅加装电梯补贴办法").first(),
            },
        )
        self.created += made
