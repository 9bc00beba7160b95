"""Commissions: a section asked of a directorate contact or an officer, with its own due date (a working day before
the pack's), drafted by them in the app and accepted or returned by the pack's lead officer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from briefings.models.access import Reader, pack_q
from briefings.models.packs import Section


class CommissionState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    IN_DRAFT = "in_draft", "In draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned with comments"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATES = (CommissionState.REQUESTED, CommissionState.IN_DRAFT, CommissionState.SUBMITTED, CommissionState.RETURNED)
WITH_CONTRIBUTOR = (CommissionState.REQUESTED, CommissionState.IN_DRAFT, CommissionState.RETURNED)

COMMISSION_TRANSITIONS: dict[str, set[str]] = {
    CommissionState.REQUESTED: {CommissionState.IN_DRAFT, CommissionState.SUBMITTED, CommissionState.CANCELLED},
    CommissionState.IN_DRAFT: {CommissionState.SUBMITTED, CommissionState.CANCELLED},
    CommissionState.SUBMITTED: {CommissionState.RETURNED, CommissionState.ACCEPTED, CommissionState.CANCELLED},
    CommissionState.RETURNED: {CommissionState.IN_DRAFT, CommissionState.SUBMITTED, CommissionState.CANCELLED},
    CommissionState.ACCEPTED: set(),
    CommissionState.CANCELLED: set(),
}


def commission_can_move(from_state: str, to_state: str) -> bool:
    return to_state in COMMISSION_TRANSITIONS[from_state]


class CommissionQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommissionQuerySet:
        """The commissions sent to the user, and those on packs they may open."""
        reader = Reader.of(user)
        if reader.everything:
            return self
        if reader.user_id is None:
            return self.none()
        from briefings.models.packs import Pack

        if not reader.office:
            return self.filter(assignee_id=reader.user_id)
        return self.filter(
            Q(assignee_id=reader.user_id) | Q(section__pack__in=Pack.objects.filter(pack_q(reader)).values("pk"))
        )

    def open(self) -> CommissionQuerySet:
        return self.filter(state__in=OPEN_STATES)

    def late(self, today=None) -> CommissionQuerySet:
        return self.filter(state__in=WITH_CONTRIBUTOR, due_on__lt=today or timezone.localdate())


class Commission(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="commissions")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefing_commissions"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    brief = models.TextField(help_text="What the contributor is asked to write.")
    due_on = models.DateField(db_index=True)
    state = models.CharField(
        max_length=20, choices=CommissionState.choices, default=CommissionState.REQUESTED, db_index=True
    )
    comments = models.TextField(blank=True, help_text="The lead officer's comments when returned.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommissionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["section"],
                condition=Q(state__in=["requested", "in_draft", "submitted", "returned"]),
                name="one_open_commission_per_section",
            )
        ]

    def __str__(self):
        return f"{self.section.title} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("briefings:commission", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_with_contributor(self) -> bool:
        return self.state in WITH_CONTRIBUTOR

    @property
    def is_late(self) -> bool:
        return self.is_with_contributor and self.due_on < timezone.localdate()

    @property
    def is_confidential(self) -> bool:
        return self.section.pack.is_confidential

    def can_move_to(self, state: str) -> bool:
        return commission_can_move(self.state, state)
