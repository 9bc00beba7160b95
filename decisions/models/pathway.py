"""The Decision Pathway (a proposal's progress through the bodies that consider it, with its statutory dates) and
the decision register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from decisions.models.access import OPEN, Reader, Restricted, restricted_q
from decisions.models.meetings import EXEMPT_CATEGORIES


class PathwayStage(models.Model):
    """A step every proposal may pass through, in order (seed: DLT, CLT, Mayor's Advisory Board, Cabinet, Full
    Council where needed)."""

    name = models.CharField(max_length=150, unique=True)
    body = models.ForeignKey("decisions.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="stages")
    position = models.PositiveSmallIntegerField(default=0)
    only_where_needed = models.BooleanField(default=False, help_text="Not every proposal goes here (Full Council).")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class PathwayStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "On the pathway"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ExceptionKind(models.TextChoices):
    NONE = "", "None"
    GENERAL_EXCEPTION = "general_exception", "General exception"
    SPECIAL_URGENCY = "special_urgency", "Special urgency"


def restricted_records(qs, user):
    """A restricted-aware `visible_to` for pathway items and decisions: the office and the members (the Mayor and
    Cabinet take these decisions) see every open one, and the restricted ones that are theirs (restricted_q); a
    directorate contact the open ones they lead."""
    reader = Reader.of(user)
    if reader.nothing:
        return qs.none()
    if reader.everything or reader.officer or reader.intern or reader.member_id:
        return qs.filter(restricted_q(reader))
    return qs.filter(OPEN, lead_officer_id=reader.user_id)


class PathwayItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return restricted_records(self, user)


class PathwayItem(Restricted, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    directorate = models.ForeignKey(
        "mayoral_office.Directorate", on_delete=models.PROTECT, related_name="pathway_items"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="pathway_items_led"
    )
    portfolio = models.ForeignKey(
        "mayoral_office.Portfolio", null=True, blank=True, on_delete=models.PROTECT, related_name="pathway_items"
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, help_text="In pounds.")
    wards = models.ManyToManyField("mayoral_office.Ward", blank=True, related_name="pathway_items")
    key_decision = models.BooleanField(default=False)
    key_decision_reason = models.TextField(
        blank=True, help_text="Why, when the officer's answer differs from the one the rule suggests."
    )
    decision_meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="pathway_decisions"
    )
    forward_plan_published_on = models.DateField(
        null=True, blank=True, help_text="First published on the Forward Plan (proves a late entry)."
    )
    report_published_on = models.DateField(null=True, blank=True)
    decision_published_on = models.DateField(null=True, blank=True)
    exception_kind = models.CharField(max_length=20, choices=ExceptionKind.choices, blank=True, default="")
    exception_reason = models.TextField(blank=True)
    scrutiny_chair = models.CharField(max_length=150, blank=True, help_text="Who agreed the exception.")
    exception_agreed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=PathwayStatus.choices, default=PathwayStatus.PROPOSED)
    confidential = models.BooleanField(default=False)
    exempt_category = models.PositiveSmallIntegerField(null=True, blank=True, choices=EXEMPT_CATEGORIES)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PathwayItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exception_kind="") | (Q(exception_agreed_on__isnull=False) & ~Q(scrutiny_chair="")),
                name="pathway_exception_agreed",
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("decisions:pathway-item", args=[self.pk])

    @property
    def exception_authorised(self) -> bool:
        return bool(self.exception_kind)

    @property
    def exception_summary(self) -> str:
        """In the regulations' terms (2012, regulations 10 and 11): under the general exception the chair of scrutiny
        is informed (with five clear days' public notice); special urgency needs the chair's agreement."""
        if not self.exception_kind:
            return ""
        on = f"{self.exception_agreed_on:%-d %B %Y}" if self.exception_agreed_on else "an unrecorded date"
        if self.exception_kind == ExceptionKind.GENERAL_EXCEPTION:
            return f"General exception: {self.scrutiny_chair}, chair of scrutiny, informed on {on}"
        return f"Special urgency: agreed by {self.scrutiny_chair}, chair of scrutiny, on {on}"


class StepOutcome(models.TextChoices):
    PENDING = "pending", "Awaiting"
    APPROVED = "approved", "Approved"
    DEFERRED = "deferred", "Deferred"
    REJECTED = "rejected", "Rejected"
    NOTED = "noted", "Noted"


class PathwayStep(models.Model):
    item = models.ForeignKey(PathwayItem, on_delete=models.CASCADE, related_name="steps")
    stage = models.ForeignKey(PathwayStage, on_delete=models.PROTECT, related_name="steps")
    meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="pathway_steps"
    )
    outcome = models.CharField(max_length=10, choices=StepOutcome.choices, default=StepOutcome.PENDING)
    outcome_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["stage__position", "pk"]

    def __str__(self):
        return f"{self.item.reference}: {self.stage}"


class PathwayNote(models.Model):
    """The item's history in words: a stage's outcome, a moved meeting and the dates it changed."""

    item = models.ForeignKey(PathwayItem, on_delete=models.CASCADE, related_name="notes")
    written_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    text = models.TextField()

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return self.text[:80]


class DecisionStatus(models.TextChoices):
    MADE = "made", "Made"
    PUBLISHED = "published", "Published"
    CALLED_IN = "called_in", "Called in"
    IMPLEMENTED = "implemented", "Implemented"


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return restricted_records(self, user)


class Decision(Restricted, models.Model):
    """An entry in the decision register."""

    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("title", "text", "decision_maker")

    reference = models.CharField(max_length=24, unique=True)
    title = models.CharField(max_length=200)
    text = models.TextField("decision")
    meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        "decisions.AgendaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    pathway_item = models.ForeignKey(
        PathwayItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    decision_maker = models.CharField(max_length=150)
    taken_on = models.DateField()
    key_decision = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    call_in_ends_on = models.DateField(null=True, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.MADE)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions_led"
    )
    portfolio = models.ForeignKey(
        "mayoral_office.Portfolio", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    confidential = models.BooleanField(default=False)
    exempt_category = models.PositiveSmallIntegerField(null=True, blank=True, choices=EXEMPT_CATEGORIES)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["taken_on", "id"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("decisions:decision", args=[self.pk])
