from django.shortcuts import render


def index(request):
    return render(request, "briefings/index.html")
