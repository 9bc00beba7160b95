"""The rules by value, held as data with dates (DESIGN.md section 5), and the people procurement names.

A `RuleSet` takes effect on its `effective_from` date and holds the bands and the contract publication threshold;
the rules for a day are the latest set that has taken effect by then, so a change with a future date leaves
today's requisitions alone. A requisition keeps the set it was submitted under.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone

from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT

TIER_LABELS = {
    BUDGET_HOLDER: "Budget holder",
    HEAD: "Head of Mayor's Office",
    DIRECTOR: "Director",
    PROCUREMENT: "Procurement team (tender)",
}
TIER_ORDER = [BUDGET_HOLDER, HEAD, DIRECTOR, PROCUREMENT]
PEOPLE_CACHE_KEY = "procurement:people"


class QuoteKind(models.TextChoices):
    ONE = "one", "One quote"
    WRITTEN = "written", "Written quotes"
    FORMAL = "formal", "Formal quotation"
    TENDER = "tender", "Tender through the procurement team"


class RuleSetQuerySet(models.QuerySet):
    def in_force(self, on=None) -> RuleSet | None:
        on = on or timezone.localdate()
        return self.filter(effective_from__lte=on).order_by("-effective_from", "-pk").prefetch_related("bands").first()


class RuleSet(models.Model):
    effective_from = models.DateField(unique=True, help_text="The day these rules take effect.")
    contract_threshold = models.DecimalField(
        "Contract publication threshold",
        max_digits=12,
        decimal_places=2,
        default=Decimal("30000.00"),
        help_text="At or above this value (including VAT) a requisition needs a contract notice reference before "
        "its purchase order.",
    )
    invoice_tolerance = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("50.00"),
        help_text="An invoice within this much of the order (and within 5% of it) is matched without a finance "
        "approver.",
    )
    note = models.CharField(max_length=250, blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self):
        return f"Procurement rules from {self.effective_from:%-d %B %Y}"

    def band_for(self, value: Decimal) -> Band:
        """The band a value falls in: `lower <= value < upper` (the top band has no upper)."""
        for band in sorted(self.bands.all(), key=lambda b: b.lower):
            if value >= band.lower and (band.upper is None or value < band.upper):
                return band
        from mayoral_office.errors import ServiceError

        raise ServiceError(
            f"The procurement rules from {self.effective_from:%-d %B %Y} have no band for this value: ask the Head "
            "of Mayor's Office to correct them"
        )


class Band(models.Model):
    rules = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="bands")
    lower = models.DecimalField(max_digits=12, decimal_places=2, help_text="From this value (included).")
    upper = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Up to this value (not included)."
    )
    includes_vat = models.BooleanField(default=True, help_text="Whether the value compared includes VAT.")
    quotes = models.PositiveSmallIntegerField(help_text="How many quotes are needed.")
    quote_kind = models.CharField(max_length=10, choices=QuoteKind.choices)
    approvers = models.JSONField(
        help_text='The approval chain in order, from "budget_holder", "head", "director", "procurement".'
    )

    class Meta:
        ordering = ["lower"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        from procurement.money import gbp

        if self.upper is None:
            return f"{gbp(self.lower)} and over"
        if not self.lower:
            return f"under {gbp(self.upper)}"
        return f"{gbp(self.lower)} to under {gbp(self.upper)}"

    @property
    def chain_labels(self) -> list[str]:
        return [TIER_LABELS[t] for t in self.approvers]


class ProcurementSettings(models.Model):
    """The people procurement names (one row): finance approvers, the Director, the procurement team, and the
    Head of Mayor's Office's deputy for approvals."""

    finance_approvers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", help_text="See every budget; record overrides."
    )
    directors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", help_text="Approve at the Director's tier."
    )
    procurement_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", help_text="Approve tenders."
    )
    head_deputies = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="May approve for the Head of Mayor's Office when the Head is absent.",
    )

    class Meta:
        verbose_name = "procurement settings"
        verbose_name_plural = "procurement settings"

    def __str__(self):
        return "Procurement settings"

    @classmethod
    def current(cls) -> ProcurementSettings:
        found = cls.objects.order_by("pk").first()
        return found or cls.objects.create()

    @classmethod
    def people(cls) -> dict[str, frozenset[int]]:
        """The user ids named in each part, kept in the cache until the settings change."""
        found = cache.get(PEOPLE_CACHE_KEY)
        if found is None:
            row = cls.objects.order_by("pk").first()
            names = ("finance_approvers", "directors", "procurement_team", "head_deputies")
            found = {
                name: frozenset(getattr(row, name).values_list("pk", flat=True)) if row else frozenset()
                for name in names
            }
            cache.set(PEOPLE_CACHE_KEY, found, 300)
        return found


def _forget_people(**kwargs):
    cache.delete(PEOPLE_CACHE_KEY)


post_save.connect(_forget_people, sender=ProcurementSettings, dispatch_uid="procurement_people_saved")
for _field in ("finance_approvers", "directors", "procurement_team", "head_deputies"):
    m2m_changed.connect(
        _forget_people, sender=getattr(ProcurementSettings, _field).through, dispatch_uid=f"procurement_{_field}"
    )
