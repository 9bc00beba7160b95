"""The procurement landing page: what the user may do here, the approvals waiting for them, and this financial
year's figures over the budget lines they may see."""

from django.shortcuts import render

from procurement import policy
from procurement.selectors import home as selectors


def index(request):
    policy.require(request.user, "procurement.view")
    context = {"actions": policy.available_actions(request.user), **selectors.landing(request.user)}
    return render(request, "procurement/index.html", context)
