from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.index, name="index"),
]
