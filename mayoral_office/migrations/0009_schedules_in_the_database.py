"""The scheduled jobs live in django-celery-beat's tables, seeded here once, so the Head of Mayor's Office can change
them on the configuration site and a deploy does not put them back (beat rewrites every entry of
CELERY_BEAT_SCHEDULE from settings each time it starts, so settings now hold none). Also: the old casework chase's
schedule goes (manage.py chase replaced it), and emails the old outbox gave up on (5 failed attempts) are marked
abandoned, so the new retry limit does not send them again."""

from django.db import migrations

LONDON = "Europe/London"
# name: (task, {"every": seconds} or a crontab's fields, what it does)
SCHEDULES = {
    "send-outbox": ("mayoral_office.tasks.send_outbox", {"every": 120}, "Send queued emails and retry failed ones."),
    "chase": (
        "mayoral_office.tasks.chase",
        {"minute": "*/10", "hour": "*", "day_of_week": "mon-fri"},
        "The daily chase digests: written once a working day from the digest time (Chasing rules).",
    ),
    "chase-alerts": (
        "mayoral_office.tasks.chase_alerts",
        {"minute": "5-55/10", "hour": "*", "day_of_week": "mon-fri"},
        "Alerts for newly due items, to those who asked for them, after the day's digests.",
    ),
    "casework-retention": ("casework.tasks.apply_retention", {"minute": "30", "hour": "2"}, "Anonymise old cases."),
    "diary-week-ahead": (
        "diary.tasks.send_week_ahead",
        {"minute": "0", "hour": "15", "day_of_week": "fri"},
        "Email each member and their officers the coming week.",
    ),
    "decisions-check-incident-logs": (
        "decisions.tasks.check_incident_logs",
        {"minute": "15", "hour": "3"},
        "Check the incident logs' hash chains.",
    ),
}


def seed(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask.objects.filter(name="casework-chase-overdue").delete()
    for name, (task, when, description) in SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        if "every" in when:
            interval, _ = IntervalSchedule.objects.get_or_create(every=when["every"], period="seconds")
            schedule = {"interval": interval}
        else:
            fields = {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
            crontab, _ = CrontabSchedule.objects.get_or_create(**{**fields, **when}, timezone=LONDON)
            schedule = {"crontab": crontab}
        PeriodicTask.objects.create(name=name, task=task, description=description, **schedule)


def abandon_old_failures(apps, schema_editor):
    Notification = apps.get_model("mayoral_office", "Notification")
    Notification.objects.filter(status="failed", attempts__gte=5).update(status="abandoned", next_attempt_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("mayoral_office", "0008_head_of_office_chasing"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(abandon_old_failures, migrations.RunPython.noop),
    ]
