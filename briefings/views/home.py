from django.shortcuts import render

from briefings.views import fetch


def index(request):
    fetch.section(request)
    return render(request, "briefings/index.html", {"actions": fetch.actions(request)})
