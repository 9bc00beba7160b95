from django.contrib import admin
from django.urls import include, path, re_path

from mayoral_office import (
    views,
    views_absences,
    views_account,
    views_api,
    views_dashboard,
    views_directory,
    views_guides,
    views_objectives,
    views_outbox,
    views_search,
)

admin.site.site_header = "Mayor's Office configuration"
admin.site.site_title = "Mayor's Office configuration"
admin.site.index_title = "Configuration"
admin.site.enable_nav_sidebar = False
admin.site.login = views.configuration_sign_in

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/devices/", views.two_factor_devices, name="two-factor-devices"),
    path("two-factor/devices/<str:pk>/remove/", views.two_factor_device_remove, name="two-factor-device-remove"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("audit/", views.audit_trail, name="audit-trail"),
    path("audit/access-log/", views.access_log, name="access-log"),
    path("audit/<str:app_label>/<str:model_name>/<str:pk>/", views.record_history, name="record-history"),
    path("outbox/", views_outbox.outbox_list, name="outbox"),
    path("outbox/<str:pk>/", views_outbox.outbox_detail, name="outbox-detail"),
    path("outbox/<str:pk>/retry/", views_outbox.outbox_retry, name="outbox-retry"),
    path("outbox/<str:pk>/abandon/", views_outbox.outbox_abandon, name="outbox-abandon"),
    path("dashboard/", views_dashboard.dashboard_page, name="dashboard"),
    path("dashboard/report.pdf", views_dashboard.dashboard_report, name="dashboard-report"),
    path("dashboard/<str:key>.csv", views_dashboard.dashboard_export, {"fmt": "csv"}, name="dashboard-csv"),
    path("dashboard/<str:key>.xlsx", views_dashboard.dashboard_export, {"fmt": "xlsx"}, name="dashboard-xlsx"),
    path("search/", views_search.search_page, name="search"),
    path("directory/", views_directory.organisation_list, name="directory"),
    path("directory/people/", views_directory.person_list, name="people"),
    path("directory/partnerships/", views_directory.partnership_list, name="partnerships"),
    path("directory/organisations/<int:pk>/", views_directory.organisation_detail, name="organisation"),
    path("directory/people/<int:pk>/", views_directory.person_detail, name="stakeholder"),
    path("directory/partnerships/<int:pk>/", views_directory.partnership_detail, name="partnership"),
    re_path(
        r"^directory/(?P<kind>organisation|person|partnership)/new/$",
        views_directory.entry_edit,
        name="directory-create",
    ),
    re_path(
        r"^directory/(?P<kind>organisation|person|partnership)/(?P<pk>[0-9]{1,18})/edit/$",
        views_directory.entry_edit,
        name="directory-edit",
    ),
    path("absences/", views_absences.absence_list, name="absences"),
    path("absences/<int:pk>/end/", views_absences.absence_cancel, name="absence-end"),
    path("guides/", views_guides.guide_list, name="guides"),
    path("guides/new/", views_guides.guide_edit, name="guide-create"),
    path("guides/by-number/<int:pk>/", views_guides.guide_by_pk, name="guide-by-pk"),
    path("guides/<slug:slug>/", views_guides.guide_detail, name="guide"),
    path("guides/<slug:slug>/edit/", views_guides.guide_edit, name="guide-edit"),
    path("objectives/", views_objectives.objective_list, name="objectives"),
    path("objectives/<int:pk>/", views_objectives.objective_detail, name="objective"),
    path(
        "objectives/<int:pk>/milestones/<str:milestone_pk>/done/",
        views_objectives.milestone_done,
        name="objective-milestone-done",
    ),
    path("api/v1/dashboard/", views_api.dashboard_api, name="api-dashboard"),
    path("api/v1/dashboard/<str:key>/", views_api.dashboard_api, name="api-dashboard-table"),
    path("account/email/", views_account.email_settings, name="email-settings"),
    path("casework/", include("casework.urls")),
    path("diary/", include("diary.urls")),
    path("briefings/", include("briefings.urls")),
    path("decisions/", include("decisions.urls")),
    path("procurement/", include("procurement.urls")),
    path("configuration/", admin.site.urls),
]
