"""The office's shared core: people, roles, the closure-day calendar, the access log and the notification outbox."""

from __future__ import annotations

import hashlib
from datetime import time

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mayoral_office.roles import Role


def normalise_email(value: str) -> str:
    """One spelling per address: trimmed and lower-cased. Sign-in, lock-out and storage all use it."""
    return (value or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        # An exact match on the normalised address: a case-insensitive database lookup would let look-alike
        # characters (PostgreSQL matches a dotless "ı" to "I") reach the account under a fresh lock-out count.
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: officers, members, directorate contacts. Signs in with an email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    directorate = models.ForeignKey(
        "Directorate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        help_text="For directorate contacts: the directorate whose requests they answer.",
    )
    reports_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="Their team lead: chases of their overdue work escalate to this person (then to the Head of "
        "Mayor's Office).",
    )
    chase_alerts = models.BooleanField(
        "email me at once about new items",
        default=False,
        help_text="Besides the daily digest, an email as soon as something new becomes due for them.",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to disable the account and end its sessions.")
    is_staff = models.BooleanField(default=False, help_text="Can use the configuration (admin) site.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case")]
        permissions = [
            ("view_all_records", "See every record, confidential included"),
            ("view_supported_records", "See the records of the members they support"),
            ("view_sensitive_records", "See records marked sensitive"),
            ("view_own_member_records", "See their own records as a member"),
            ("view_directorate_requests", "See requests sent to their directorate"),
            ("configure_office", "Configure targets, thresholds, closure days and case types"),
            ("view_audit_trail", "Browse the audit trail and access log"),
            ("approve_responses", "Approve responses written for their signature"),
            ("approve_requisitions", "Approve requisitions within their limits"),
            ("draft_only", "Read and draft only; never sensitive or confidential"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def roles(self) -> set[str]:
        """The user's role names, cached on the instance (and between requests: mayoral_office.choices keeps them
        until any user's roles change)."""
        if not hasattr(self, "_roles_cache"):
            from mayoral_office import choices

            self._roles_cache = choices.kept(
                f"roles:{self.pk}", lambda: set(self.groups.values_list("name", flat=True))
            )
        return self._roles_cache

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & {r.label for r in roles})

    @property
    def primary_role(self) -> str:
        for role in Role:
            if role.label in self.roles:
                return role.label
        return "Administrator" if self.is_superuser else "No role"


class Directorate(models.Model):
    name = models.CharField(max_length=150, unique=True)
    code = models.CharField(max_length=12, unique=True, help_text="Short code, for example CHI for Children's.")
    email = models.EmailField(blank=True, help_text="Shared mailbox for contribution requests.")
    director = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ward(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Portfolio(models.Model):
    name = models.CharField(max_length=150, unique=True)
    directorates = models.ManyToManyField(Directorate, blank=True, related_name="portfolios")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DatedQuerySet(models.QuerySet):
    """Rows in force on a day, between a start date and an optional end date."""

    start_field = "starts_on"
    end_field = "ends_on"

    def current(self, on=None):
        on = on or timezone.localdate()
        open_ended = Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": on})
        return self.filter(**{f"{self.start_field}__lte": on}).filter(open_ended)


class MemberQuerySet(DatedQuerySet):
    start_field = "active_from"
    end_field = "active_to"


class Member(models.Model):
    """The Mayor, a Deputy Mayor or a Cabinet Member."""

    class Office(models.TextChoices):
        MAYOR = "mayor", "Mayor"
        DEPUTY_MAYOR = "deputy_mayor", "Deputy Mayor"
        CABINET_MEMBER = "cabinet_member", "Cabinet Member"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )
    name = models.CharField(max_length=150)
    office = models.CharField(max_length=20, choices=Office.choices)
    title = models.CharField(max_length=200, help_text="Full title, for example 'Cabinet Member for Housing'.")
    portfolios = models.ManyToManyField(Portfolio, blank=True, related_name="members")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    email = models.EmailField(blank=True)
    active_from = models.DateField(default=timezone.localdate)
    active_to = models.DateField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["office", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=models.F("active_from")),
                name="member_active_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_office_display()})"


class SupportAssignment(models.Model):
    """Which officer supports which member, and from when."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_assignments")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="support_assignments")
    is_primary = models.BooleanField(default=True, help_text="The main officer for this member (others cover).")
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "officer__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "member", "starts_on"], name="support_assignment_unique")
        ]

    def __str__(self):
        return f"{self.officer} supports {self.member.name}"


class ClosureDay(models.Model):
    """A day the council is closed beyond the bank holidays (for example extra days at Christmas)."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200, help_text="Shown in 'why is it due then?', e.g. 'Council closure'.")

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.reason}"


