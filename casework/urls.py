from django.urls import path

from casework import views

app_name = "casework"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("allocate/", views.bulk_allocate, name="bulk-allocate"),
    path("by-member/", views.by_member, name="by-member"),
    path("retention/", views.lists.retention_screen, name="retention"),
    path("new/", views.case_create, name="create"),
    path("new/matches/", views.correspondent_matches, name="correspondent-matches"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/allocate/", views.case_allocate, name="allocate"),
    path("<int:pk>/acknowledge/", views.case_acknowledge, name="acknowledge"),
    path("<int:pk>/move/<slug:move>/", views.case_move, name="move"),
    path("<int:pk>/hold/", views.case_hold, name="hold"),
    path("<int:pk>/resume/", views.case_resume, name="resume"),
    path("<int:pk>/extend/", views.case_extend, name="extend"),
    path("<int:pk>/timeline/", views.case_event, name="event"),
    path("<int:pk>/documents/", views.attachment_add, name="attachment-add"),
    path("<int:pk>/documents/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/link/", views.case_link, name="link"),
    path("<int:pk>/link/<int:other_pk>/", views.case_link_to, name="link-to"),
    path("<int:pk>/contributions/new/", views.contribution_create, name="contribution-create"),
    path("<int:pk>/drafts/new/", views.draft_create, name="draft-create"),
    path("<int:pk>/drafts/<int:draft_pk>/submit/", views.draft_submit, name="draft-submit"),
    path("<int:pk>/drafts/<int:draft_pk>/review/", views.draft_review, name="draft-review"),
    path("<int:pk>/response/", views.response_record, name="response"),
    path("<int:pk>/response/email/", views.drafts.response_email, name="response-email"),
    path("<int:pk>/letter.pdf", views.response_letter, name="letter"),
    path("contributions/", views.contributions, name="contributions"),
    path("contributions/<int:contribution_pk>/", views.contribution_detail, name="contribution"),
    path("correspondents/<int:correspondent_pk>/", views.correspondent_detail, name="correspondent"),
    path(
        "correspondents/<int:correspondent_pk>/subject-access/",
        views.subject_access_export,
        name="subject-access",
    ),
]
