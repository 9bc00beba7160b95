"""The action tracker: actions arising from meetings and decisions, or added by hand, with dated updates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from decisions.models.access import OPEN, Reader, Restricted, restricted_q
from decisions.models.meetings import EXEMPT_CATEGORIES
from mayoral_office.models import Rag


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        reader = Reader.of(user)
        if reader.nothing:
            return self.none()
        restriction = restricted_q(reader)
        if reader.everything or reader.officer or reader.intern:
            return self.filter(restriction)
        if reader.member_id:
            theirs = (
                Q(owner_id=reader.user_id)
                | Q(portfolio_id__in=sorted(reader.portfolio_ids))
                | Q(meeting__body__members=reader.member_id)
            )
            return self.filter(theirs, restriction).distinct()
        # a directorate contact: their directorate's actions and their own, never a restricted one
        theirs = Q(owner_id=reader.user_id)
        if reader.contact_directorate_id:
            theirs |= Q(owner_directorate_id=reader.contact_directorate_id)
        return self.filter(theirs, OPEN)

    def still_open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today=None):
        return self.still_open().filter(due_on__lt=today or timezone.localdate())


class Action(Restricted, models.Model):
    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("description",)
    description = models.TextField()
    meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        "decisions.AgendaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_owned"
    )
    owner_directorate = models.ForeignKey(
        "mayoral_office.Directorate", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, default=Rag.GREEN)
    completed_on = models.DateField(null=True, blank=True)
    # the restriction of the item it arose from (an action from an exempt item is as restricted as the item)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_led"
    )
    portfolio = models.ForeignKey(
        "mayoral_office.Portfolio", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    confidential = models.BooleanField(default=False)
    exempt_category = models.PositiveSmallIntegerField(null=True, blank=True, choices=EXEMPT_CATEGORIES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on", "id"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["owner_directorate", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(owner_directorate__isnull=False), name="action_has_an_owner"
            )
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("decisions:action", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def owner_name(self) -> str:
        names = [str(o) for o in (self.owner, self.owner_directorate) if o is not None]
        return " / ".join(names)

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    text = models.TextField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return self.text[:80]
