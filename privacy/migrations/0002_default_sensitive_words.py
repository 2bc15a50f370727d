from django.db import migrations

DEFAULT_WORDS = {
    "秘密": "国家秘密密级标志",
    "机密": "国家秘密密级标志",
    "绝密": "国家秘密密级标志",
    "内部资料": "内部资料不得公开",
    "内部文件": "内部文件不得公开",
    "不得外传": "限定知悉范围的标注",
    "工作秘密": "工作秘密不得公开",
}


def add_default_words(apps, schema_editor):
    SensitiveWord = apps.get_model("privacy", "SensitiveWord")
    for word, note in DEFAULT_WORDS.items():
        SensitiveWord.objects.get_or_create(word=word, defaults={"note": note})


def remove_default_words(apps, schema_editor):
    SensitiveWord = apps.get_model("privacy", "SensitiveWord")
    SensitiveWord.objects.filter(word__in=DEFAULT_WORDS).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(add_default_words, remove_default_words)]