class AccessLog(models.Model):
    """A read of a confidential record: who looked, when, from where, at what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=250)
    action = models.CharField(max_length=50, default="viewed")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} {self.action} {self.object_repr} at {self.at:%d/%m/%Y %H:%M}"


class Notification(models.Model):
    """The outbox: every email the system sends is written here first and sent after the transaction commits."""

    class Status(models.TextChoices):
        PENDING = "pending", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        ABANDONED = "abandoned", "Abandoned"
        BOUNCED = "bounced", "Bounced"

    to = models.JSONField(help_text="List of recipient addresses.")
    from_email = models.EmailField(blank=True, help_text="The sender; empty for the service's DEFAULT_FROM_EMAIL.")
    subject = models.CharField(max_length=250)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text="List of {filename, content, mimetype[, encoding]}: content is text (e.g. iCalendar), or base64 "
        "with encoding 'base64' (e.g. a PDF letter).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When a sender took it; stops a double send.")
    bounced_at = models.DateTimeField(null=True, blank=True)
    bounce_reason = models.TextField(blank=True, help_text="What the receiving server said when it bounced.")
    kind = models.CharField(max_length=50, blank=True, help_text="What produced it, e.g. 'diary.change'.")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="Set for an email that must go once only (a chase digest: its recipient and working day).",
    )
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a failed send: not tried again before this time (backing off)."
    )
    # What the email is about (a case, an engagement), so that record's page can show whether it was delivered.
    # A plain content-type reference: the core knows no app's models.
    regarding_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    regarding_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["regarding_type", "regarding_id"], name="notification_regarding"),
            models.Index(fields=["status", "created_at"], name="notification_status_created"),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def will_retry(self) -> bool:
        """A failed send the sweep tries again (after its backoff, up to OUTBOX_MAX_ATTEMPTS attempts)."""
        return self.status == self.Status.FAILED and self.attempts < settings.OUTBOX_MAX_ATTEMPTS


class ChaseSettings(models.Model):
    """When and how far the office chases (one row, kept by the Head of Mayor's Office in the configuration site).
    mayoral_office/chasing.py reads it."""

    digest_time = models.TimeField(
        default=time(8, 0), help_text="The daily digests are written at this time (Europe/London), on working days."
    )
    remind_before_days = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(20)],
        help_text="An item is first included this many working days before it is due (20 at most).",
    )
    lead_after_days = models.PositiveSmallIntegerField(
        default=3, help_text="Working days overdue after which the chase escalates to the person's team lead."
    )
    head_after_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days overdue after which the chase escalates to the Head of Mayor's Office."
    )

    class Meta:
        verbose_name = verbose_name_plural = "chasing rules"

    def __str__(self):
        return "Chasing rules"

    def clean(self):
        super().clean()
        if self.head_after_days < self.lead_after_days:
            raise ValidationError(
                {"head_after_days": "Escalate to the Head of Mayor's Office no sooner than to the team lead"}
            )

    @classmethod
    def current(cls) -> ChaseSettings:
        """The settings (the defaults until the Head saves some): from the cache while they stay the same."""
        from mayoral_office import choices

        return choices.kept("chase-settings", lambda: cls.objects.first() or cls())


class ChaseRun(models.Model):
    """One working day's chase: the row is locked while the day's digests are written, so two workers running the
    chase at once write them once."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    digests = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"Chase of {self.day:%d %B %Y}"


class ChaseEntry(models.Model):
    """The chase history of an item: whom it was chased with, at which stage, on which working day, in which
    email. One row per (kind, record, recipient, stage, working day), whatever runs twice."""

    class Stage(models.TextChoices):
        BEFORE = "before", "Reminded before due"
        DUE = "due", "Reminded on the due date"
        OVERDUE = "overdue", "Chased"
        LEAD = "lead", "Escalated to team lead"
        HEAD = "head", "Escalated to the Head of Mayor's Office"
        ALERT = "alert", "Alerted"

    kind = models.CharField(max_length=50)
    regarding_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    regarding_id = models.CharField(max_length=64)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    day = models.DateField()
    due_on = models.DateField()
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="chase_entries")
    # The officer whose item it is, when the recipient was chased for it as their cover (an Absence).
    covering = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "regarding_type", "regarding_id", "recipient", "stage", "day"], name="chase_once"
            )
        ]
        indexes = [models.Index(fields=["regarding_type", "regarding_id"], name="chase_regarding")]
        verbose_name_plural = "chase entries"

    def __str__(self):
        return f"{self.get_stage_display()}: {self.recipient} on {self.day}"


