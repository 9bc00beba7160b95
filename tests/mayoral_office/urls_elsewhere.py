"""A URLconf serving the diary at another address (tests/mayoral_office/test_links.py)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/diary/", include("diary.urls"))]
