from django.db import migrations


def seed(apps, schema_editor):
    DiarySettings = apps.get_model("diary", "DiarySettings")
    if not DiarySettings.objects.exists():
        DiarySettings.objects.create(
            minimum_notice_working_days=10,
            travel_buffer_minutes=30,
            briefing_lead_working_days=3,
            forward_look_weeks=8,
        )


class Migration(migrations.Migration):
    dependencies = [("diary", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
