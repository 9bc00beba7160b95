"""Casework: correspondence and cases with target times in working days. Every write goes through casework.services;
every read that matters through `Case.objects.visible_to(user)`. The status moves are declared in TRANSITIONS."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from casework.indexes import case_indexes
from casework.mailboxes import IntakeMessage, Mailbox  # noqa: F401 (email intake's models)
from casework.search import search_cases
from mayoral_office.access import (
    has_perm,
    is_directorate_contact,
    is_draft_only,
    may_see_sensitive,
    own_member_id,
    sees_everything,
    supported_member_ids,
)
from mayoral_office.working_days import CALENDAR_CHOICES, ENGLAND_AND_WALES


class CaseType(models.Model):
    """Council policy, edited by the Head of Mayor's Office in the configuration site."""

    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=30, unique=True, help_text="Short code used in exports, e.g. 'member'.")
    description = models.CharField(max_length=250, blank=True)
    acknowledge_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Working days to acknowledge. Leave empty if no acknowledgement target."
    )
    respond_days = models.PositiveSmallIntegerField(help_text="Working days to send the full response.")
    escalate_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Working days after which an open case is escalated to the Head of Office."
    )
    calendar = models.CharField(
        max_length=20,
        choices=CALENDAR_CHOICES,
        default=ENGLAND_AND_WALES,
        help_text="United Kingdom counts a bank holiday in any part of the UK (use it for FOI).",
    )
    member_approval_required = models.BooleanField(
        default=True, help_text="The member must approve the response before it is sent."
    )
    retention_years = models.PositiveSmallIntegerField(
        default=6, help_text="Years after closure before personal data is anonymised."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(respond_days__gte=1), name="case_type_respond_days_positive"),
            models.CheckConstraint(condition=Q(retention_years__gte=1), name="case_type_retention_positive"),
        ]

    def __str__(self):
        return self.name


class CorrespondentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Correspondents with a case the user may see (every one, for the Head of Mayor's Office)."""
        if sees_everything(user):
            return self
        return self.filter(pk__in=Case.objects.visible_to(user).values("correspondent_id"))


class Correspondent(models.Model):
    class Kind(models.TextChoices):
        RESIDENT = "resident", "Resident"
        MP = "mp", "MP"
        COUNCILLOR = "councillor", "Councillor"
        DIRECTORATE = "directorate", "Council directorate"
        AGENCY = "agency", "External agency"
        BUSINESS = "business", "Business"
        MEDIA = "media", "Media"

    kind = models.CharField("type of correspondent", max_length=20, choices=Kind.choices, default=Kind.RESIDENT)
    title = models.CharField(max_length=30, blank=True, help_text="Mr, Ms, Dr, Cllr, Sir, Baroness, ...")
    name = models.CharField(max_length=150)
    salutation = models.CharField(max_length=100, blank=True, help_text="The letter's greeting, if not the usual.")
    organisation = models.CharField(max_length=150, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    ward = models.ForeignKey(
        "mayoral_office.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="correspondents"
    )
    email = models.EmailField(blank=True)
    phone = PhoneNumberField(blank=True, region="GB", help_text="Stored in E.164 form, e.g. +442079460000.")
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CorrespondentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["postcode"]), models.Index(fields=["phone"])]
        # email__iexact and name__iexact compare UPPER(...): finding a correspondent's other records.
        indexes += [models.Index(Upper(field), name=f"casework_correspondent_{field}") for field in ("email", "name")]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class ReferenceCounter(models.Model):
    """The last reference number used in a year. Incremented under a row lock, so references never collide."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ALLOCATED = "allocated", "Allocated"
    WITH_DIRECTORATE = "with_directorate", "With directorate"
    DRAFTING = "drafting", "Drafting"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting member approval"
    APPROVED = "approved", "Approved, ready to send"
    RESPONSE_SENT = "response_sent", "Response sent"
    CLOSED = "closed", "Closed"
    ON_HOLD = "on_hold", "On hold"
    REOPENED = "reopened", "Reopened"
    NO_REPLY_NEEDED = "no_reply_needed", "No reply needed"


S = Status
_WORKING = {S.ALLOCATED, S.WITH_DIRECTORATE, S.DRAFTING, S.REOPENED}

# The allowed status moves, in one place. ON_HOLD returns to the status the case had before (see services).
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.ACKNOWLEDGED, S.ALLOCATED, S.ON_HOLD, S.NO_REPLY_NEEDED},
    S.ACKNOWLEDGED: {S.ALLOCATED, S.ON_HOLD, S.NO_REPLY_NEEDED},
    S.ALLOCATED: {S.WITH_DIRECTORATE, S.DRAFTING, S.ON_HOLD, S.NO_REPLY_NEEDED},
    S.WITH_DIRECTORATE: {S.DRAFTING, S.ALLOCATED, S.ON_HOLD},
    S.DRAFTING: {S.AWAITING_APPROVAL, S.WITH_DIRECTORATE, S.RESPONSE_SENT, S.ON_HOLD},
    S.AWAITING_APPROVAL: {S.APPROVED, S.DRAFTING},
    S.APPROVED: {S.RESPONSE_SENT, S.DRAFTING},
    S.RESPONSE_SENT: {S.CLOSED, S.REOPENED},
    S.NO_REPLY_NEEDED: {S.CLOSED, S.REOPENED},
    S.CLOSED: {S.REOPENED},
    S.ON_HOLD: {S.RECEIVED, S.ACKNOWLEDGED, *_WORKING},
    S.REOPENED: {S.ALLOCATED, S.WITH_DIRECTORATE, S.DRAFTING, S.ON_HOLD, S.CLOSED, S.NO_REPLY_NEEDED},
}
OPEN_STATUSES = set(Status) - {S.RESPONSE_SENT, S.CLOSED, S.NO_REPLY_NEEDED}
# The colour of each stage's GOV.UK tag (govuk-tag--<colour>); "blue" for the working stages.
STATUS_TAG_COLOURS = {
    S.CLOSED: "grey",
    S.NO_REPLY_NEEDED: "grey",
    S.RESPONSE_SENT: "green",
    S.ON_HOLD: "yellow",
    S.AWAITING_APPROVAL: "purple",
    S.APPROVED: "purple",
    S.RECEIVED: "light-blue",
}
FINISHED_STATUSES = {S.RESPONSE_SENT, S.CLOSED, S.NO_REPLY_NEEDED}


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, set())


class Channel(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In-person meeting"
    WEB = "web", "Web message"


class Sensitivity(models.TextChoices):
    STANDARD = "standard", "Standard"
    SENSITIVE = "sensitive", "Sensitive"
    CONFIDENTIAL = "confidential", "Confidential"


class Priority(models.TextChoices):
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


def visible_cases_q(user) -> Q | None:
    """The access rules of DESIGN.md section 1 as one filter. None: nothing; an empty Q: everything."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if sees_everything(user):
        return Q()
    if is_directorate_contact(user):
        return None  # directorate contacts see their contribution requests only, never the case itself
    in_scope = Q(member_id__in=supported_member_ids(user)) | Q(officer_id=user.pk)
    if is_draft_only(user):
        return in_scope & Q(sensitivity=Sensitivity.STANDARD)
    if not (has_perm(user, "view_supported_records") or has_perm(user, "view_own_member_records")):
        return Q(officer_id=user.pk) & Q(sensitivity=Sensitivity.STANDARD)
    confidential = Q(sensitivity=Sensitivity.CONFIDENTIAL) & (
        Q(officer_id=user.pk) | Q(member_id=own_member_id(user) or 0)
    )
    levels = [Sensitivity.STANDARD, Sensitivity.SENSITIVE] if may_see_sensitive(user) else [Sensitivity.STANDARD]
    return (in_scope & Q(sensitivity__in=levels)) | confidential


def working_q() -> Q:
    """Open and on the clock (not on hold): the cases a target date applies to."""
    return Q(status__in=OPEN_STATUSES) & ~Q(status=S.ON_HOLD)


