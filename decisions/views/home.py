from django.shortcuts import render
from django.urls import path

from decisions import selectors
from decisions.views import fetch


def index(request):
    fetch.section(request)
    context = {"actions": fetch.actions(request), **selectors.landing(request.user)}
    return render(request, "decisions/index.html", context)


urlpatterns = [path("", index, name="index")]
