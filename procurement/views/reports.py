"""Procurement views: reports (being built: each answers 404 until its pages land)."""

from django.http import Http404


def budget_report(request, pk=None):
    raise Http404("Not built yet")


def budget_report_export(request, fmt=None):
    raise Http404("Not built yet")


def requisition_report(request, pk=None):
    raise Http404("Not built yet")


def year_end(request, pk=None):
    raise Http404("Not built yet")


def transparency(request, pk=None):
    raise Http404("Not built yet")
