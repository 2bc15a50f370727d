from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"
    verbose_name = "政民互动 · 留言咨询"

    def ready(self) -> None:
        from search import indexing
        from search.models import Kind

        from . import search_sync
        from .roles import sync_consultation_roles

        # After every migrate (permissions exist by then): the roles get exactly their listed permissions.
        post_migrate.connect(sync_consultation_roles, sender=self, dispatch_uid="consultations-roles")
        # One rebuilder re-indexes both kinds (published messages and FAQs).
        indexing.register_rebuilder(Kind.MESSAGE, search_sync.rebuild)
