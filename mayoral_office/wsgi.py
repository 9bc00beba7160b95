import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mayoral_office.settings")
application = get_wsgi_application()

# Everything loaded by now (Django, the apps, their models and settings) lives as long as the worker. Frozen out of
# the garbage collector's generations, a full collection no longer walks it between requests: at ten years of data
# those collections were the slowest requests of a page (the week of every member's diary: p95 240 -> 155 ms, the
# median unchanged). bench/measure.py loads the app through this module too.
gc.freeze()