class PerformanceSettings(models.Model):
    """The dashboard's targets (one row, kept by the Head of Mayor's Office in the configuration site)."""

    answered_in_target_percent = models.PositiveSmallIntegerField(
        "cases answered within target (%)",
        default=95,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The share of cases to be answered by their target date; the dashboard marks figures below it.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "performance targets"

    def __str__(self):
        return "Performance targets"

    @classmethod
    def current(cls) -> PerformanceSettings:
        return cls.objects.first() or cls()


class ApiToken(models.Model):
    """A token for the read-only dashboard API (Power BI): it reads as the user it belongs to, so it sees only what
    they may see. Only a hash of the token is kept; the token itself is shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'Power BI performance report'.")
    key = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the token, in hex
    prefix = models.CharField(max_length=8, editable=False, help_text="The token's first characters, to recognise it.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        """What is kept of a token: its SHA-256, in hex."""
        return hashlib.sha256(raw.encode()).hexdigest()


class Rag(models.TextChoices):
    """The office's one RAG rating: the Mayor's objectives and the decisions' actions."""

    RED = "red", "Red (off track)"
    AMBER = "amber", "Amber (at risk)"
    GREEN = "green", "Green (on track)"


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The strategic plan is the office's own public commitments: everyone in the office (and the members)
        reads it; directorate contacts and budget holders do not use it."""
        from mayoral_office.access import office_roles

        return self if user is not None and user.is_authenticated and office_roles(user) else self.none()


class Objective(models.Model):
    """One of the Mayor's strategic plan commitments, with its lead, milestones and quarterly updates. Its RAG
    status is that of its latest update."""

    number = models.PositiveSmallIntegerField(unique=True, help_text="Its place in the plan: 1, 2, 3...")
    title = models.CharField(max_length=200)
    theme = models.CharField(
        max_length=100, blank=True, help_text="The plan's theme, e.g. 'A borough that works for everyone'."
    )
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="objectives_led", help_text="Who reports on it each quarter."
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
        help_text="The Cabinet Member whose portfolio it sits in.",
    )
    rag = models.CharField(
        "RAG status",
        max_length=5,
        choices=Rag.choices,
        blank=True,
        editable=False,
        help_text="From the latest quarterly update.",
    )

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("objective", args=[self.pk])


class Milestone(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ObjectiveUpdate(models.Model):
    """A quarterly update on an objective: where it stands (RAG) and why, by its lead or the Head of Mayor's Office."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="updates")
    quarter = models.CharField(max_length=10, help_text="The financial quarter it reports on, e.g. '2026/27 Q3'.")
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices)
    summary = models.TextField("progress and next steps")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["objective", "quarter"], name="one_update_a_quarter")]

    def __str__(self):
        return f"{self.objective}: {self.quarter} ({self.get_rag_display()})"


from mayoral_office.models.directory import Organisation, OrganisationKind, Partnership, Stakeholder  # noqa: E402, F401
from mayoral_office.models.tools import Absence, Guide  # noqa: E402, F401 (the shared tools' models, kept apart)
