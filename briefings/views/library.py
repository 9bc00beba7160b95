"""Placeholder until its helper writes it."""

from django.http import Http404


def passage_list(request, **kwargs):
    raise Http404


def passage_create(request, **kwargs):
    raise Http404


def passage(request, **kwargs):
    raise Http404


def passage_edit(request, **kwargs):
    raise Http404


def passage_insert(request, **kwargs):
    raise Http404
