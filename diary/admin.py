from django.contrib import admin

from diary.models import DiarySettings, Engagement, FeedToken, Invitation


@admin.register(DiarySettings)
class DiarySettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "minimum_notice_working_days",
        "travel_buffer_minutes",
        "forward_look_weeks",
    ]

    def has_add_permission(self, request):
        return not DiarySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.has_perm("mayoral_office.configure_office")

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_change_permission(request)


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Read-only: to revoke a feed, use the diary's subscription page (it is audited there)."""

    list_display = ["member", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["member", "created_at", "created_by", "revoked_at"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Engagements and invitations are kept through the diary pages (services check the rules and send notices);
# the admin lists them for support only.
@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "status", "kind"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["reference", "event_name", "event_date", "status"]
    list_filter = ["status"]
    search_fields = ["reference", "event_name", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
