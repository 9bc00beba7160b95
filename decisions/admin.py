"""Configuration in the admin: bodies, the pathway's stages and the decision-making rules (the Head of Mayor's
Office). Meetings, pathway items, decisions and actions are kept through the decisions pages (the services check the
rules and write the history); incident logs are read-only everywhere."""

from django.contrib import admin

from decisions.models import Body, DecisionSettings, Incident, IncidentEntry, PathwayStage


@admin.register(DecisionSettings)
class DecisionSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "key_decision_threshold",
        "key_decision_wards",
        "forward_plan_clear_days",
        "report_clear_working_days",
        "call_in_working_days",
    ]

    def has_add_permission(self, request):
        return not DecisionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "takes_executive_decisions", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["members", "officers"]

    def has_delete_permission(self, request, obj=None):
        return False  # a body with meetings is history: make it inactive


@admin.register(PathwayStage)
class PathwayStageAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "body", "only_where_needed", "is_active"]
    list_editable = ["position"]

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """An incident log is evidence: nobody adds, changes or deletes it here, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ["title", "started_at", "status", "loggist", "signed_off_at"]


@admin.register(IncidentEntry)
class IncidentEntryAdmin(ReadOnlyAdmin):
    list_display = ["incident", "sequence", "kind", "happened_at", "written_at", "written_by"]
    list_filter = ["kind"]
