"""The project's URLs plus, for the benchmark only, a Django admin changelist of cases to compare the queue with.
The product has no cases admin (cases change only through services); this site is never served outside the
bench."""

from django.contrib import admin
from django.urls import include, path

from casework.models import Case

site = admin.AdminSite(name="bench_admin")


class CaseAdmin(admin.ModelAdmin):
    """What a developer would write first: the queue's columns, its filters, its page size, ordering by due date."""

    list_display = ["reference", "subject", "member", "officer", "status", "received_at", "response_due"]
    list_filter = ["status", "case_type"]
    list_select_related = ["member", "officer"]
    list_per_page = 25
    ordering = ["response_due"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_change_permission = lambda self, request, obj=None: request.user.is_superuser


site.register(Case, CaseAdmin)

urlpatterns = [path("bench-admin/", site.urls), path("", include("mayoral_office.urls"))]
