"""Placeholder until its helper writes it."""

from django.http import Http404


def commission_create(request, **kwargs):
    raise Http404


def commission_list(request, **kwargs):
    raise Http404


def commission(request, **kwargs):
    raise Http404


def commission_draft(request, **kwargs):
    raise Http404


def commission_submit(request, **kwargs):
    raise Http404


def commission_accept(request, **kwargs):
    raise Http404


def commission_return(request, **kwargs):
    raise Http404


def commission_cancel(request, **kwargs):
    raise Http404
