"""Demo messages, window questions, FAQs and staff of the message board. Idempotent:
every row is looked up by its natural key first, so a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import PolicyDocument
from organisations.demo import ensure_account
from organisations.models import Organisation
from organisations.roles import sync_role_groups

from ... import demo, services
from ...models import FAQ, NATIONAL_TOPIC, Message, WindowQuestion


class Command(BaseCommand):
    help = "Load the message board's demo data (safe to run again)."

    def handle(self, *args, **options) -> None:
        sync_role_groups()
        today = timezone.localdate()
        staff = {account.username: ensure_account(account)[0] for account in demo.ACCOUNTS}
        dispatcher = staff["consult-dispatcher"]
        added = sum(self._message(row, today, dispatcher, staff) for row in demo.MESSAGES)
        windows = 0
        for question, topic, number, times in demo.WINDOW_QUESTIONS:
            _, created = WindowQuestion.objects.get_or_create(
                question=question,
                defaults={
                    "topic": topic,
                    "times": times,
                    "asked_on": today - dt.timedelta(days=10),
                    "related_policy": self._policy(number),
                },
            )
            windows += created
        faqs = 0
        for question, answer, everyday_topic, numbers, asked in demo.FAQS:
            if FAQ.objects.filter(question=question).exists():
                continue
            services.faq_create(
                faq=FAQ(
                    question=question,
                    answer=answer,
                    everyday_topic=everyday_topic,
                    topic=NATIONAL_TOPIC[everyday_topic],
                    asked_count=asked,
                    is_published=True,
                ),
                related_policies=[p for p in (self._policy(n) for n in numbers) if p],
            )
            faqs += 1
        self.stdout.write(
            f"留言板演示数据：新增留言 {added} 条、窗口咨询记录 {windows} 条、常见问题 {faqs} 条。\n"
            "留言板演示账号："
            + "，".join(f"{a.username}（{a.role}，{a.organisation}，密码 {a.password}）" for a in demo.ACCOUNTS)
        )

    @staticmethod
    def _policy(number: str) -> PolicyDocument | None:
        if not number:
            return None
        return PolicyDocument.objects.public().filter(doc_number=number).order_by("-published_at").first()

    def _message(self, row: demo.DemoMessage, today: dt.date, dispatcher, staff: dict) -> bool:
        if Message.objects.filter(submission_key=row.key).exists():
            return False
        message = Message(
            channel=row.channel,
            asker_type=row.asker_type,
            enterprise_name=row.enterprise,
            asker_name=row.name,
            phone=row.phone,
            email=row.email,
            everyday_topic=row.everyday_topic,
            topic=NATIONAL_TOPIC[row.everyday_topic],
            related_policy=self._policy(row.policy),
            title=row.title,
            question=row.question,
            consent_to_publish=row.consent,
            received_on=today - dt.timedelta(days=row.days_ago),
            needs_leader_review=row.leader_review,
        )
        message = services.message_register(message=message, user=dispatcher, submission_key=row.key).message
        organisation = Organisation.objects.filter(slug=row.organisation).first() if row.organisation else None
        if organisation is None:
            return True
        services.message_assign(message=message, organisation=organisation, user=dispatcher)
        if not row.answer:
            return True
        handler = self._handler(organisation, staff) or dispatcher
        services.message_save_draft(message=message, user=handler, text=row.answer)
        message.needs_leader_review = row.leader_review  # the other demo answers go out at once
        services.message_send_answer(message=message, user=handler)
        if row.leader_review:
            return True  # waits for the leader (待领导审核)
        answered_on = min(today, message.received_on + dt.timedelta(days=max(1, row.days_ago // 5)))
        Message.objects.filter(pk=message.pk).update(answered_on=answered_on)
        message.refresh_from_db()
        if row.rating:
            services.message_rate(message=message, rating=row.rating)
        if row.typical_case:
            services.return_visit_record(
                message=message, user=handler, method="phone", result="resolved", note="已登记助餐", typical_case=True
            )
        if row.publish:
            services.message_prepare_publication(message=message, user=dispatcher)
            services.message_publish(message=message, user=dispatcher)
        return True

    @staticmethod
    def _handler(organisation: Organisation, staff: dict):
        """The demo handler of that office, so the event log names who answered."""
        for account in demo.ACCOUNTS:
            if account.role == demo.HANDLER and account.organisation == organisation.name:
                return staff[account.username]
        return None
