"""Bodies (CLT, Cabinet, boards), their meetings, and each meeting's agenda and minutes."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from decisions.models.access import OPEN, Reader, Restricted, restricted_q

# Schedule 12A to the Local Government Act 1972: the categories of exempt information (England).
EXEMPT_CATEGORIES = [
    (1, "1. Information relating to any individual"),
    (2, "2. Information likely to reveal the identity of an individual"),
    (3, "3. Financial or business affairs of any particular person (including the authority)"),
    (4, "4. Consultations or negotiations on labour relations"),
    (5, "5. Legal professional privilege"),
    (6, "6. Notices, orders or directions under any enactment"),
    (7, "7. The prevention, investigation or prosecution of crime"),
]


class DecisionSettings(models.Model):
    """The council's decision-making rules (one row, kept by the Head of Mayor's Office in the admin)."""

    key_decision_threshold = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("500000.00"),
        help_text="A decision of this value or more is key.",
    )
    key_decision_wards = models.PositiveSmallIntegerField(
        default=2, help_text="A decision significantly affecting this many wards or more is key."
    )
    forward_plan_clear_days = models.PositiveSmallIntegerField(default=28)
    report_clear_working_days = models.PositiveSmallIntegerField(default=5)
    publication_working_days = models.PositiveSmallIntegerField(default=2)
    call_in_working_days = models.PositiveSmallIntegerField(default=5)
    forward_plan_months = models.PositiveSmallIntegerField(default=4, help_text="How far ahead the Forward Plan looks.")

    class Meta:
        verbose_name = verbose_name_plural = "decision-making rules"

    def __str__(self):
        return "Decision-making rules"

    @classmethod
    def current(cls) -> DecisionSettings:
        return cls.objects.first() or cls()

    def rules(self):
        from decisions.deadlines import Rules

        return Rules(
            forward_plan_clear_days=self.forward_plan_clear_days,
            report_clear_working_days=self.report_clear_working_days,
            publication_working_days=self.publication_working_days,
            call_in_working_days=self.call_in_working_days,
        )


class BodyQuerySet(models.QuerySet):
    def visible_to(self, user):
        reader = Reader.of(user)
        if reader.everything or reader.officer or reader.intern:
            return self
        if reader.member_id:
            return self.filter(members=reader.member_id)
        if reader.contact:
            led = AgendaItem.objects.filter(OPEN, lead_officer_id=reader.user_id).values("body_id")
            return self.filter(pk__in=led)
        return self.none()


class Body(models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", "Corporate Leadership Team"
        CABINET = "cabinet", "Cabinet"
        ADVISORY = "advisory", "Advisory board"
        DIRECTORATE = "directorate", "Directorate Leadership Team"
        PARTNERSHIP = "partnership", "Partnership board"
        COUNCIL = "council", "Full Council"
        OTHER = "other", "Other"

    name = models.CharField(max_length=150, unique=True)
    short_name = models.CharField(max_length=12, unique=True, help_text="For references, for example CAB or CLT.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    takes_executive_decisions = models.BooleanField(
        default=False, help_text="Its decisions are published and may be called in (Cabinet, a member acting alone)."
    )
    directorate = models.ForeignKey(
        "mayoral_office.Directorate", null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    members = models.ManyToManyField("mayoral_office.Member", blank=True, related_name="bodies")
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="decision_bodies", help_text="Officers who attend."
    )
    default_place = models.CharField(max_length=200, blank=True)
    default_start = models.TimeField(default=time(10, 0))
    default_minutes = models.PositiveSmallIntegerField("default length in minutes", default=120)
    is_active = models.BooleanField(default=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MinutesStatus(models.TextChoices):
    NONE = "none", "Not started"
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        reader = Reader.of(user)
        if reader.everything or reader.officer or reader.intern:
            return self
        if reader.member_id:
            return self.filter(Q(body__members=reader.member_id) | Q(attendees=reader.user_id)).distinct()
        if reader.contact:
            led = AgendaItem.objects.filter(OPEN, lead_officer_id=reader.user_id).values("meeting_id")
            return self.filter(pk__in=led)
        return self.none()


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(blank=True)
    status = models.CharField(max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended")
    apologies = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="meetings_apologised")
    others_present = models.TextField(blank=True, help_text="Guests and officers not in the office, one a line.")
    series = models.CharField(max_length=32, blank=True, db_index=True, help_text="Meetings scheduled together.")
    minutes_status = models.CharField(max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE)
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The meeting that approved them.",
    )
    minutes_sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start")
        ]

    def __str__(self):
        return f"{self.body} on {self.day:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("decisions:meeting", args=[self.pk])

    @property
    def day(self):
        from django.utils import timezone

        return timezone.localtime(self.starts_at).date()

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED


class ItemKind(models.TextChoices):
    APOLOGIES = "apologies", "Apologies for absence"
    MINUTES = "minutes", "Minutes of the last meeting"
    MATTERS_ARISING = "matters_arising", "Matters arising"
    ITEM = "item", "Item"


STANDING_KINDS = (ItemKind.APOLOGIES, ItemKind.MINUTES, ItemKind.MATTERS_ARISING)


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        reader = Reader.of(user)
        if reader.nothing:
            return self.none()
        restriction = restricted_q(reader)
        if reader.everything or reader.officer or reader.intern:
            return self.filter(restriction)
        if reader.member_id:
            theirs = Q(body__members=reader.member_id) | Q(portfolio_id__in=sorted(reader.portfolio_ids))
            return self.filter(theirs, restriction).distinct()
        return self.filter(OPEN, lead_officer_id=reader.user_id)  # a directorate contact: the open items they lead


class AgendaItem(Restricted, models.Model):
    """An item on a meeting's agenda, or waiting for one (no meeting yet: the body's forward agenda planner)."""

    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("title",)

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="agenda_items")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.ITEM)
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text="What the meeting is asked to do.")
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items_led"
    )
    portfolio = models.ForeignKey(
        "mayoral_office.Portfolio", null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    paper = models.FileField(upload_to="decisions/papers/%Y/%m/", blank=True)
    paper_due = models.DateField(null=True, blank=True, help_text="When the paper is due to the office.")
    paper_received_at = models.DateTimeField(null=True, blank=True)
    minutes_allowed = models.PositiveSmallIntegerField(
        "time allowed (minutes)", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    exempt_category = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=EXEMPT_CATEGORIES, help_text="Schedule 12A category, if the item is exempt."
    )
    confidential = models.BooleanField(default=False)
    pathway_item = models.ForeignKey(
        "decisions.PathwayItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    discussion = models.TextField("discussion (minutes)", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "position", "pk"]
        indexes = [models.Index(fields=["meeting", "position"]), models.Index(fields=["body", "meeting"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("decisions:agenda-item", args=[self.pk])

    @property
    def is_standing(self) -> bool:
        return self.kind in STANDING_KINDS

    @property
    def paper_overdue(self) -> bool:
        """Due to the office and not yet received."""
        from django.utils import timezone

        return not self.paper and self.paper_due is not None and self.paper_due < timezone.localdate()

    @property
    def paper_late(self) -> bool:
        """Received after the day it was due."""
        from django.utils import timezone

        received = self.paper_received_at
        return bool(self.paper and received and self.paper_due and timezone.localdate(received) > self.paper_due)
