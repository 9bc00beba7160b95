from django.urls import path

from briefings import views

app_name = "briefings"

urlpatterns = [
    path("", views.index, name="index"),
]
