from decisions.views import actions, agenda, home, incidents, meetings, pathway

app_name = "decisions"

urlpatterns = [
    *home.urlpatterns,
    *meetings.urlpatterns,
    *agenda.urlpatterns,
    *pathway.urlpatterns,
    *actions.urlpatterns,
    *incidents.urlpatterns,
]
