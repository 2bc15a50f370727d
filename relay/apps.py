from django.apps import AppConfig


class RelayConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "relay"
    verbose_name = "政策接力推送"

    def ready(self) -> None:
        from documents import signals

        from . import receivers

        signals.document_withdrawn.connect(receivers.on_document_withdrawn, dispatch_uid="relay.withdraw")
