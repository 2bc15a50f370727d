"""`python manage.py load_demo_workpoints`: the work-points demo (workpoints.demo), after
`load_demo`. Safe to run again: what exists is left as staff left it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from workpoints import demo


class Command(BaseCommand):
    help = "载入政务公开工作要点演示数据：2023年工作要点的28项任务、佐证材料和一次听取工作汇报记录。可重复运行。"

    def handle(self, *args, **options) -> None:
        try:
            demo.load(stdout=self.stdout)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
