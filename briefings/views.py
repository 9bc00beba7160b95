from django.shortcuts import render

from briefings.policy import policy


def index(request):
    policy.require(request.user, "briefings.view")
    return render(request, "briefings/index.html")
