"""Briefing and speech packs, their sections, and the rules that set their due dates.

A pack is for an engagement (from the diary), a meeting (from decisions) or standalone, for one or more members. It
is prepared (DRAFT), cleared by the Head of Mayor's Office or a named delegate (CLEARED), then issued (ISSUED):
issuing freezes a numbered `PackVersion` with its PDF. Revising an issued pack takes it back to DRAFT; the member
keeps reading the latest issued version until the next one is issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from briefings.models.access import Reader, pack_q
from mayoral_office.links import record_url
from mayoral_office.models import Member, Ward


class BriefingSettings(models.Model):
    """The office's briefing rules (one row, kept by the Head of Mayor's Office in the admin)."""

    due_working_days_before = models.PositiveSmallIntegerField(
        default=2, help_text="A pack for an engagement or meeting is due this many working days before it."
    )
    commission_working_days_before_due = models.PositiveSmallIntegerField(
        default=1, help_text="A commissioned section is due this many working days before the pack."
    )
    clearance_delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Officers who may clear packs as well as the Head of Mayor's Office.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "briefing rules"

    def __str__(self):
        return "Briefing rules"

    @classmethod
    def current(cls) -> BriefingSettings:
        return cls.objects.first() or cls()


class Marking(models.TextChoices):
    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


class PackStatus(models.TextChoices):
    DRAFT = "draft", "In preparation"
    CLEARED = "cleared", "Cleared"
    ISSUED = "issued", "Issued"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The allowed status moves, in one place: the policy reads it, services check it.
PACK_TRANSITIONS: dict[str, set[str]] = {
    PackStatus.DRAFT: {PackStatus.CLEARED, PackStatus.WITHDRAWN},
    PackStatus.CLEARED: {PackStatus.ISSUED, PackStatus.DRAFT, PackStatus.WITHDRAWN},
    PackStatus.ISSUED: {PackStatus.DRAFT, PackStatus.WITHDRAWN},
    PackStatus.WITHDRAWN: set(),
}


def pack_can_move(from_status: str, to_status: str) -> bool:
    return to_status in PACK_TRANSITIONS[from_status]


class Stage(models.TextChoices):
    """Where a pack stands, as the diary and the lists show it; computed from the pack, never stored."""

    NONE = "none", "None"
    COMMISSIONED = "commissioned", "Commissioned"
    IN_DRAFT = "in_draft", "In draft"
    CLEARED = "cleared", "Cleared"
    ISSUED = "issued", "Issued"
    LATE = "late", "Late"


class PackQuerySet(models.QuerySet):
    def visible_to(self, user) -> PackQuerySet:
        reader = Reader.of(user)
        if reader.everything:
            return self
        # Filtering by primary key keeps the rows distinct however many of a pack's members match.
        return self.filter(pk__in=Pack.objects.filter(pack_q(reader)).values("pk"))

    def live(self) -> PackQuerySet:
        return self.exclude(status=PackStatus.WITHDRAWN)


class Pack(models.Model):
    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("title",)
    title = models.CharField(max_length=200)
    engagement = models.ForeignKey(
        "diary.Engagement", null=True, blank=True, on_delete=models.SET_NULL, related_name="briefing_packs"
    )
    meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="briefing_packs"
    )
    members = models.ManyToManyField(Member, related_name="briefing_packs")
    marking = models.CharField("protective marking", max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lead_briefing_packs"
    )
    due_on = models.DateField(
        db_index=True, help_text="Computed from the engagement or meeting; set by the officer for a standalone pack."
    )
    status = models.CharField(max_length=20, choices=PackStatus.choices, default=PackStatus.DRAFT, db_index=True)
    purpose = models.TextField(blank=True, help_text="What the member needs from the pack.")
    # What the background proposal looks for (proposed from the engagement; the officer may change them).
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisations = models.CharField(
        max_length=300, blank=True, help_text="The organisations attending, separated by commas."
    )
    latest_version = models.PositiveIntegerField(default=0, help_text="The number of the latest issued version.")
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=250, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to catch overlapping edits.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PackQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(engagement__isnull=False) & Q(meeting__isnull=False)),
                name="pack_for_engagement_or_meeting",
            )
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return record_url("briefings:pack", self.pk)

    @property
    def reference(self) -> str:
        return f"BP{self.pk:05d}" if self.pk else "BP(new)"

    @property
    def is_confidential(self) -> bool:
        """Every read of an OFFICIAL-SENSITIVE pack is access-logged (the authorising fetch)."""
        return self.marking == Marking.OFFICIAL_SENSITIVE

    @property
    def kind(self) -> str:
        if self.engagement_id:
            return "engagement"
        if self.meeting_id:
            return "meeting"
        return "standalone"

    def can_move_to(self, status: str) -> bool:
        return pack_can_move(self.status, status)

    @property
    def is_late(self) -> bool:
        return self.status in (PackStatus.DRAFT, PackStatus.CLEARED) and self.due_on < timezone.localdate()

    def stage(self, open_commissions: int | None = None) -> str:
        """none, commissioned, in draft, cleared, issued or late. `open_commissions` when already counted (lists
        annotate it); otherwise read from the prefetched commissions."""
        if self.status == PackStatus.WITHDRAWN:
            return Stage.NONE
        if self.status == PackStatus.ISSUED:
            return Stage.ISSUED
        if self.is_late:
            return Stage.LATE
        if self.status == PackStatus.CLEARED:
            return Stage.CLEARED
        if open_commissions is None:
            open_commissions = sum(1 for c in self.all_commissions() if c.is_open)
        return Stage.COMMISSIONED if open_commissions else Stage.IN_DRAFT

    def all_commissions(self):
        return [c for s in self.sections.all() for c in s.commissions.all()]


class SectionKind(models.TextChoices):
    SUMMARY = "summary", "Summary briefing note"
    KEY_MESSAGES = "key_messages", "Key messages"
    SPEAKING_NOTES = "speaking_notes", "Speaking notes"
    SPEECH = "speech", "Speech"
    AGENDA = "agenda", "Agenda"
    ATTENDEES = "attendees", "Attendee profiles"
    BACKGROUND = "background", "Background"
    PAPERS = "papers", "Background papers"
    QA = "qa", "Questions and answers"
    RISKS = "risks", "Risks and sensitivities"
    PRESS = "press", "Press lines"


class Section(models.Model):
    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown. Raw HTML is removed when it is saved.")
    position = models.PositiveSmallIntegerField(default=0)
    # A background paper (kind PAPERS): one uploaded PDF, appended after the generated pages.
    paper = models.FileField(upload_to="briefings/papers/%Y/%m/", blank=True)
    paper_name = models.CharField(max_length=200, blank=True)
    paper_pages = models.PositiveIntegerField(default=0)
    # A background section proposed from the office's records keeps what was found, as it was found.
    snapshot = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pack", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("briefings:pack", args=[self.pack_id]) + f"#section-{self.pk}"

    @property
    def has_paper(self) -> bool:
        return bool(self.paper)
