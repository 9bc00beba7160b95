"""The weekly performance report's schedule, a django-celery-beat row the Head of Mayor's Office can change (as 0009):
weekday mornings at 07:30; the task itself sends only on the first working day of the week, once."""

from django.db import migrations

NAME = "weekly-report"


def seed(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="7", day_of_week="mon-fri", day_of_month="*", month_of_year="*", timezone="Europe/London"
    )
    PeriodicTask.objects.create(
        name=NAME,
        task="mayoral_office.tasks.weekly_report",
        crontab=crontab,
        description="Last week's performance report (PDF) to the Head of Mayor's Office, on the first working day "
        "of the week.",
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("mayoral_office", "0012_api_tokens"), ("django_celery_beat", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
