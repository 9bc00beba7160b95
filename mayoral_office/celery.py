import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mayoral_office.settings")

app = Celery("mayoral_office")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
