"""Procurement's configuration in the admin (the Head of Mayor's Office): cost centres, budget lines (their holder,
deputy and whether they are open; money is allocated and moved only through the budget pages, which write the
ledger), rule sets by value with their bands (a rule set already in force is read-only: a change is a new rule
set with a later effective date), the people procurement names, suppliers and categories. Requisitions, the
ledger and invoices are kept through the pages (the services check the rules and write the history)."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from procurement.models import Band, BudgetLine, Category, CostCentre, ProcurementSettings, RuleSet, Supplier
from procurement.models.access import BUDGET_HOLDER
from procurement.models.rules import TIER_ORDER


@admin.register(CostCentre)
class CostCentreAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False  # a cost centre with lines is history: make it inactive


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    """Which lines exist and who holds them. No allocation here: the figures are the ledger's, written by the
    budget pages (Allocate money, transfers) with who and when."""

    list_display = ["__str__", "year", "holder", "deputy", "is_active"]
    list_filter = ["year", "is_active", "cost_centre"]
    search_fields = ["code", "name", "cost_centre__code", "cost_centre__name"]
    list_select_related = ["cost_centre", "holder", "deputy"]
    fields = ["cost_centre", "year", "code", "name", "holder", "deputy", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        # A line's year and cost centre are fixed once it exists: its ledger and requisitions belong to them.
        return ["cost_centre", "year"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # a line with a ledger is history: close it instead


class BandFormSet(forms.BaseInlineFormSet):
    """The bands of a rule set must cover every value once: from £0, each starting where the one before ends, the
    last open-ended; each band's approvers known tiers, in the order of the chain, the budget holder first."""

    def clean(self):
        super().clean()
        bands = [
            f.cleaned_data for f in self.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
        ]
        if any(self.errors):
            return
        problem = bands_problem(bands)
        if problem:
            raise forms.ValidationError(problem)


def bands_problem(bands: list[dict]) -> str:
    """What is wrong with a rule set's bands ({lower, upper, approvers} each), or ""."""
    if not bands:
        return "Add the bands: a rule set needs at least one"
    bands = sorted(bands, key=lambda b: b["lower"])
    if bands[0]["lower"] != 0:
        return "The first band must start at £0.00"
    for band, following in zip(bands, bands[1:], strict=False):
        if band.get("upper") is None or band["upper"] != following["lower"]:
            return "Each band must start exactly where the one before it ends (no gaps, no overlaps)"
    if bands[-1].get("upper") is not None:
        return "The last band must have no upper value (it covers everything above its start)"
    for band in bands:
        chain = band.get("approvers")
        if not isinstance(chain, list) or not chain or chain[0] != BUDGET_HOLDER:
            return 'Each band\'s approvers must be a list that starts with "budget_holder"'
        if any(t not in TIER_ORDER for t in chain) or chain != sorted(set(chain), key=TIER_ORDER.index):
            return f"Approvers must be taken from {', '.join(TIER_ORDER)}, each once, in that order"
    return ""


class BandInline(admin.TabularInline):
    model = Band
    formset = BandFormSet
    extra = 0
    fields = ["lower", "upper", "includes_vat", "quotes", "quote_kind", "approvers"]

    def _in_force(self, obj) -> bool:
        return obj is not None and obj.effective_from <= timezone.localdate()

    def has_add_permission(self, request, obj=None):
        return not self._in_force(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._in_force(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._in_force(obj) and super().has_delete_permission(request, obj)


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = ["effective_from", "contract_threshold", "invoice_tolerance", "note"]

    def clean_effective_from(self):
        day = self.cleaned_data["effective_from"]
        if day <= timezone.localdate() and RuleSet.objects.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "New rules take effect after today: the rules in force stay as they are for the requisitions "
                "submitted under them"
            )
        return day


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Rules by value as dated data. A rule set in force (or past) is read-only, so what a requisition was
    submitted under never changes; to change the rules add a new set with a future effective date."""

    list_display = ["__str__", "effective_from", "contract_threshold", "invoice_tolerance", "note"]
    inlines = [BandInline]
    form = RuleSetForm

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.effective_from <= timezone.localdate():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.effective_from <= timezone.localdate():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ProcurementSettings)
class ProcurementSettingsAdmin(admin.ModelAdmin):
    filter_horizontal = ["finance_approvers", "directors", "procurement_team", "head_deputies"]

    def has_add_permission(self, request):
        return not ProcurementSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["name", "company_number", "charity_number", "vat_number", "is_sole_trader", "is_active"]
    list_filter = ["is_sole_trader", "is_active"]
    search_fields = ["name", "company_number", "charity_number", "vat_number"]

    def has_delete_permission(self, request, obj=None):
        return False  # a supplier with requisitions is history: mark it not in use


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "expense_type", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "expense_type"]

    def has_delete_permission(self, request, obj=None):
        return False
