"""Email intake's schedule, a django-celery-beat row the Head of Mayor's Office can change (as mayoral_office 0009 and
0013): every five minutes. A mailbox that is not active is not polled."""

from django.db import migrations

NAME = "casework-poll-mailboxes"


def seed(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    interval, _ = IntervalSchedule.objects.get_or_create(every=300, period="seconds")
    PeriodicTask.objects.create(
        name=NAME,
        task="casework.tasks.poll_mailboxes",
        interval=interval,
        description="Take new messages from the casework mailboxes (Configuration > Mailboxes) as cases.",
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0017_email_intake"), ("django_celery_beat", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
