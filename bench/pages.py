"""The key pages of the benchmark, and the records they are opened on, found in whatever volume database is there.

`key_pages` is also the list the suite checks for query counts that do not grow with data
(tests/test_bench_pages.py), so a page added here is covered there too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count
from django.test import Client
from django.utils import timezone

# The project's settings, with the bench's admin URLs, the test client's host and emails kept in memory.
BENCH_SETTINGS = {
    "ROOT_URLCONF": "bench.urls",
    "ALLOWED_HOSTS": ["*"],
    "MFA_REQUIRED": False,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}
EXPORT_ROWS = 50_000  # the export measured for memory: about this many rows


PAGE, DOWNLOAD, DOCUMENT = "page", "download", "document"


@dataclass
class Page:
    """A page is judged by its server time. A download (an export, streamed) by its time to the first byte, with the
    whole download's time printed beside; a document (a PDF) by the time WeasyPrint takes for each of its pages the
    first time it is made, with the repeat (from the cache) printed beside. docs/decisions/0006."""

    name: str
    path: str
    rows: Callable[[bytes], int] | None = None  # how to count the rows of an export
    kind: str = PAGE


@dataclass
class Subjects:
    users: dict = field(default_factory=dict)  # role -> User: "cso" and "head"
    superuser: object = None
    case_type_id: int = 0
    mayor_member_id: int = 0
    members: dict = field(default_factory=dict)  # role -> the member whose diary they open (the Mayor if they may)
    feed_token: str = ""
    surname: str = ""
    export_from: str = ""  # received_from giving about EXPORT_ROWS rows for the Head of Mayor's Office
    cases: dict = field(default_factory=dict)  # role -> {"long": pk, "letter": pk, "reference": str}
    meetings: dict = field(default_factory=dict)  # role -> the CLT meeting with the longest agenda they may see
    member_user: object = None  # a member who signs in (the Mayor if they do): their home page is their member view


def find_subjects() -> Subjects:
    """The people and records the pages are opened on. Makes, if missing, a feed address for the Mayor and a
    superuser for the admin comparison: the bench database is the bench's own."""
    from casework.models import Case, CaseEvent, Correspondent, Draft, Sensitivity
    from diary.models import FeedToken
    from mayoral_office.access import sees_everything, supported_member_ids
    from mayoral_office.models import Member, User
    from mayoral_office.roles import Role

    s = Subjects()
    s.users["cso"] = User.objects.filter(groups__name=Role.CABINET_SUPPORT.label, is_active=True).order_by("pk").first()
    s.users["head"] = User.objects.filter(groups__name=Role.HEAD_OF_OFFICE.label, is_active=True).order_by("pk").first()
    s.superuser = User.objects.filter(email="bench-admin@example.gov.uk").first() or User.objects.create_superuser(
        email="bench-admin@example.gov.uk", password=None, full_name="Bench admin"
    )
    s.case_type_id = Case.objects.values("case_type").annotate(n=Count("pk")).order_by("-n")[0]["case_type"]
    mayor = Member.objects.filter(office=Member.Office.MAYOR).order_by("pk").first() or Member.objects.first()
    s.mayor_member_id = mayor.pk
    s.member_user = mayor.user or User.objects.filter(member__isnull=False, is_active=True).order_by("pk").first()
    token = FeedToken.objects.filter(member=mayor, revoked_at__isnull=True).first()
    s.feed_token = (token or FeedToken.objects.create(member=mayor)).token
    # the first 20,000 by key: without an order, the rows a load test had updated came back elsewhere and another
    # surname won (one whose word is also in 9% of cases' text: docs/performance.md)
    names = Correspondent.objects.order_by("pk").values_list("name", flat=True)[:20000]
    surnames = Counter(name.split()[-1] for name in names)
    s.surname = surnames.most_common(1)[0][0]
    newest = Case.objects.order_by("-received_at").values_list("received_at", flat=True)
    cutoff = newest[min(EXPORT_ROWS, newest.count()) - 1]
    s.export_from = timezone.localtime(cutoff).date().isoformat()
    long_cases = list(
        CaseEvent.objects.values("case_id").annotate(n=Count("pk")).filter(n__gte=40).order_by("-n")[:500]
    )
    long_ids = [row["case_id"] for row in long_cases]
    letter_ids = Draft.objects.values_list("case_id", flat=True)
    for role, user in s.users.items():
        supported = sorted(supported_member_ids(user))
        s.members[role] = mayor.pk if sees_everything(user) or mayor.pk in supported else supported[0]
        visible = Case.objects.visible_to(user)
        long_case = visible.filter(pk__in=long_ids).order_by("pk").first() or visible.order_by("-pk").first()
        # a standard case (a confidential one's letter also logs the read: another page's query count)
        letter_case = (
            visible.filter(pk__in=letter_ids[:5000], sensitivity=Sensitivity.STANDARD).order_by("-pk").first()
            or long_case
        )
        s.cases[role] = {"long": long_case.pk, "letter": letter_case.pk, "reference": long_case.reference}
        s.meetings[role] = _longest_agenda(user)
    return s


