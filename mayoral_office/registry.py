"""What the apps tell the core about themselves. The core iterates these and never imports an app.

Each app registers from its `AppConfig.ready()`:

- a **section**: its entry in the menu and on the home page, with who may open it (the app's own policy);
- **home summaries**: the signed-in user's "my work" counts for the home page;
- **deadline recalculators**: called when a council closure day is added or removed, inside that transaction;
- **demo seeders**: what `seed_demo` runs, in order;
- **volume seeders**: what `seed_volume --scale N` runs, in order: years of records in bulk, for the benchmark;
- **personal data providers**: what the app holds about a person, for a subject access pack (the casework pack
  asks every provider, so it can include the diary's engagements without importing the diary).
- **background providers**: what the app knows about a ward, an organisation, a venue or a member's portfolio,
  for a briefing pack's proposed background (briefings asks every provider without importing casework);
- **record badges**: a status another app shows on one app's records (the briefing pack status on each diary
  engagement), computed from the records that own it, never copied;
- **change listeners**: told, inside the transaction, when a record another app depends on changes (a briefing
  pack's due date follows its engagement or meeting). Called explicitly by the changing service, not by a signal.
- **dashboard panels**: the app's figures for the dashboard (`<app>/dashboard.py`): tables of counts, each count
  linking to the filtered list behind it, computed in the database over what the viewer may see.
- **member views**: what a member sees of the app on their home page (drafts to approve, next engagements, packs,
  their portfolio's cases and decisions).
- **chase kinds**: what the app chases (a case's response target, an action past due), declared in the app's
  `chases.py`: mayoral_office/chasing.py writes the daily digests, escalations and alerts from them, and the home
  page's "Due and overdue" list reads the same selectors.

Registering twice is harmless (tests and `ready()` may run more than once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Section:
    app_label: str
    label: str
    description: str
    url_name: str
    allowed: Callable[[object], bool]  # user -> may open this section
    order: int = 100


@dataclass(frozen=True)
class WorkItem:
    """One line of a user's "my work" on the home page."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    seed: Callable[[object], object]  # seed(stdout): creates (or tops up) the app's demo records, idempotently
    order: int = 100


@dataclass(frozen=True)
class VolumeSeeder:
    """Bulk records for the benchmark (`manage.py seed_volume`), on top of the demo office. `seed(scale, rng)`
    inserts the app's share of ten years of a large borough's records (scale 1: the sizes in docs/performance.md)
    and returns {model label: rows inserted}."""

    name: str
    seed: Callable[[float, object], dict[str, int]]
    order: int = 100


