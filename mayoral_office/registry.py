"""What the apps tell the core about themselves. The core iterates these and never imports an app.

Each app registers from its `AppConfig.ready()`:

- a **section**: its entry in the menu and on the home page, with who may open it (the app's own policy);
- **home summaries**: the signed-in user's "my work" counts for the home page;
- **deadline recalculators**: called when a council closure day is added or removed, inside that transaction;
- **demo seeders**: what `seed_demo` runs, in order.

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


_sections: dict[str, Section] = {}
_home_summaries: dict[str, Callable[[object], list[WorkItem]]] = {}
_recalculators: dict[str, Callable[..., int]] = {}
_seeders: dict[str, DemoSeeder] = {}


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
