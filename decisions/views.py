from django.shortcuts import render

from decisions.policy import policy


def index(request):
    policy.require(request.user, "decisions.view")
    return render(request, "decisions/index.html")
