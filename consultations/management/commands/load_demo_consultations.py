"""`python manage.py load_demo_consultations`: the message board's demo (consultations.demo),
after `load_demo`. Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from consultations import demo


class Command(BaseCommand):
    help = "Load the message board's demo data (safe to run again)."

    def handle(self, *args, **options) -> None:
        demo.load(stdout=self.stdout)