def overdue_q(today: date) -> Q:
    """The overdue rule as a filter; `Case.is_overdue` is the same rule for one case."""
    return working_q() & Q(response_due__lt=today)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one way views, lists, searches, exports and counts get cases (DESIGN.md section 1)."""
        q = visible_cases_q(user)
        return self.none() if q is None else self.filter(q)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date | None = None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def search(self, text: str):
        return search_cases(self, text)


# Copied from the case type onto each case, so that editing a type later does not re-target cases already logged.
CASE_TARGET_FIELDS = ("acknowledge_days", "respond_days", "escalate_days", "calendar", "member_approval_required")


class Case(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    status_before_hold = models.CharField(max_length=20, choices=Status.choices, blank=True)
    received_at = models.DateTimeField(help_text="When the correspondence arrived.")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.LETTER)
    member = models.ForeignKey(
        "mayoral_office.Member", on_delete=models.PROTECT, related_name="cases", help_text="Addressed to."
    )
    correspondent = models.ForeignKey(Correspondent, on_delete=models.PROTECT, related_name="cases")
    subject = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    portfolio = models.ForeignKey(
        "mayoral_office.Portfolio", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    ward = models.ForeignKey(
        "mayoral_office.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    sensitivity = models.CharField(max_length=20, choices=Sensitivity.choices, default=Sensitivity.STANDARD)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    # Deadlines (working days from the case type, recomputed by services.case_recalculate_deadlines)
    acknowledge_due = models.DateField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True, db_index=True)
    escalation_due = models.DateField(null=True, blank=True)
    # The type's targets when logged or retyped (CASE_TARGET_FIELDS).
    acknowledge_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    respond_days = models.PositiveSmallIntegerField(editable=False)
    escalate_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    calendar = models.CharField(max_length=20, choices=CALENDAR_CHOICES, editable=False)
    member_approval_required = models.BooleanField(editable=False)
    # The draft that was sent as the response (the approved version when the type needs approval).
    response_draft = models.ForeignKey(
        "casework.Draft", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    paused_working_days = models.PositiveIntegerField(default=0)
    on_hold_since = models.DateField(null=True, blank=True)
    hold_reason = models.CharField(max_length=250, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    response_sent_on = models.DateField(null=True, blank=True)
    response_method = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    related_cases = models.ManyToManyField("self", blank=True, symmetrical=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_cases"
    )
    search_document = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = case_indexes(OPEN_STATUSES)

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("casework:detail", args=[self.pk])

    def copy_targets(self) -> None:
        """Take the targets, calendar and approval rule from the case type (at intake, or when the type changes)."""
        for name in CASE_TARGET_FIELDS:
            setattr(self, name, getattr(self.case_type, name))

    @property
    def response_due_text(self) -> str:
        return f"{self.response_due:%-d %B %Y}" if self.response_due else "no date"

    @property
    def received_on(self) -> date:
        return timezone.localtime(self.received_at).date()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_confidential(self) -> bool:
        return self.sensitivity == Sensitivity.CONFIDENTIAL

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.is_open and self.status != S.ON_HOLD and self.response_due and self.response_due < today)

    def acknowledgement_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.is_open and not self.acknowledged_on and self.acknowledge_due and self.acknowledge_due < today)

    def next_statuses(self) -> set[str]:
        return TRANSITIONS.get(self.status, set())

    @property
    def status_tag_colour(self) -> str:
        return STATUS_TAG_COLOURS.get(self.status, "blue")

    @property
    def protective_marking(self) -> str:
        """The Government Security Classification shown on its letter and printouts."""
        return "OFFICIAL" if self.sensitivity == Sensitivity.STANDARD else "OFFICIAL-SENSITIVE"

    @property
    def latest_draft(self) -> Draft | None:
        """The newest version of the draft response (from the prefetched drafts when the page loaded them)."""
        return next(iter(self.drafts.all()), None)  # Draft.Meta.ordering is newest first


class CaseEvent(models.Model):
    """One line of the case timeline: notes, calls, meetings, emails, documents, stage and deadline moves."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CALL = "call", "Phone call"
        MEETING = "meeting", "Meeting with correspondent"
        EMAIL = "email", "Email"
        DOCUMENT = "document", "Document"
        STAGE = "stage", "Stage change"
        DEADLINE = "deadline", "Deadline change"
        CONTRIBUTION = "contribution", "Contribution"
        DRAFT = "draft", "Draft response"
        RESPONSE = "response", "Response"
        SYSTEM = "system", "System"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case.reference} {self.get_kind_display()} at {self.at:%d/%m/%Y %H:%M}"


