from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"
    verbose_name = "政民互动 · 留言咨询"

    def ready(self) -> None:
        from search import indexing
        from search.models import Kind

        from . import search_sync

        # One rebuilder re-indexes both kinds (published messages and FAQs).
        indexing.register_rebuilder(Kind.MESSAGE, search_sync.rebuild)
