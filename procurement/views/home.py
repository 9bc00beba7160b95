"""The procurement landing page."""

from django.shortcuts import render

from procurement import policy


def index(request):
    policy.require(request.user, "procurement.view")
    return render(request, "procurement/index.html", {"actions": policy.available_actions(request.user)})
