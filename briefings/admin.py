"""Configuration in the admin: the briefing rules (the Head of Mayor's Office): how many working days before an
engagement or meeting a pack is due, how long before that a commissioned section is due, and the clearance
delegates. Packs, sections, commissions and versions are kept through the briefings pages (the services check the
rules and write the history)."""

from django.contrib import admin

from briefings.models import BriefingSettings


@admin.register(BriefingSettings)
class BriefingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "due_working_days_before", "commission_working_days_before_due"]
    filter_horizontal = ["clearance_delegates"]

    def has_add_permission(self, request):
        return not BriefingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
