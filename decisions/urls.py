from decisions.views import actions, home, incidents, meetings, pathway

app_name = "decisions"

urlpatterns = [
    *home.urlpatterns,
    *meetings.urlpatterns,
    *pathway.urlpatterns,
    *actions.urlpatterns,
    *incidents.urlpatterns,
]
