"""Procurement views: suppliers (being built: each answers 404 until its pages land)."""

from django.http import Http404


def supplier_list(request, pk=None):
    raise Http404("Not built yet")


def supplier_create(request, pk=None):
    raise Http404("Not built yet")
