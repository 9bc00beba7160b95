"""Placeholder until its helper writes it."""

from django.http import Http404


def background_propose(request, **kwargs):
    raise Http404