@dataclass(frozen=True)
class DataSubject:
    """The person a subject access request is about, as the office knows them: every name, email address and
    phone number on their records (a provider matches on any of them)."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about a data subject.

    - `records`: JSON-serialisable dicts, one per thing held (an engagement, an invitation), each with at least
      "type" and "title"; they go into the pack's JSON and a CSV of their own, and are listed in the summary PDF.
    - `files`: (path, bytes) documents, put in the pack under `<app_label>/<path>`.
    - `review`: plain-English notes for the redaction review ("Engagement 12 names other guests"); a record may
      also carry "redaction_review": true and a "redaction_reason".
    """

    app_label: str
    label: str
    records: tuple[dict, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()
    review: tuple[str, ...] = ()


@dataclass(frozen=True)
class BackgroundQuery:
    """What a briefing pack's background is about. Each provider returns only records that every one of `readers`
    may see (their `visible_to`), and nothing confidential unless `confidential_allowed` (a pack that interns or
    other officers may read never lists a confidential record, whoever its named readers are)."""

    readers: tuple  # users
    today: date
    ward_id: int | None = None
    organisations: tuple[str, ...] = ()
    venue: str = ""
    member_ids: tuple[int, ...] = ()
    portfolio_ids: tuple[int, ...] = ()
    confidential_allowed: bool = False
    exclude: tuple[str, ...] = ()  # "app.model:pk" of the record the pack is for


@dataclass(frozen=True)
class BackgroundLine:
    """One thing the office already knows, as the background section lists it."""

    source: str  # "Casework", "Diary", "Decisions", "Briefings"
    kind: str  # "Open case", "Recent case", "Previous engagement", "Open action", "Pathway item", ...
    title: str
    reference: str
    url: str
    when: date | None = None
    detail: str = ""


@dataclass(frozen=True)
class Badge:
    """A status shown on another app's record: its words, its GOV.UK tag colour ("" for the default) and a link."""

    label: str
    colour: str = ""
    url: str = ""


@dataclass(frozen=True)
class ChaseItem:
    """One thing due for one person, as a chase kind's selector gives it. `title` goes into an email: for a
    confidential record it must say no more than its reference does ("Confidential case")."""

    model: str  # "casework.case": the record the item is about (its chase history is shown on its page)
    pk: int | str
    person_id: int | None  # who must do it; None when nobody does yet (it goes to the Head of Mayor's Office)
    due_on: date
    reference: str
    title: str
    url: str  # the item's page (a path)
    what: str = ""  # what is due, e.g. "Response", "Acknowledgement", "Your approval"


@dataclass(frozen=True)
class ChaseKind:
    """What one app chases. `items(horizon, person_ids)` returns the open items due on or before `horizon` (the
    core asks a few working days ahead, for the reminders before due), for those people only when `person_ids`
    is given, in a fixed number of queries however many items there are. An item done is simply no longer
    returned: its chase stops."""

    name: str  # "casework.response"
    app_label: str
    label: str  # the digest's heading for these items, e.g. "Case responses"
    items: Callable[[date, object], list[ChaseItem]]
    order: int = 100
    # For a kind that can hold thousands of one person's items (an officer's cases at volume): `soonest(horizon,
    # person_ids, n)` gives their first n by due date and how many there are in all, in one query, so a home page
    # that shows twenty does not build every line. The digests always read `items`.
    soonest: Callable[[date, object, int], tuple[list[ChaseItem], int]] | None = None


@dataclass(frozen=True)
class Period:
    """The dashboard's reporting period: `start` to `end`, both days included."""

    key: str  # "this_week", "last_week", "last_4_weeks", "year_to_date" or "custom"
    label: str
    start: date
    end: date
    today: date


@dataclass(frozen=True)
class Cell:
    """One cell of a dashboard table: a figure (a count, a percentage, an amount) or a label, and the filtered list
    behind it when there is one."""

    value: object
    url: str = ""
    display: str = ""  # how it reads when not simply the value ("96%", "£12,000.00")

    def __str__(self):
        return self.display or str(self.value)


@dataclass(frozen=True)
class Chart:
    """How a table is drawn: "bar" (one bar a row) or "line" (one point a row), with the series taken from the
    table's columns (by index)."""

    kind: str
    series: tuple[int, ...]
    stacked: bool = False
    horizontal: bool = False


@dataclass(frozen=True)
class Table:
    """A dashboard table: rows of cells under column headings. The first column names the row."""

    key: str  # unique on the dashboard, e.g. "casework.overdue_by_age" (its CSV and Excel file names)
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: Chart | None = None
    note: str = ""  # a line under the caption (how a figure is counted)


@dataclass(frozen=True)
class DashboardPanel:
    """One app's part of the dashboard. `tables(user, period)` returns its tables of figures, each counting only
    what the user may see (the app's `visible_to`), in a fixed number of queries whatever the volume; `allowed(user)`
    says whether the user sees the panel at all."""

    name: str
    app_label: str
    label: str
    tables: Callable[[object, Period], list[Table]]
    allowed: Callable[[object], bool]
    order: int = 100


@dataclass(frozen=True)
class MemberLine:
    """One line of a member's view: a record, where it is, when, and a word more."""

    title: str
    url: str
    when: object = None  # a date or a datetime
    detail: str = ""


@dataclass(frozen=True)
class MemberViewSection:
    """One part of the member's view on their home page (their drafts to approve, their next engagements...): the
    first few lines, how many there are in all, and the list with them all."""

    label: str
    lines: tuple[MemberLine, ...]
    count: int
    more_url: str = ""
    empty: str = "None at the moment."
    order: int = 100
    replaces_chase: str = ""  # a chase kind's name whose lines this section lists already (home shows them once)


@dataclass(frozen=True)
class SearchHit:
    """One record the header search found: what it is called, its page, and a word more (its reference, date)."""

    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchProvider:
    """One kind of record the header search finds. `find(user, text, limit)` returns the first `limit` records of
    the kind that match and that the user may see (the app's `visible_to`), and how many match in all, in a fixed
    number of queries. `more_url(text)`: the app's own list searched for the same words, for "see all"."""

    name: str  # "casework.case"
    label: str  # "Cases": the group's heading
    find: Callable[[object, str, int], tuple[list[SearchHit], int]]
    allowed: Callable[[object], bool] = lambda user: True
    more_url: Callable[[str], str] | None = None
    order: int = 100


_sections: dict[str, Section] = {}
_background_providers: dict[str, Callable[[BackgroundQuery], list[BackgroundLine]]] = {}
_badge_providers: dict[str, dict[str, Callable]] = {}
_change_listeners: dict[str, dict[str, Callable]] = {}
_home_summaries: dict[str, Callable[[object], list[WorkItem]]] = {}
_recalculators: dict[str, Callable[..., int]] = {}
_seeders: dict[str, DemoSeeder] = {}
_volume_seeders: dict[str, VolumeSeeder] = {}
_personal_data_providers: dict[str, Callable[[DataSubject], PersonalData | None]] = {}
_record_histories: dict[str, tuple[type, Callable]] = {}
_chase_kinds: dict[str, ChaseKind] = {}
_dashboard_panels: dict[str, DashboardPanel] = {}
_member_views: dict[str, Callable] = {}
_search_providers: dict[str, SearchProvider] = {}
_directory_histories: dict[str, Callable] = {}


def _key(fn) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def register_section(section: Section) -> None:
    _sections[section.app_label] = section


def register_home_summary(fn: Callable[[object], list[WorkItem]]) -> Callable:
    _home_summaries[_key(fn)] = fn
    return fn


def register_deadline_recalculator(fn: Callable[..., int]) -> Callable:
    """fn(*, actor, changed_day, note) -> how many records moved."""
    _recalculators[_key(fn)] = fn
    return fn


def register_demo_seeder(seeder: DemoSeeder) -> None:
    _seeders[seeder.name] = seeder


def register_volume_seeder(seeder: VolumeSeeder) -> None:
    _volume_seeders[seeder.name] = seeder


def register_personal_data_provider(fn: Callable[[DataSubject], PersonalData | None]) -> Callable:
    """fn(subject: DataSubject) -> PersonalData, or None when the app holds nothing about them. It reads only,
    sees everything (the pack is produced by the Head of Mayor's Office), and must not fail for a stranger."""
    _personal_data_providers[_key(fn)] = fn
    return fn


def register_record_history(model: type, readable: Callable) -> None:
    """A record page's History: `readable(user)` is the queryset of these records whose changes the user may read
    (their `visible_to`, less anything shown to them only in part, such as a private engagement shown as Busy)."""
    _record_histories[model._meta.label_lower] = (model, readable)


def register_background_provider(fn: Callable[[BackgroundQuery], list[BackgroundLine]]) -> Callable:
    _background_providers[_key(fn)] = fn
    return fn


def register_badges(record: str, fn: Callable) -> Callable:
    """fn(user, records) -> {record pk: Badge} for the records (of "app_label.model") the user is looking at, in
    a constant number of queries however many records there are."""
    _badge_providers.setdefault(record, {})[_key(fn)] = fn
    return fn


def register_change_listener(record: str, fn: Callable) -> Callable:
    """fn(*, actor, record) when a record of "app_label.model" changed (called inside the changing transaction)."""
    _change_listeners.setdefault(record, {})[_key(fn)] = fn
    return fn


def register_chase_kind(kind: ChaseKind) -> None:
    _chase_kinds[kind.name] = kind


@dataclass(frozen=True)
class DirectoryQuery:
    """Who a directory page is about, as the apps' records name them: the names an organisation or a person goes by
    (a case's correspondent, an engagement's organiser, an action's words) and their email addresses."""

    names: tuple[str, ...]
    emails: tuple[str, ...] = ()
    people: tuple[int, ...] = ()  # the directory's people it is about (an organisation: those in it)


def register_directory_history(fn: Callable) -> Callable:
    """fn(user, DirectoryQuery) -> [MemberViewSection]: the app's records about a stakeholder or organisation, as
    the user may see them (its `visible_to`), for the directory page's history, in a fixed number of queries."""
    _directory_histories[_key(fn)] = fn
    return fn


HISTORY_LINES = 8


def history_section(label: str, found, line: Callable[[object], MemberLine], *, order: int) -> MemberViewSection:
    """A directory page's section from an app's records (a queryset, already through `visible_to`): the first few
    as lines, and how many in all."""
    lines = tuple(line(record) for record in found[:HISTORY_LINES])
    return MemberViewSection(label, lines, found.count(), empty=f"No {label.lower()}.", order=order)


def directory_history(user, query: DirectoryQuery) -> list[MemberViewSection]:
    found = [section for fn in _directory_histories.values() for section in fn(user, query)]
    return sorted(found, key=lambda s: s.order)


def register_search_provider(provider: SearchProvider) -> None:
    _search_providers[provider.name] = provider


def register_dashboard_panel(panel: DashboardPanel) -> None:
    _dashboard_panels[panel.name] = panel


def register_member_view(fn: Callable) -> Callable:
    """fn(user, member, today) -> [MemberViewSection]: what the app shows a member (the signed-in user's own member
    record) on their home page, through the app's `visible_to`, in a fixed number of queries."""
    _member_views[_key(fn)] = fn
    return fn


# --- what the core reads --------------------------------------------------------------------------------------
def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.label))


