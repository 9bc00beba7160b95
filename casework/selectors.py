"""Every read of casework that matters. Views, lists, searches, exports and counts start from
`visible_to(user)`,
so none of them can show what a case page would refuse; preloading lives here, next to the query."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from mayoral_office.access import (
    has_perm,
    is_directorate_contact,
    is_draft_only,
    may_see_sensitive,
    sees_everything,
    supported_member_ids,
)
from mayoral_office.models import Member, User
from mayoral_office.roles import Role

SEARCH_CONFIG = "english"
SEARCH_INDEX_NAME = "casework_case_search_gin"


def visible_cases_q(user):
    """The access rules of DESIGN.md section 1 as one filter. None: nothing; True: everything."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if sees_everything(user):
        return True
    if is_directorate_contact(user):
        return None  # directorate contacts see their contribution requests only, never the case itself
    member_ids = supported_member_ids(user)
    in_scope = Q(member_id__in=member_ids) | Q(officer_id=user.pk)
    if is_draft_only(user):
        return in_scope & Q(sensitivity="standard")
    if not (has_perm(user, "view_supported_records") or has_perm(user, "view_own_member_records")):
        return Q(officer_id=user.pk) & Q(sensitivity="standard")
    own_member = getattr(getattr(user, "member", None), "pk", None)
    confidential = Q(sensitivity="confidential") & (Q(officer_id=user.pk) | Q(member_id=own_member or 0))
    allowed_levels = ["standard", "sensitive"] if may_see_sensitive(user) else ["standard"]
    return (in_scope & Q(sensitivity__in=allowed_levels)) | confidential


def visible_contributions(queryset, user):
    if not user or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_directorate_contact(user):
        if not user.directorate_id:
            return queryset.none()
        return queryset.filter(directorate_id=user.directorate_id)
    from casework.models import Case

    return queryset.filter(case__in=Case.objects.visible_to(user).values("pk"))


def may_work_on_cases(user) -> bool:
    """Log, allocate and progress cases: office officers (not interns, members or directorate contacts)."""
    return sees_everything(user) or (
        has_perm(user, "view_supported_records") and not is_draft_only(user) and not is_directorate_contact(user)
    )


def may_draft(user) -> bool:
    return may_work_on_cases(user) or is_draft_only(user)


def list_cases(user):
    """Cases for a list page, with everything a row shows loaded in the same query."""
    from casework.models import Case

    return Case.objects.visible_to(user).select_related(
        "case_type", "member", "correspondent", "officer", "ward", "portfolio"
    )


def case_for_page(user, pk):
    from casework.models import Attachment, CaseEvent, ContributionRequest, Draft

    return (
        list_cases(user)
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
            Prefetch("contributions", queryset=ContributionRequest.objects.select_related("directorate")),
            Prefetch("drafts", queryset=Draft.objects.select_related("created_by", "reviewed_by")),
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
            "extensions",
            "holds",
        )
        .filter(pk=pk)
    )


def due_this_week(today: date) -> tuple[date, date]:
    """The "due this week" window: today to Sunday; at a weekend, the coming working week (to the next Sunday),
    so that on a Saturday the queue is not just the one day left."""
    end = today + timedelta(days=6 - today.weekday())
    if today.weekday() >= 5:
        end += timedelta(days=7)
    return today, end


def queue(qs, name: str, user, today: date | None = None):
    """The work queues: mine, my team's, unallocated, overdue, due this week, awaiting approval, all."""
    today = today or timezone.localdate()
    if name == "mine":
        return qs.filter(officer=user).open()
    if name == "team":
        return qs.filter(member_id__in=supported_member_ids(user)).open()
    if name == "unallocated":
        return qs.filter(officer__isnull=True).open()
    if name == "overdue":
        return qs.overdue(today)
    if name == "week":
        start, end = due_this_week(today)
        return qs.open().exclude(status="on_hold").filter(response_due__gte=start, response_due__lte=end)
    if name == "approval":
        return qs.filter(status="awaiting_approval")
    if name == "open":
        return qs.open()
    return qs


QUEUES = [
    ("mine", "My cases"),
    ("team", "My team's"),
    ("unallocated", "Unallocated"),
    ("overdue", "Overdue"),
    ("week", "Due this week"),
    ("approval", "Awaiting member approval"),
    ("open", "All open"),
    ("all", "All"),
]


MEMBER_QUEUES = [
    ("approval", "My cases for approval"),
    ("team", "My cases"),
    ("overdue", "Overdue"),
    ("week", "Due this week"),
    ("open", "All open"),
    ("all", "All"),
]


def queues_for(user) -> list[tuple[str, str]]:
    """The queue tabs as this user should read them. A member is never allocated cases and has no team: their
    'team' is their own cases, and 'awaiting approval' is what waits for them."""
    if getattr(user, "member", None) is not None and not may_work_on_cases(user):
        return MEMBER_QUEUES
    return QUEUES


