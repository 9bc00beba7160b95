"""Budgets: cost centres, and a budget line per cost centre and financial year with its holder and deputy. A line's
allocation, committed, spent and remaining are never stored: they are sums over its ledger of movements
(`Movement`), written only by the services, so every figure has its history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from procurement.models.access import Buyer
from procurement.money import year_label

ZERO = Decimal("0.00")


class CostCentre(models.Model):
    code = models.CharField(max_length=12, unique=True, help_text="The finance system's code, for example MO100.")
    name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class BudgetLineQuerySet(models.QuerySet):
    def visible_to(self, user) -> BudgetLineQuerySet:
        """The Head of Mayor's Office and finance approvers see every line; a budget holder their lines (as holder
        or deputy); a requester the lines they may charge (every active line of the year: they choose one)."""
        buyer = Buyer.of(user)
        if buyer.everything:
            return self
        if buyer.user_id is None or not buyer.may_open:
            return self.none()
        if buyer.requests:
            return self
        return self.filter(Q(holder_id=buyer.user_id) | Q(deputy_id=buyer.user_id))

    def with_figures(self) -> BudgetLineQuerySet:
        """Each line's allocation, committed and spent from its ledger, in the same query: a sum over the line's
        movements for each (read from the index of movements by line and kind, without grouping the lines)."""

        def total(*kinds):
            sums = (
                Movement.objects.filter(line=OuterRef("pk"), kind__in=kinds)
                .order_by()
                .values("line")
                .annotate(sum=Sum("amount"))
                .values("sum")
            )
            money = models.DecimalField(max_digits=14, decimal_places=2)
            return Coalesce(Subquery(sums, output_field=money), ZERO, output_field=money)

        return self.annotate(
            allocated=total(Movement.Kind.ALLOCATION, Movement.Kind.TRANSFER),
            committed=total(Movement.Kind.COMMITMENT, Movement.Kind.RELEASE),
            spent=total(Movement.Kind.SPEND),
        )


class BudgetLine(models.Model):
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="lines")
    year = models.PositiveSmallIntegerField(help_text="The financial year by the year it starts: 2026 for 2026/27.")
    code = models.CharField(max_length=20, help_text="The subjective code, for example 4010.")
    name = models.CharField(max_length=150)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="budget_lines")
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="deputy_budget_lines"
    )
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "cost_centre__code", "code"]
        constraints = [models.UniqueConstraint(fields=["cost_centre", "year", "code"], name="budget_line_unique_code")]

    def __str__(self):
        return f"{self.cost_centre.code}/{self.code} {self.name} ({year_label(self.year)})"

    def get_absolute_url(self):
        return reverse("procurement:budget_line", args=[self.pk])

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    def figures(self) -> dict[str, Decimal]:
        """Allocation, committed, spent and remaining from the ledger: from the row's annotations when it was read
        with `with_figures()`, otherwise read now (never kept on the object, so a later call sees later movements)."""
        if hasattr(self, "allocated"):
            row = {"allocated": self.allocated, "committed": self.committed, "spent": self.spent}
        else:
            row = BudgetLine.objects.filter(pk=self.pk).with_figures().values("allocated", "committed", "spent")[0]
        return {**row, "remaining": row["allocated"] - row["committed"] - row["spent"]}


class Movement(models.Model):
    """One entry of a budget line's ledger. Never changed or deleted: a correction is another movement."""

    class Kind(models.TextChoices):
        ALLOCATION = "allocation", "Allocation"
        TRANSFER = "transfer", "Transfer"  # + into the line, - out of it
        COMMITMENT = "commitment", "Commitment"  # a requisition approved
        RELEASE = "release", "Commitment released"  # - : cancelled, or invoiced (then spent)
        SPEND = "spend", "Spend"  # an invoice

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    requisition = models.ForeignKey(
        "procurement.Requisition", null=True, blank=True, on_delete=models.PROTECT, related_name="movements"
    )
    transfer = models.ForeignKey(
        "procurement.BudgetTransfer", null=True, blank=True, on_delete=models.PROTECT, related_name="movements"
    )
    note = models.CharField(max_length=250, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            # a line's figures (BudgetLine.with_figures) from the index alone
            models.Index(fields=["line", "kind"], include=["amount"], name="procurement_movement_line_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} on {self.line_id}"


class BudgetTransfer(models.Model):
    """Money moved between two lines of the same year: asked for by a budget holder or the office, approved by the
    Head of Mayor's Office (then two movements are written)."""

    class State(models.TextChoices):
        REQUESTED = "requested", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    from_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="transfers_out")
    to_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="transfers_in")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    reason = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="budget_transfer_positive")]

    def __str__(self):
        return f"Transfer of {self.amount} from {self.from_line_id} to {self.to_line_id}"
