from django.urls import path

from diary import views

app_name = "diary"

urlpatterns = [
    path("", views.index, name="index"),
    path("day/", views.calendar, {"period": "day"}, name="day"),
    path("week/", views.calendar, {"period": "week"}, name="week"),
    path("month/", views.calendar, {"period": "month"}, name="month"),
    path("forward-look/", views.forward_look, name="forward-look"),
    path("week-ahead.pdf", views.week_ahead_pdf, name="week-ahead"),
    path("engagements/new/", views.engagement_create, name="engagement-create"),
    path("engagements/conflicts/", views.engagement_conflicts, name="engagement-conflicts"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement-edit"),
    path("engagements/<int:pk>/cancel/", views.engagement_cancel, name="engagement-cancel"),
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/reply.pdf", views.invitation_reply_pdf, name="invitation-reply"),
    path("members/<int:member_pk>/subscription/", views.feed_manage, name="feed-manage"),
    path("members/<int:member_pk>/private-engagements/", views.preferences, name="preferences"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
