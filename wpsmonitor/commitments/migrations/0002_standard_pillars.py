from django.db import migrations

STANDARD = [
    ("participation", "Participation", 1),
    ("prevention", "Prevention", 2),
    ("protection", "Protection", 3),
    ("relief-recovery", "Relief and recovery", 4),
]


def add_pillars(apps, schema_editor):
    Pillar = apps.get_model("commitments", "Pillar")
    for key, name, order in STANDARD:
        Pillar.objects.update_or_create(
            key=key, defaults={"name": name, "order": order, "is_standard": True}
        )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]
    operations = [migrations.RunPython(add_pillars, migrations.RunPython.noop)]
