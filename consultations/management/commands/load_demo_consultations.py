"""Demo messages, window questions, FAQs and staff of the message board. Idempotent:
every row is looked up by its natural key first, so a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import PolicyDocument
from organisations.models import Organisation, StaffProfile
from organisations.roles import sync_role_groups

from ... import demo, search_sync, services
from ...models import FAQ, Message, WindowQuestion


class Command(BaseCommand):
    help = "Load the message board's demo data (safe to run again)."

    def handle(self, *args, **options) -> None:
        sync_role_groups()
        today = timezone.localdate()
        staff = self._staff()
        dispatcher = staff.get("consult-dispatcher")
        added = sum(self._message(row, today, dispatcher) for row in demo.MESSAGES)
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
        for question, answer, topic, numbers, asked in demo.FAQS:
            faq, created = FAQ.objects.get_or_create(
                question=question,
                defaults={"answer": answer, "topic": topic, "asked_count": asked, "is_published": True},
            )
            if created:
                faq.related_policies.set([p for p in (self._policy(n) for n in numbers) if p])
                search_sync.sync_faq(faq)
            faqs += created
        self.stdout.write(
            f"留言板演示数据：新增留言 {added} 条、窗口咨询记录 {windows} 条、常见问题 {faqs} 条。\n"
            "留言板演示账号：" + "，".join(f"{u}（{role}，密码 {pw}）" for u, pw, role, _ in demo.STAFF)
        )

    @staticmethod
    def _policy(number: str) -> PolicyDocument | None:
        if not number:
            return None
        return PolicyDocument.objects.public().filter(doc_number=number).order_by("-published_at").first()

    def _staff(self) -> dict:
        User = get_user_model()
        users = {}
        for username, password, role, slug in demo.STAFF:
            organisation = Organisation.objects.filter(slug=slug).first()
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username=username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=role))
                if organisation is not None:
                    StaffProfile.objects.update_or_create(user=user, defaults={"organisation": organisation})
            users[username] = user
        return users

    def _message(self, row: tuple, today: dt.date, user) -> bool:
        (key, channel, asker_type, enterprise, name, phone, email, topic, number, title, question, consent, days_ago,
         org_slug, answer, rating, publish) = row  # fmt: skip
        if Message.objects.filter(submission_key=key).exists():
            return False
        message = Message(
            channel=channel,
            asker_type=asker_type,
            enterprise_name=enterprise,
            asker_name=name,
            phone=phone,
            email=email,
            topic=topic,
            related_policy=self._policy(number),
            title=title,
            question=question,
            consent_to_publish=consent,
            received_on=today - dt.timedelta(days=days_ago),
        )
        message = services.message_register(message=message, user=user, submission_key=key).message
        organisation = Organisation.objects.filter(slug=org_slug).first() if org_slug else None
        if organisation is not None:
            services.message_assign(message=message, organisation=organisation, user=user)
        if answer and organisation is not None:
            services.message_save_draft(message=message, user=user, text=answer)
            message.needs_leader_review = False
            services.message_send_answer(message=message, user=user)
            answered_on = min(today, message.received_on + dt.timedelta(days=max(1, days_ago // 5)))
            Message.objects.filter(pk=message.pk).update(answered_on=answered_on)
            message.refresh_from_db()
            if rating:
                services.message_rate(message=message, rating=rating)
            if publish:
                services.message_prepare_publication(message=message, user=user)
                services.message_publish(message=message, user=user)
        return True
