"""Personas every test can use, named after the people of DESIGN.md section 1.

- head: the Head of Mayor's Office (sees everything)
- member_a / member_b: two Cabinet Members; member_a_user signs in as member_a
- officer_a: a Cabinet Support Officer who supports member_a; officer_b supports member_b
- exec_officer: an Executive Support Officer who supports the Mayor
- mayor: the Mayor (a Member)
- directorate_contact: a contact in `directorate`
- intern: supports member_a, draft-only
"""

import os
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mayoral_office.models import Member
from mayoral_office.roles import Role
from tests.mayoral_office.factories import (
    DirectorateFactory,
    MemberFactory,
    SupportAssignmentFactory,
    UserFactory,
)

LONDON = ZoneInfo("Europe/London")
# The instant the `clock` fixture starts at unless a test says otherwise: a Wednesday of a plain working week, with
# no bank holiday within a fortnight either side.
DEFAULT_NOW = "2026-12-02 10:00"


def london(moment: str | datetime) -> datetime:
    """'2026-12-26 09:30' (or a naive datetime) as that wall-clock time in London."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("MO_TEST_CLOCK", ""),
        help="Run the whole suite with the clock starting at this London time, e.g. '2026-12-26 09:30' (a Saturday, "
        "Boxing Day): the suite must pass whatever the day. Tests that use the `clock` fixture set their own.",
    )
    parser.addoption(
        "--unpinned-only",
        action="store_true",
        help="With --clock: run only the tests that do not pin their own clock (the others run the same on any day).",
    )


def pytest_collection_modifyitems(config, items):
    """`--clock ... --unpinned-only` (CI's pass on another day): only the tests that read the machine's clock. A test
    using the `clock` fixture travels to its own time, so it runs exactly the same whatever day the suite runs on,
    and running it again there would prove nothing; the deselected ones are counted in the summary."""
    if not (config.getoption("--clock") and config.getoption("--unpinned-only")):
        return
    pinned = [item for item in items if "clock" in getattr(item, "fixturenames", ())]
    if pinned:
        config.hook.pytest_deselected(items=pinned)
        items[:] = [item for item in items if "clock" not in getattr(item, "fixturenames", ())]


def pytest_configure(config):
    """Hash test passwords quickly: the production hasher (PBKDF2, a million rounds) costs about half a second per
    user, and the suite makes hundreds. Sign-in still goes through the real form and backends."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if config.getoption("--clock"):
        config._office_clock = time_machine.travel(london(config.getoption("--clock")), tick=True)
        config._office_clock.start()


def pytest_report_header(config):
    if getattr(config, "_office_clock", None):
        return f"clock: the whole run starts at {config.getoption('--clock')} (London)"
    return None


def pytest_unconfigure(config):
    if getattr(config, "_office_clock", None):
        config._office_clock.stop()


@dataclass
class Clock:
    """The frozen clock of one test: it starts at the test's `@pytest.mark.clock("...")` time (or DEFAULT_NOW) and
    ticks on from there, so the date is the same on every day the suite runs."""

    traveller: object

    def now(self) -> datetime:
        from django.utils import timezone

        return timezone.now()

    @property
    def today(self) -> date:
        from django.utils import timezone

        return timezone.localdate()

    def move_to(self, moment: str | datetime) -> None:
        self.traveller.move_to(london(moment))

    def shift(self, **delta) -> None:
        self.traveller.shift(timedelta(**delta))


@pytest.fixture
def clock(request):
    """Use in every test that touches dates: no test reads the real today."""
    marker = request.node.get_closest_marker("clock")
    with time_machine.travel(london(marker.args[0] if marker else DEFAULT_NOW), tick=True) as traveller:
        yield Clock(traveller)


@pytest.fixture
def small_demo(monkeypatch):
    """seed_demo with 40 demo cases instead of 320: the same code paths, a tenth of the time."""
    monkeypatch.setattr("casework.demo.TARGET", 40)


@pytest.fixture
def head(db):
    return UserFactory(role=Role.HEAD_OF_OFFICE, full_name="Catherine Doyle", is_staff=True)


@pytest.fixture
def mayor(db):
    user = UserFactory(role=Role.MEMBER, full_name="Mayor Amina Rahman")
    MemberFactory(name="Mayor Amina Rahman", office=Member.Office.MAYOR, title="Executive Mayor", user=user)
    return user


@pytest.fixture
def member_a(db):
    return MemberFactory(name="Cllr Alice Able")


@pytest.fixture
def member_b(db):
    return MemberFactory(name="Cllr Bob Baker")


@pytest.fixture
def member_a_user(member_a):
    user = UserFactory(role=Role.MEMBER, full_name=member_a.name)
    member_a.user = user
    member_a.save()
    return user


@pytest.fixture
def officer_a(member_a):
    officer = UserFactory(role=Role.CABINET_SUPPORT, full_name="Joanna Kowalska")
    SupportAssignmentFactory(officer=officer, member=member_a)
    return officer


@pytest.fixture
def officer_b(member_b):
    officer = UserFactory(role=Role.CABINET_SUPPORT, full_name="Yusuf Ali")
    SupportAssignmentFactory(officer=officer, member=member_b)
    return officer


@pytest.fixture
def exec_officer(mayor):
    officer = UserFactory(role=Role.EXECUTIVE_SUPPORT, full_name="Rupa Sen")
    SupportAssignmentFactory(officer=officer, member=mayor.member)
    return officer


@pytest.fixture
def directorate(db):
    return DirectorateFactory(name="Housing and Regeneration", code="HOR")


@pytest.fixture
def directorate_contact(directorate):
    return UserFactory(role=Role.DIRECTORATE_CONTACT, full_name="Aisha Patel", directorate=directorate)


@pytest.fixture
def intern(member_a):
    user = UserFactory(role=Role.INTERN, full_name="Ella Thompson")
    SupportAssignmentFactory(officer=user, member=member_a)
    return user


# --- Browser tests -------------------------------------------------------------------------------------------
class _OneRequestAtATime:
    """The live server's WSGI application, entered by one request at a time.

    On in-memory SQLite, Django gives every thread of the live server the test's one database connection
    (connections_override), and with it one transaction state. Two requests at once (the diary's htmx conflict
    check fires as the form it watches is submitted) interleave their atomic blocks on that connection, and the
    commit of one can lose the other's on_commit work: the calendar email a change sends. A file database would
    serialise them with its locks; this does the same for the shared connection. PostgreSQL keeps the threaded
    server as it is."""

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.application(environ, start_response)
            try:
                return list(response)  # the body too is built under the lock (a streamed export reads the database)
            finally:
                if hasattr(response, "close"):
                    response.close()


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time():
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class Server(ThreadedWSGIServer):
        def set_app(self, application):
            super().set_app(_OneRequestAtATime(application))

    original = LiveServerThread.server_class
    LiveServerThread.server_class = Server
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def chromium():
    import os

    from tests.browser.support import CHROMIUM, CHROMIUM_FLAGS

    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: on CI's PostgreSQL + Redis pass the cache outlives the run (a PDF,
    feed or kept list from an earlier run, or an earlier test, must not answer for this one)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


# --- Celery ----------------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True, scope="session")
def celery_eager():
    """Tests run tasks in-process, even when REDIS_URL is set; test_celery_redis.py drives a real worker over
    Redis on CI's PostgreSQL + Redis pass."""
    from mayoral_office.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app


@pytest.fixture
def seeded_after_flush(transactional_db):
    """Transactional tests flush the database when they end, which removes the data migrations' rows (roles,
    case types, decision-making bodies). pytest-django runs them after the other database tests; this puts the
    rows back first."""
    from importlib import import_module

    from django.apps import apps

    roles = import_module("mayoral_office.migrations.0002_roles")
    case_types = import_module("casework.migrations.0003_seed_case_types")
    bodies = import_module("decisions.migrations.0002_seed_bodies_and_stages")
    procurement_rules = import_module("procurement.migrations.0002_seed_rules")
    roles.create_roles(apps, None)
    case_types.seed(apps, None)
    bodies.seed(apps, None)
    procurement_rules.seed(apps, None)
