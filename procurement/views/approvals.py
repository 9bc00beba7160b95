"""Procurement views: approvals (being built: each answers 404 until its pages land)."""

from django.http import Http404


def approval_list(request, pk=None):
    raise Http404("Not built yet")


def requisition_approve(request, pk=None):
    raise Http404("Not built yet")


def requisition_return(request, pk=None):
    raise Http404("Not built yet")


def requisition_reject(request, pk=None):
    raise Http404("Not built yet")


def requisition_override(request, pk=None):
    raise Http404("Not built yet")


def requisition_raise_po(request, pk=None):
    raise Http404("Not built yet")


def requisition_receive(request, pk=None):
    raise Http404("Not built yet")


def requisition_invoice(request, pk=None):
    raise Http404("Not built yet")
