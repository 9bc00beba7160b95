"""Placeholder until its helper writes it."""

from django.http import Http404


def pack_list(request, **kwargs):
    raise Http404


def pack_create(request, **kwargs):
    raise Http404


def pack(request, **kwargs):
    raise Http404


def pack_edit(request, **kwargs):
    raise Http404


def pack_withdraw(request, **kwargs):
    raise Http404
