"""The Head of Mayor's Office keeps the chasing rules and the schedules of the scheduled jobs (when the daily digests
and the other jobs run: django-celery-beat's periodic tasks and their crontab and interval schedules) in the
configuration site, and sees the chase runs and the chase ledger."""

from django.db import migrations

from mayoral_office.roles import grant_model_permissions

HEAD = "Head of Mayor's Office"
MODEL_PERMISSIONS = {  # frozen copy of these entries of roles.HEAD_OF_OFFICE_MODEL_PERMISSIONS as of this migration
    "mayoral_office.chasesettings": ["add", "change", "view"],
    "mayoral_office.chaserun": ["view"],
    "mayoral_office.chaseentry": ["view"],
    "django_celery_beat.periodictask": ["view", "change"],
    "django_celery_beat.crontabschedule": ["view", "change"],
    "django_celery_beat.intervalschedule": ["view", "change"],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, HEAD, MODEL_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("mayoral_office", "0007_chasing"), ("django_celery_beat", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
