"""Placeholder until its helper writes it."""

from django.http import Http404


def section_add(request, **kwargs):
    raise Http404


def section_reorder(request, **kwargs):
    raise Http404


def section_edit(request, **kwargs):
    raise Http404


def section_remove(request, **kwargs):
    raise Http404


def section_paper(request, **kwargs):
    raise Http404


def section_paper_download(request, **kwargs):
    raise Http404