def _longest_agenda(user) -> int | None:
    """A meeting of the Corporate Leadership Team the user may see, with the most agenda items (among the last
    thousand): the agenda page and pack an officer opens most."""
    from decisions.models import Meeting

    meetings = Meeting.objects.visible_to(user).filter(body__short_name="CLT").order_by("-starts_at")[:1000]
    found = (
        Meeting.objects.filter(pk__in=meetings.values("pk"))
        .annotate(n=Count("agenda_items"))
        .order_by("-n", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return found


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_rows(body: bytes) -> int:
    return max(body.count(b"\n") - 1, 0)


def queue_path(**params) -> str:
    return "/casework/?" + urlencode(params)


def key_pages(s: Subjects, role: str) -> list[Page]:
    """The pages a user of the role opens every day (the audit trail and access log only for those who may)."""
    from django.contrib.contenttypes.models import ContentType

    from casework import selectors
    from casework.models import CaseEvent
    from mayoral_office.access import has_perm

    user = s.users[role]
    case = s.cases[role]
    today = timezone.localdate()
    export_query = urlencode({"queue": "open", "case_type": s.case_type_id})
    pages = [Page("home", "/")]
    for key, label in selectors.queues_for(user):
        pages.append(Page(f"queue: {label}", queue_path(queue=key, case_type=s.case_type_id, ordering="due")))
    pages += [
        Page("queue: all open, page 200, by due date", queue_path(queue="open", ordering="due", page=200)),
        Page("case with a long timeline", f"/casework/{case['long']}/"),
        Page("search: a common surname", queue_path(queue="all", q=s.surname)),
        Page("search: a reference", queue_path(queue="all", q=case["reference"])),
        Page("search: a reference they cannot see", queue_path(queue="all", q="MO/2019/99999")),
        Page("cases by member", "/casework/by-member/"),
        Page("export CSV: open cases of a type", f"/casework/export.csv?{export_query}", csv_rows, kind=DOWNLOAD),
        Page("export XLSX: open cases of a type", f"/casework/export.xlsx?{export_query}", kind=DOWNLOAD),
    ]
    if has_perm(user, "view_audit_trail"):
        # the entries of one record type (which kinds of linked record a page shows, one query each, is then the
        # same at every volume): what was added to cases' timelines, newest first
        timeline = ContentType.objects.get_for_model(CaseEvent).pk
        pages += [
            Page("audit trail: timeline entries added", f"/audit/?content_type={timeline}"),
            Page("access log", "/audit/access-log/"),
        ]
    member = s.members[role]
    pages += [
        Page("diary: day", f"/diary/day/?member=all&date={today}"),
        Page("diary: week", f"/diary/week/?member=all&date={today}"),
        Page("diary: month", f"/diary/month/?member={member}&date={today}"),
        Page("diary: forward look", "/diary/forward-look/"),
        Page("diary: invitations", "/diary/invitations/"),
        Page("diary: the Mayor's iCalendar feed", f"/diary/feed/{s.feed_token}.ics"),
        Page("response letter PDF", f"/casework/{case['letter']}/letter.pdf", kind=DOCUMENT),
        Page(
            "week-ahead PDF",
            f"/diary/week-ahead.pdf?member={member}&date={today + timedelta(days=7)}",
            kind=DOCUMENT,
        ),
        Page("decisions: meetings to come", "/decisions/meetings/?when=coming"),
        Page("decisions: pathway", "/decisions/pathway/"),
        Page("decisions: Forward Plan", "/decisions/forward-plan/"),
        Page("decisions: register", "/decisions/register/"),
        Page("decisions: action tracker, still open, by due date", "/decisions/actions/?status=still_open"),
        Page("decisions: my actions", "/decisions/actions/?mine=1"),
    ]
    meeting = s.meetings.get(role)
    if meeting:
        pages += [
            Page("decisions: a CLT meeting's agenda", f"/decisions/meetings/{meeting}/"),
            Page("agenda pack PDF", f"/decisions/meetings/{meeting}/agenda.pdf", kind=DOCUMENT),
        ]
    pages += [
        Page("dashboard", "/dashboard/"),
        Page("dashboard: year to date", "/dashboard/?period=year_to_date"),
    ]
    pages += briefing_pages(user)
    pages += procurement_pages(user)
    return pages


def member_pages(s: Subjects) -> list[Page]:
    """What a member opens: their home page, with their member view (drafts to approve, engagements, packs, cases,
    decisions). Measured signed in as the member (role "member")."""
    return [Page("home: a member's view", "/")] if s.member_user else []


def export_pages(s: Subjects) -> list[Page]:
    """The exports measured for memory: about EXPORT_ROWS rows, as the Head of Mayor's Office."""
    query = urlencode({"queue": "all", "received_from": s.export_from})
    return [
        Page("export CSV, about 50,000 rows", f"/casework/export.csv?{query}", csv_rows),
        Page("export XLSX, about 50,000 rows", f"/casework/export.xlsx?{query}"),
    ]


def admin_comparison(s: Subjects) -> list[tuple[Page, Page]]:
    """Our queue and the Django admin changelist with the same filter, ordering and page size."""
    from casework.models import OPEN_STATUSES

    open_statuses = ",".join(OPEN_STATUSES)
    ours = queue_path(queue="open", case_type=s.case_type_id, ordering="due")
    theirs = "/bench-admin/casework/case/?" + urlencode(
        {"status__in": open_statuses, "case_type__id__exact": s.case_type_id}
    )
    deep_ours = queue_path(queue="open", ordering="due", page=200)
    deep_theirs = "/bench-admin/casework/case/?" + urlencode({"status__in": open_statuses, "p": 200})
    return [
        (Page("queue: open cases of a type, by due date", ours), Page("admin changelist, same", theirs)),
        (Page("queue: open cases, page 200, by due date", deep_ours), Page("admin changelist, page 200", deep_theirs)),
    ]


def volume() -> dict[str, int]:
    from casework.models import Case, CaseEvent, ContributionRequest, Correspondent
    from decisions.models import Action, AgendaItem, Meeting, PathwayItem
    from diary.models import Engagement, Invitation

    return {
        model._meta.label: model.objects.count()
        for model in (
            Case,
            CaseEvent,
            Correspondent,
            ContributionRequest,
            Engagement,
            Invitation,
            Meeting,
            AgendaItem,
            Action,
            PathwayItem,
        )
    }


# --- briefings (issue 12) ---------------------------------------------------------------------------------------
def briefing_pages(user) -> list[Page]:
    """The pack list, and the page of the pack with the most sections among the first fifty the user may open (the
    same pack however much volume is added on top)."""
    from briefings.models import Pack

    first = Pack.objects.visible_to(user).order_by("pk").values("pk")[:50]
    pack = (
        Pack.objects.filter(pk__in=first)
        .annotate(n=Count("sections"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    found = [Page("briefings: pack list", "/briefings/packs/")]
    if pack:
        found.append(Page("briefings: a pack's page", f"/briefings/packs/{pack}/"))
    return found


# --- procurement (issue 13) -------------------------------------------------------------------------------------
def procurement_pages(user) -> list[Page]:
    """The requisition list, the page of the requisition with the most lines among the first fifty invoiced ones the
    user may see (the same one however much volume is added on top; invoiced, so that the page shows the whole
    story, and the same story at every volume: a draft of the user's own shows other things), and the budget report
    of this financial year."""
    from procurement.models import Requisition, Status

    visible = Requisition.objects.visible_to(user).order_by("pk")
    invoiced = visible.filter(status=Status.INVOICED)
    first = (invoiced if invoiced.exists() else visible).values("pk")[:50]
    requisition = (
        Requisition.objects.filter(pk__in=first)
        .annotate(n=Count("lines"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    found = [Page("procurement: requisition list", "/procurement/requisitions/")]
    if requisition:
        found.append(Page("procurement: a requisition's page", f"/procurement/requisitions/{requisition}/"))
    found.append(Page("procurement: budget report", "/procurement/reports/budget/"))
    return found
