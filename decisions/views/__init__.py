"""Thin views, split by what the officer is looking at; each module has its own `urlpatterns` (decisions/urls.py
puts them together). Every record comes through decisions/views/fetch.py."""
