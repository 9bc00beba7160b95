"""Configuration of casework policy by the Head of Mayor's Office: case types and their targets."""

from django import forms
from django.contrib import admin

from casework.models import CaseType, IntakeMessage, Mailbox


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


class ConfigurationPermissions:
    """The Head of Mayor's Office (configure_office) manages it, as case types."""

    def has_module_permission(self, request):
        return request.user.is_superuser or request.user.has_perm("mayoral_office.configure_office")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class MailboxForm(forms.ModelForm):
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="Kept in the database (decision record 0011). Leave empty to keep the password already saved.",
    )

    class Meta:
        model = Mailbox
        fields = ["name", "member", "case_type", "is_active", "host", "port", "use_ssl", "username", "password"]
        fields += ["folder"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password and self.instance.pk:
            return self.instance.password
        if not password:
            raise forms.ValidationError("Enter the mailbox's password")
        return password


@admin.register(Mailbox)
class MailboxAdmin(ConfigurationPermissions, admin.ModelAdmin):
    """Email intake (docs/casework.md): each active mailbox is polled every five minutes."""

    form = MailboxForm
    list_display = ["name", "member", "case_type", "host", "folder", "is_active", "last_polled_at", "last_error"]
    list_filter = ["is_active"]
    readonly_fields = ["last_polled_at", "last_error", "last_uid"]
    fieldsets = (
        (None, {"fields": ("name", "member", "case_type", "is_active")}),
        ("IMAP server", {"fields": ("host", "port", "use_ssl", "username", "password", "folder")}),
        ("Last poll", {"fields": ("last_polled_at", "last_error", "last_uid")}),
    )

    def has_delete_permission(self, request, obj=None):
        # A mailbox that took messages is kept (their records point at it); untick 'is active' to stop it.
        if obj is not None and obj.messages.exists():
            return False
        return self.has_module_permission(request)


@admin.register(IntakeMessage)
class IntakeMessageAdmin(ConfigurationPermissions, admin.ModelAdmin):
    """What each mailbox took: read only (the poll writes these)."""

    list_display = ["taken_at", "mailbox", "sender", "subject", "outcome", "case"]
    list_filter = ["mailbox", "outcome"]
    search_fields = ["sender", "subject", "message_key"]
    list_select_related = ["mailbox", "case"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
