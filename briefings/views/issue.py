"""Placeholder until its helper writes it."""

from django.http import Http404


def pack_clear(request, **kwargs):
    raise Http404


def pack_reopen(request, **kwargs):
    raise Http404


def pack_issue(request, **kwargs):
    raise Http404


def pack_revise(request, **kwargs):
    raise Http404


def pack_latest_pdf(request, **kwargs):
    raise Http404


def version(request, **kwargs):
    raise Http404


def version_pdf(request, **kwargs):
    raise Http404


def version_progress(request, **kwargs):
    raise Http404


def version_changes(request, **kwargs):
    raise Http404


def pack_draft_pdf(request, **kwargs):
    raise Http404