class Extension(models.Model):
    class Kind(models.TextChoices):
        COMPLEX = "complex", "Complex enquiry"
        THIRD_PARTY = "third_party", "Waiting for a third party"
        AGREED = "agreed", "Agreed with the correspondent"
        PUBLIC_INTEREST = "public_interest", "Public interest test (FOI)"
        MEMBER = "member", "Member unavailable to approve"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    kind = models.CharField("type of extension", max_length=20, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    previous_due = models.DateField(null=True)
    new_due = models.DateField(null=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=Q(working_days__gte=1), name="extension_days_positive")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.working_days} working day{pluralize(self.working_days)}"


class HoldPeriod(models.Model):
    """The clock stopped while waiting for the correspondent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="holds")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=250)
    working_days = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["started_on"]

    def __str__(self):
        return f"On hold from {self.started_on}: {self.reason}"


def attachment_path(instance, filename):
    return f"casework/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))


class Attachment(models.Model):
    """A document on a case, stored privately (no public URL), served only through an access-checked view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class ContributionRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A directorate contact sees the requests sent to their directorate; anyone else, the requests on the
        cases they can see."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if is_directorate_contact(user):
            return self.filter(directorate_id=user.directorate_id) if user.directorate_id else self.none()
        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))

    def outstanding(self):
        """Still waiting for the directorate: not answered, and still needed."""
        return self.filter(answered_at__isnull=True, no_longer_needed_at__isnull=True)

    def in_state(self, state: str, today: date | None = None):
        """The requests in one of ContributionRequest.state's states, as a filter."""
        today = today or timezone.localdate()
        if state == "received":
            return self.filter(answered_at__isnull=False)
        if state == "not_needed":
            return self.filter(answered_at__isnull=True, no_longer_needed_at__isnull=False)
        if state == "overdue":
            return self.outstanding().filter(due_on__lt=today)
        return self.outstanding().filter(due_on__gte=today)


class ContributionRequest(models.Model):
    """Input asked of a directorate, with its own due date. Its contact sees this and the case summary."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contributions")
    directorate = models.ForeignKey(
        "mayoral_office.Directorate", on_delete=models.PROTECT, related_name="contribution_requests"
    )
    question = models.TextField()
    due_on = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when the case was answered, closed or needed no reply before the directorate answered.
    no_longer_needed_at = models.DateTimeField(null=True, blank=True)

    objects = ContributionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [  # the outstanding requests (a few of thousands): the chase, home and the directorates' lists
            models.Index(
                fields=["due_on"],
                condition=Q(answered_at__isnull=True, no_longer_needed_at__isnull=True),
                name="casework_contrib_outstanding",
            ),
            # the directorates asked on a set of cases, read from the index alone (the dashboard's answered within
            # target by directorate: 7 -> 1.4 ms for four weeks at scale 1)
            models.Index(fields=["case"], include=["directorate"], name="casework_contrib_case_dir"),
        ]

    def __str__(self):
        return f"{self.case.reference}: contribution from {self.directorate}"

    def state(self, today: date | None = None) -> str:
        if self.answered_at or self.no_longer_needed_at:
            return "received" if self.answered_at else "not_needed"
        return "overdue" if self.due_on < (today or timezone.localdate()) else "due"

    @property
    def is_outstanding(self) -> bool:
        return not self.answered_at and not self.no_longer_needed_at


class DraftState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned with comments"


# A version is sent for approval, then approved or returned. A version sent or approved goes back to a plain draft
# when it is withdrawn or a newer version is written, so an approval only ever covers the version the member saw.
DRAFT_TRANSITIONS: dict[str, set[str]] = {
    DraftState.DRAFT: {DraftState.SUBMITTED},
    DraftState.SUBMITTED: {DraftState.APPROVED, DraftState.RETURNED, DraftState.DRAFT},
    DraftState.APPROVED: {DraftState.DRAFT},
    DraftState.RETURNED: set(),
}


class Draft(models.Model):
    State = DraftState

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveSmallIntegerField()
    body = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_on_behalf = models.BooleanField(
        default=False, help_text="Reviewed by an officer acting for the member (recorded as such)."
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comments = models.TextField(blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="draft_version_unique")]
        indexes = [models.Index(fields=["case"], condition=Q(state="submitted"), name="casework_draft_submitted")]

    def __str__(self):
        return f"{self.case.reference} draft {self.version}"

    def can_move_to(self, state: str) -> bool:
        return state in DRAFT_TRANSITIONS[self.state]
