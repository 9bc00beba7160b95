"""Suppliers, requisitions and their lines, quotes, the approval route, purchase orders, goods received and
invoices. A requisition's totals are the sums of its lines' rounded figures (procurement/money.py), kept on it by
the services whenever its lines change; the budget figures live only in the ledger (budgets.Movement)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from procurement.models.access import Buyer
from procurement.models.budgets import BudgetLine
from procurement.models.rules import TIER_LABELS, RuleSet
from procurement.money import VatRate


class Supplier(models.Model):
    name = models.CharField(max_length=200)
    company_number = models.CharField(
        "Company registration number", max_length=8, blank=True, help_text="Companies House, for example 01234567."
    )
    charity_number = models.CharField(max_length=10, blank=True)
    vat_number = models.CharField(max_length=14, blank=True)
    is_sole_trader = models.BooleanField(
        default=False, help_text="A person trading alone: their name is left out of the published spend."
    )
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    expense_type = models.CharField(max_length=100, help_text="As published in the spend data, e.g. 'Catering'.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    RETURNED = "returned", "Returned with comments"
    REJECTED = "rejected", "Rejected"
    APPROVED = "approved", "Approved: purchase order to raise"
    ORDERED = "ordered", "Ordered"
    RECEIVED = "received", "Goods received"
    INVOICED = "invoiced", "Invoiced"
    CANCELLED = "cancelled", "Cancelled"


TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.CANCELLED},
    Status.SUBMITTED: {Status.APPROVED, Status.ORDERED, Status.RETURNED, Status.REJECTED, Status.CANCELLED},
    Status.RETURNED: {Status.SUBMITTED, Status.CANCELLED},
    Status.REJECTED: set(),
    Status.APPROVED: {Status.ORDERED, Status.CANCELLED},
    Status.ORDERED: {Status.RECEIVED, Status.INVOICED, Status.CANCELLED},
    Status.RECEIVED: {Status.INVOICED, Status.CANCELLED},
    Status.INVOICED: set(),
    Status.CANCELLED: set(),
}
EDITABLE = (Status.DRAFT, Status.RETURNED)
COMMITTED = (Status.APPROVED, Status.ORDERED, Status.RECEIVED)  # approved and not yet invoiced
LIVE = (Status.SUBMITTED, *COMMITTED, Status.INVOICED)  # what the splitting check adds up


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]


class RequisitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> RequisitionQuerySet:
        buyer = Buyer.of(user)
        if buyer.everything:
            return self
        if buyer.user_id is None or not buyer.may_open:
            return self.none()
        mine = Q(requester_id=buyer.user_id) | Q(budget_line__holder_id=buyer.user_id)
        mine |= Q(budget_line__deputy_id=buyer.user_id)
        if buyer.tiers:
            at_tier = ApprovalStep.objects.filter(requisition=OuterRef("pk"), tier__in=buyer.tiers)
            mine |= Q(Exists(at_tier))
        return self.filter(mine)


class Requisition(models.Model):
    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("description",)
    reference = models.CharField(max_length=20, unique=True)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requisitions")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="requisitions")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="requisitions")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="requisitions")
    description = models.CharField(max_length=200)
    justification = models.TextField()
    needed_by = models.DateField()
    contract_reference = models.CharField(max_length=50, blank=True)
    contract_notice_reference = models.CharField(
        max_length=50, blank=True, help_text="Contracts Finder or Find a Tender notice, when the value needs one."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    net = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    vat = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    gross = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    rules = models.ForeignKey(
        RuleSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="As submitted."
    )
    split_reason = models.TextField(blank=True, help_text="Why related requisitions are not one purchase.")
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    po_number = models.CharField(max_length=20, null=True, blank=True, unique=True)
    ordered_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = RequisitionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["supplier", "submitted_at"], name="procurement_req_supplier"),
            models.Index(fields=["category", "submitted_at"], name="procurement_req_category"),
            models.Index(fields=["status", "created_at"], name="procurement_req_status"),
        ]

    def __str__(self):
        return f"{self.reference} {self.description}"

    def get_absolute_url(self):
        return reverse("procurement:requisition", args=[self.pk])

    @property
    def is_confidential(self) -> bool:
        return False

    @property
    def is_committed(self) -> bool:
        return self.status in COMMITTED


class RequisitionLine(models.Model):
    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = models.CharField(max_length=10, choices=VatRate.choices, default=VatRate.STANDARD)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    vat = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="requisition_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="requisition_line_price_not_negative"),
        ]

    def __str__(self):
        return self.description

    @property
    def gross(self):
        return self.net + self.vat


class Quote(models.Model):
    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="quotes")
    supplier_name = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Including VAT.")
    file = models.FileField(upload_to="procurement/quotes/%Y/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["amount", "pk"]

    def __str__(self):
        return f"{self.supplier_name}: {self.amount}"


class ApprovalStep(models.Model):
    """One step of a requisition's route, made when it is submitted from the band its value falls in."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting"
        APPROVED = "approved", "Approved"
        ALREADY = "already", "Approved at an earlier tier"
        REJECTED = "rejected", "Rejected"
        RETURNED = "returned", "Returned"

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(default=1, help_text="Each submission is a new round.")
    position = models.PositiveSmallIntegerField()
    tier = models.CharField(max_length=15)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The absent approver a deputy acted for.",
    )
    comments = models.TextField(blank=True)
    acted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["requisition", "round", "position"], name="approval_step_unique")
        ]

    def __str__(self):
        return f"{self.tier_label}: {self.get_state_display()}"

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier, self.tier)


class GoodsReceipt(models.Model):
    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="receipts")
    received_on = models.DateField()
    note = models.CharField(max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Received {self.received_on}"


class Invoice(models.Model):
    requisition = models.ForeignKey(Requisition, on_delete=models.PROTECT, related_name="invoices")
    supplier_invoice_number = models.CharField(max_length=50)
    transaction_number = models.CharField(max_length=20, unique=True, help_text="Our payment reference.")
    invoice_date = models.DateField()
    paid_on = models.DateField()
    net = models.DecimalField(max_digits=12, decimal_places=2)
    vat = models.DecimalField(max_digits=12, decimal_places=2)
    vat_recoverable = models.BooleanField(default=True)
    difference_reason = models.TextField(blank=True, help_text="Why an invoice outside the tolerance was accepted.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["paid_on", "pk"]
        indexes = [models.Index(fields=["paid_on"], name="procurement_invoice_paid_on")]

    def __str__(self):
        return f"Invoice {self.supplier_invoice_number}"

    @property
    def gross(self):
        return self.net + self.vat


class Counter(models.Model):
    """The last number given in a sequence ("PO", "REQ", "TXN") for a financial year, taken under a row lock so
    numbers are unique and gapless: a transaction that rolls back gives its number back."""

    kind = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="procurement_counter_unique")]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"
