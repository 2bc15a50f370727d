from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpretations"
    verbose_name = "政策解读"