def queue_counts(user, today: date | None = None) -> dict[str, int]:
    """Counts for each queue tab in one query, through the same visibility rule."""
    from casework.models import OPEN_STATUSES

    today = today or timezone.localdate()
    week_start, week_end = due_this_week(today)
    open_q = Q(status__in=OPEN_STATUSES)
    working = open_q & ~Q(status="on_hold")
    from casework.models import Case

    return Case.objects.visible_to(user).aggregate(
        mine=Count("pk", filter=open_q & Q(officer_id=user.pk)),
        team=Count("pk", filter=open_q & Q(member_id__in=supported_member_ids(user))),
        unallocated=Count("pk", filter=open_q & Q(officer__isnull=True)),
        overdue=Count("pk", filter=working & Q(response_due__lt=today)),
        week=Count("pk", filter=working & Q(response_due__gte=week_start, response_due__lte=week_end)),
        approval=Count("pk", filter=Q(status="awaiting_approval")),
        open=Count("pk", filter=open_q),
        all=Count("pk"),
    )


REFERENCE_RE = re.compile(r"^(?:MO\s*/\s*)?(\d{4})\s*/\s*0*(\d{1,7})$", re.IGNORECASE)


def reference_condition(text: str) -> Q | None:
    """A reference however it is typed: 'MO/2026/00042', 'mo/2026/42', '2026/42', or just '42' (any year)."""
    text = text.strip()
    match = REFERENCE_RE.match(text)
    if match:
        return Q(reference=f"MO/{match[1]}/{int(match[2]):05d}")
    if text.isascii() and text.isdigit() and len(text) <= 7 and int(text) > 0:
        return Q(reference__endswith=f"/{int(text):05d}")
    return None


def search_cases(qs, text: str):
    """Full-text search over subject, summary, body and correspondent (PostgreSQL, with a GIN index); a simple
    'contains' search on SQLite. Also finds a case by its reference however it is typed, by the correspondent's
    phone number (spaces and brackets ignored) and by ward name."""
    text = (text or "").strip()
    if not text:
        return qs
    by_reference = reference_condition(text)
    if by_reference is not None and qs.filter(by_reference).exists():
        return qs.filter(by_reference)
    if text.upper().startswith("MO/"):
        return qs.filter(reference__iexact=text)
    digits = national_digits(text)
    if len(digits) >= 6 and re.fullmatch(r"[0-9 ()+\-.]+", text):
        # a phone number: compared as digits, so '020 7946 0000' finds '(020) 7946-0000'
        return qs.alias(_phone=_phone_digits_expression("correspondent__phone")).filter(_phone__contains=digits)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        qs = qs.annotate(_search=SearchVector("search_document", config=SEARCH_CONFIG))
        condition = Q(_search=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))
    else:
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(search_document__icontains=word)
    from mayoral_office.models import Ward

    ward_ids = list(Ward.objects.filter(name__iexact=text).values_list("pk", flat=True))
    if ward_ids:  # a ward's name: its cases too (only then an OR, so a word search keeps to the index)
        condition |= Q(ward_id__in=ward_ids)
    return qs.filter(condition)


def phone_digits(value: str) -> str:
    """A phone number as its digits only, so '020 7946 0000' and '(020) 79460000' compare equal."""
    return "".join(ch for ch in (value or "") if ch.isascii() and ch.isdigit())


def national_digits(value: str) -> str:
    """The part of a UK number that is the same however it is written: '+44 (0)20 7946 0000', '0044 20 7946 0000'
    and '020 7946 0000' all give '2079460000'."""
    digits = phone_digits(value)
    text = (value or "").strip()
    if text.startswith("+44"):
        digits = digits[2:]
    elif digits.startswith("0044"):
        digits = digits[4:]
    return digits.lstrip("0")


def _phone_digits_expression(field: str):
    from django.db.models import Value
    from django.db.models.functions import Replace

    expression = F(field)
    for character in (" ", "(", ")", "-", "+", "."):
        expression = Replace(expression, Value(character), Value(""))
    return expression


