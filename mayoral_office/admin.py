from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mayoral_office import outbox, services
from mayoral_office.errors import ServiceError
from mayoral_office.models import (
    ApiToken,
    ChaseEntry,
    ChaseRun,
    ChaseSettings,
    ClosureDay,
    Directorate,
    Member,
    Milestone,
    Notification,
    Objective,
    PerformanceSettings,
    Portfolio,
    SupportAssignment,
    User,
    Ward,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "job_title", "directorate", "is_active"]
    list_filter = ["is_active", "groups", "directorate"]
    search_fields = ["full_name", "email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Details", {"fields": ("full_name", "job_title", "phone", "directorate", "reports_to")}),
        ("Chasing", {"fields": ("chase_alerts",)}),
        ("Roles and access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ("groups",)
    autocomplete_fields = ["reports_to"]

    def get_readonly_fields(self, request, obj=None):
        # Only an administrator can make another administrator; the Head of Mayor's Office manages roles.
        return () if request.user.is_superuser else ("is_superuser", "last_login", "date_joined")

    def save_model(self, request, obj, form, change):
        if change and "is_active" in form.changed_data and not obj.is_active:
            super().save_model(request, obj, form, change)
            ended = services.user_disable(actor=request.user, user=obj)
            messages.info(request, f"{obj} is disabled; {ended} session(s) ended.")
            return
        super().save_model(request, obj, form, change)


class SupportAssignmentInline(admin.TabularInline):
    model = SupportAssignment
    extra = 0
    autocomplete_fields = ["officer"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "title", "ward", "active_from", "active_to"]
    list_filter = ["office"]
    search_fields = ["name", "title"]
    filter_horizontal = ["portfolios"]
    inlines = [SupportAssignmentInline]


@admin.register(SupportAssignment)
class SupportAssignmentAdmin(admin.ModelAdmin):
    list_display = ["officer", "member", "is_primary", "starts_on", "ends_on"]
    list_filter = ["member"]
    autocomplete_fields = ["officer", "member"]


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "email", "director", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    filter_horizontal = ["directorates"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    """Adding or removing a closure day recalculates open deadlines (through the closure-day services)."""

    list_display = ["date", "reason"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False  # a closure day is added or removed, never edited, so deadlines follow it

    def save_model(self, request, obj, form, change):
        created = services.closure_day_add(actor=request.user, day=obj.date, reason=obj.reason)
        obj.pk = created.pk

    def delete_model(self, request, obj):
        services.closure_day_remove(actor=request.user, closure=obj)

    def delete_queryset(self, request, queryset):
        for closure in queryset:
            services.closure_day_remove(actor=request.user, closure=closure)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    exclude = ["attachments"]  # shown by name and size: the content may be a whole PDF
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "attachments"] + ["attachment_list"]
    actions = ["mark_bounced"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Attachments")
    def attachment_list(self, obj):
        sizes = [(item["filename"], len(item.get("content", ""))) for item in obj.attachments]
        return ", ".join(f"{name} ({size:,} characters stored)" for name, size in sizes) or "None"

    def has_bounce_permission(self, request):
        return request.user.is_superuser or request.user.has_perm("mayoral_office.configure_office")

    @admin.action(description="Mark the selected sent emails as bounced", permissions=["bounce"])
    def mark_bounced(self, request, queryset):
        done = 0
        for notification in queryset:
            try:
                outbox.notification_mark_bounced(
                    actor=request.user, notification=notification, reason=f"Reported as bounced by {request.user}"
                )
            except ServiceError as exc:
                messages.warning(request, f"{notification}: {exc.message}")
            else:
                done += 1
        messages.info(request, f"{done} email(s) marked as bounced.")


@admin.register(ChaseSettings)
class ChaseSettingsAdmin(admin.ModelAdmin):
    """The chasing rules: one row (mayoral_office.chasing reads it; the defaults apply until it is saved). The model's
    own validation (escalate to the Head no sooner than to the team lead) shows on the form."""

    list_display = ["__str__", "digest_time", "remind_before_days", "lead_after_days", "head_after_days"]

    def has_add_permission(self, request):
        return not ChaseSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the chase writes and nobody edits: shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChaseRun)
class ChaseRunAdmin(ReadOnlyAdmin):
    list_display = ["day", "started_at", "finished_at", "digests", "items"]
    date_hierarchy = "day"


@admin.register(ChaseEntry)
class ChaseEntryAdmin(ReadOnlyAdmin):
    list_display = ["day", "kind", "stage", "recipient", "regarding_type", "regarding_id", "due_on", "notification"]
    list_filter = ["stage", "kind"]
    list_select_related = ["recipient", "regarding_type", "notification"]
    search_fields = ["regarding_id", "recipient__full_name", "recipient__email"]
    date_hierarchy = "day"
    raw_id_fields = ["notification", "recipient"]


@admin.register(PerformanceSettings)
class PerformanceSettingsAdmin(admin.ModelAdmin):
    """The dashboard's targets: one row (the defaults apply until it is saved)."""

    list_display = ["__str__", "answered_in_target_percent"]

    def has_add_permission(self, request):
        return not PerformanceSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens for the dashboard API (Power BI). A token reads as its user. It is made by the service and shown once,
    in the message after saving; revoking one is an action on the list."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    fields = ["user", "name"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else self.fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, raw = services.api_token_create(
            actor=request.user, user=form.cleaned_data["user"], name=form.cleaned_data["name"]
        )
        obj.pk, obj.prefix, obj._state.adding = token.pk, token.prefix, False
        messages.warning(request, f"The token for '{token.name}' is {raw} — copy it now: it is not shown again.")

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            services.api_token_revoke(actor=request.user, token=token)
        messages.info(request, f"{queryset.count()} token(s) revoked.")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ["title", "due_on", "done_on"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    """The Mayor's strategic plan: its objectives and their milestones (the quarterly updates are written by each
    objective's lead on its page)."""

    list_display = ["__str__", "theme", "lead", "member", "rag"]
    list_filter = ["rag", "theme"]
    fields = ["number", "title", "theme", "description", "lead", "member"]
    inlines = [MilestoneInline]
