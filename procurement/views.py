from django.shortcuts import render

from procurement.policy import policy


def index(request):
    policy.require(request.user, "procurement.view")
    return render(request, "procurement/index.html")