def possible_duplicates(user, case, limit: int = 5):
    """Cases that may be the same correspondence, or earlier cases from the same person:

    - the same correspondent record, or the same email address or phone number (any member, any time);
    - the same name and postcode (any member, any time);
    - the same name (not case-sensitive) to the same member within 30 days of this case;
    - the same subject to the same member within 90 days.
    """
    from casework.models import Case

    correspondent = case.correspondent
    same_person = Q(correspondent=correspondent)
    if correspondent.email:
        same_person |= Q(correspondent__email__iexact=correspondent.email)
    digits = national_digits(correspondent.phone)
    if len(digits) >= 9:
        same_person |= Q(_phone__endswith=digits)
    if correspondent.postcode and correspondent.name:
        same_person |= Q(
            correspondent__postcode__iexact=correspondent.postcode,
            correspondent__name__iexact=correspondent.name,
        )
    same_member = Q(member_id=case.member_id)
    if correspondent.name:
        same_person |= (
            same_member
            & Q(correspondent__name__iexact=correspondent.name.strip())
            & Q(received_at__gte=case.received_at - timedelta(days=30))
            & Q(received_at__lte=case.received_at + timedelta(days=30))
        )
    same_subject = same_member & Q(subject__iexact=case.subject, received_at__gte=case.received_at - timedelta(days=90))
    qs = Case.objects.visible_to(user)
    if len(digits) >= 9:
        qs = qs.alias(_phone=_phone_digits_expression("correspondent__phone"))
    return (
        qs.filter(same_person | same_subject)
        .exclude(pk=case.pk)
        .exclude(pk__in=case.related_cases.values("pk"))
        .filter(merged_into__isnull=True)
        .select_related("case_type", "correspondent", "member")
        .order_by("-received_at")[:limit]
    )


def allocatable_officers():
    """Officers a case can be allocated to: the office's officers (not interns, members or contacts)."""
    return (
        User.objects.filter(
            is_active=True,
            groups__name__in=[
                Role.HEAD_OF_OFFICE.label,
                Role.EXECUTIVE_SUPPORT.label,
                Role.CABINET_SUPPORT.label,
            ],
        )
        .distinct()
        .order_by("full_name")
    )


def members_for(user):
    """Members a user may log or file cases for."""
    qs = Member.objects.current()
    if sees_everything(user):
        return qs
    return qs.filter(pk__in=supported_member_ids(user))


def correspondent_cases(user, correspondent):
    return list_cases(user).filter(correspondent=correspondent).order_by("-received_at")


def contributions_for_contact(user):
    """Directorate contacts: the requests they answered or still have to answer (a request no longer needed
    drops out). Officers: every request on the cases they may see."""
    from casework.models import ContributionRequest

    qs = ContributionRequest.objects.visible_to(user)
    if is_directorate_contact(user):
        qs = qs.filter(no_longer_needed_at__isnull=True)
    return qs.select_related("case", "directorate", "requested_by").order_by("answered_at", "due_on")


def approvals_waiting_for(user):
    """Drafts awaiting this member's approval."""
    from casework.models import Draft

    member_id = getattr(getattr(user, "member", None), "pk", None)
    if not member_id:
        return Draft.objects.none()
    return Draft.objects.filter(state="submitted", case__member_id=member_id).select_related("case")


def member_summary(user, today: date | None = None):
    """Open, overdue and awaiting-approval counts per member, in one grouped query, through the same rule."""
    from casework.models import OPEN_STATUSES, Case

    today = today or timezone.localdate()
    open_q = Q(status__in=OPEN_STATUSES)
    return (
        Case.objects.visible_to(user)
        .values("member_id", "member__name", "member__title")
        .annotate(
            open=Count("pk", filter=open_q),
            overdue=Count("pk", filter=open_q & ~Q(status="on_hold") & Q(response_due__lt=today)),
            approval=Count("pk", filter=Q(status="awaiting_approval")),
            total=Count("pk"),
        )
        .order_by("member__name")
    )


def visible_correspondents(user):
    """Correspondents with at least one case the user may see (everyone, for the Head of Office)."""
    from casework.models import Case, Correspondent

    if sees_everything(user):
        return Correspondent.objects.all()
    return Correspondent.objects.filter(pk__in=Case.objects.visible_to(user).values("correspondent_id"))


def same_person(correspondent):
    """Correspondent records that are the same person: this one, and any with the same email address."""
    from casework.models import Correspondent

    q = Q(pk=correspondent.pk)
    if correspondent.email:
        q |= Q(email__iexact=correspondent.email)
    return Correspondent.objects.filter(q)


def home_work(user):
    """The signed-in user's casework to-do counts for the home page, through the same rules as the lists."""
    from django.urls import reverse

    from mayoral_office.registry import WorkItem

    if is_directorate_contact(user) or not user.is_authenticated:
        return []
    counts = queue_counts(user)
    url = reverse("casework:index")
    if getattr(user, "member", None) is not None and not may_work_on_cases(user):
        return [WorkItem("Responses awaiting your approval", counts["approval"], f"{url}?queue=approval")]
    rows = [
        WorkItem("My open cases", counts["mine"], f"{url}?queue=mine"),
        WorkItem("Overdue", counts["overdue"], f"{url}?queue=overdue"),
        WorkItem("Due this week", counts["week"], f"{url}?queue=week"),
        WorkItem("Awaiting member approval", counts["approval"], f"{url}?queue=approval"),
    ]
    if counts["unallocated"]:
        rows.insert(1, WorkItem("Unallocated", counts["unallocated"], f"{url}?queue=unallocated"))
    return rows