def sections_for(user) -> list[Section]:
    """The parts of the service this user works in (the menu, the home page, and the sections' own checks)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return [section for section in sections() if section.allowed(user)]


def may_open_section(user, app_label: str) -> bool:
    section = _sections.get(app_label)
    return section is not None and user is not None and user.is_authenticated and section.allowed(user)


def app_labels() -> list[str]:
    return [section.app_label for section in sections()]


def home_work(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    for fn in _home_summaries.values():
        items.extend(fn(user))
    return items


def recalculate_open_deadlines(*, actor, changed_day: date, note: str) -> int:
    """Ask every app to move its open deadlines after a closure day changed; returns how many records moved."""
    return sum(fn(actor=actor, changed_day=changed_day, note=note) for fn in _recalculators.values())


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))


def volume_seeders() -> list[VolumeSeeder]:
    return sorted(_volume_seeders.values(), key=lambda s: (s.order, s.name))


def personal_data_for(subject: DataSubject) -> list[PersonalData]:
    """What every registered app holds about the person, in the order the apps registered; apps holding nothing
    are left out."""
    found = [fn(subject) for fn in _personal_data_providers.values()]
    return [data for data in found if data is not None and (data.records or data.files)]


def record_history(app_label: str, model_name: str):
    """(model, readable) for a record type with a History page, or None."""
    return _record_histories.get(f"{app_label}.{model_name}".lower())


def background_for(query: BackgroundQuery) -> list[BackgroundLine]:
    lines: list[BackgroundLine] = []
    for fn in _background_providers.values():
        lines.extend(fn(query))
    return lines


def badges_for(record: str, user, records) -> dict[int, Badge]:
    """The badges every provider gives these records (the last provider wins for a record two of them mark)."""
    found: dict[int, Badge] = {}
    records = list(records)
    if records:
        for fn in _badge_providers.get(record, {}).values():
            found.update(fn(user, records))
    return found


def announce_change(record: str, *, actor, obj) -> None:
    """Tell the apps that depend on `obj` (of "app_label.model") that it changed."""
    for fn in _change_listeners.get(record, {}).values():
        fn(actor=actor, record=obj)


def chase_kinds() -> list[ChaseKind]:
    return sorted(_chase_kinds.values(), key=lambda k: (k.order, k.name))


def dashboard_panels(user) -> list[DashboardPanel]:
    """The dashboard panels this user may see, in order."""
    found = sorted(_dashboard_panels.values(), key=lambda p: (p.order, p.name))
    return [panel for panel in found if panel.allowed(user)]


def member_view(user, member, today: date) -> list[MemberViewSection]:
    found = [section for fn in _member_views.values() for section in fn(user, member, today)]
    return sorted(found, key=lambda s: s.order)


def search_providers(user) -> list[SearchProvider]:
    """What the header search looks through for this user, in order."""
    found = sorted(_search_providers.values(), key=lambda p: (p.order, p.name))
    return [provider for provider in found if provider.allowed(user)]
