"""Configuration of casework policy by the Head of Mayor's Office: case types and their targets."""

from django.contrib import admin

from casework.models import CaseType


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "acknowledge_days",
        "respond_days",
        "escalate_days",
        "calendar",
        "member_approval_required",
        "retention_years",
        "is_active",
    ]
    list_filter = ["calendar", "member_approval_required", "is_active"]
    search_fields = ["name", "code"]
    fieldsets = (
        (None, {"fields": ("name", "code", "description", "is_active")}),
        (
            "Targets in working days",
            {
                "fields": ("acknowledge_days", "respond_days", "escalate_days", "calendar"),
                "description": "Changing a target applies to cases logged from now on.",
            },
        ),
        ("Approval and retention", {"fields": ("member_approval_required", "retention_years")}),
    )

    def has_delete_permission(self, request, obj=None):
        # A type in use is kept (cases point at it); untick 'is active' to retire it.
        if obj is not None and obj.cases.exists():
            return False
        return self.has_module_permission(request)

    def has_module_permission(self, request):
        return request.user.is_superuser or request.user.has_perm("mayoral_office.configure_office")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)
