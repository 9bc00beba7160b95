"""Procurement views: budgets (being built: each answers 404 until its pages land)."""

from django.http import Http404


def budget_list(request, pk=None):
    raise Http404("Not built yet")


def budget_line(request, pk=None):
    raise Http404("Not built yet")


def budget_allocate(request, pk=None):
    raise Http404("Not built yet")


def transfer_list(request, pk=None):
    raise Http404("Not built yet")


def transfer_request(request, pk=None):
    raise Http404("Not built yet")


def transfer_decide(request, pk=None):
    raise Http404("Not built yet")
