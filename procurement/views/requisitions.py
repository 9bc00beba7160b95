"""Procurement views: requisitions (being built: each answers 404 until its pages land)."""

from django.http import Http404


def requisition_list(request, pk=None):
    raise Http404("Not built yet")


def requisition_create(request, pk=None):
    raise Http404("Not built yet")


def requisition(request, pk=None):
    raise Http404("Not built yet")


def requisition_edit(request, pk=None):
    raise Http404("Not built yet")


def quote_add(request, pk=None):
    raise Http404("Not built yet")


def quote_file(request, pk=None):
    raise Http404("Not built yet")


def requisition_submit(request, pk=None):
    raise Http404("Not built yet")


def requisition_cancel(request, pk=None):
    raise Http404("Not built yet")


def requisition_export(request, pk=None):
    raise Http404("Not built yet")
