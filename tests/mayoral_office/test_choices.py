"""A filter panel's options of the reference tables are kept between requests, and any change to those tables (or to
who holds which role) is in the very next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import CaseType
from mayoral_office import choices
from mayoral_office.models import Ward
from mayoral_office.roles import Role
from tests.mayoral_office.factories import UserFactory, WardFactory

pytestmark = pytest.mark.django_db


def options(client, name: str) -> list[str]:
    page = client.get(reverse("casework:index"), {"queue": "all"}).content.decode()
    select = page[page.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    return [part.split("<", 1)[0] for part in select.split(">")[2:] if part and not part.startswith("<")]


def test_kept_options_are_read_once_and_a_change_is_in_the_next_page(client, head):
    WardFactory(name="Bow East")
    client.force_login(head)
    assert "Bow East" in options(client, "ward")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("casework:index"), {"queue": "all"})
    assert not any('FROM "mayoral_office_ward"' in q["sql"] for q in queries.captured_queries)  # kept

    ward = Ward.objects.get(name="Bow East")
    ward.name = "Bow East and Mile End"
    ward.save()  # as the admin saves it
    assert "Bow East and Mile End" in options(client, "ward") and "Bow East" not in options(client, "ward")
    ward.delete()
    assert "Bow East and Mile End" not in options(client, "ward")
    CaseType.objects.create(name="Petition", code="PET", acknowledge_days=2, respond_days=10)
    assert "Petition" in options(client, "case_type")


def test_a_new_officer_and_a_change_of_role_are_in_the_next_page(client, head):
    client.force_login(head)
    assert "Omar Quaye" not in options(client, "officer")
    officer = UserFactory(role=Role.CABINET_SUPPORT, full_name="Omar Quaye")
    assert "Omar Quaye" in options(client, "officer")
    officer.groups.clear()  # no longer an officer a case can be allocated to
    assert "Omar Quaye" not in options(client, "officer")


def test_nothing_is_kept_where_processes_do_not_share_a_cache(settings):
    settings.PRODUCTION = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not choices.shared_cache()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}}
    assert choices.shared_cache()


def test_roles_and_permissions_are_kept_until_they_change(client, officer_a):
    """Every page asks what the user may do; the answer is kept between requests and a change of role, or of a
    role's permissions, is in the very next one."""
    from django.contrib.auth.models import Group, Permission

    client.force_login(officer_a)
    assert client.get(reverse("audit-trail")).status_code == 403
    head_role = Group.objects.get(name=Role.HEAD_OF_OFFICE.label)
    officer_a.groups.add(head_role)
    assert client.get(reverse("audit-trail")).status_code == 200
    officer_a.groups.remove(head_role)
    assert client.get(reverse("audit-trail")).status_code == 403
    their_role = officer_a.groups.get()
    audit = Permission.objects.get(codename="view_audit_trail")
    their_role.permissions.add(audit)
    assert client.get(reverse("audit-trail")).status_code == 200
    their_role.permissions.remove(audit)
    assert client.get(reverse("audit-trail")).status_code == 403


def test_a_transaction_that_changes_a_kept_table_keeps_what_it_reads_to_itself_until_it_commits(
    django_capture_on_commit_callbacks,
):
    """Between the save and the commit, the transaction reads the closure day it added (a deadline worked out in it
    skips the day), under a version of its own: another process, reading the rows committed so far, keeps them under
    the shared version, which the transaction does not read, and what the transaction keeps (the uncommitted day) no
    other process reads, so a rollback leaves nothing behind. The commit makes a new shared version."""
    from datetime import date

    from django.core.cache import cache

    from mayoral_office import working_days
    from mayoral_office.models import ClosureDay

    christmas_eve = date(2026, 12, 24)
    assert working_days.closure_days(christmas_eve, christmas_eve) == {}  # kept under the shared version
    shared = cache.get(choices.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ClosureDay.objects.create(date=christmas_eve, reason="Council closure")
        assert cache.get(choices.VERSION_KEY) == shared  # other processes: the committed rows' version
        assert choices.current_version() != shared
        assert working_days.closure_days(christmas_eve, christmas_eve) == {christmas_eve: "Council closure"}
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(choices.VERSION_KEY) != shared
    assert choices.current_version() == cache.get(choices.VERSION_KEY)  # the transaction's own version is done with
    assert working_days.closure_days(christmas_eve, christmas_eve) == {christmas_eve: "Council closure"}


def test_a_sign_in_leaves_what_is_kept_but_a_change_to_the_user_does_not(client, officer_a):
    """Signing in saves when the user last signed in, which nothing kept reads: under load every sign-in had every
    process read the kept tables again. A change that matters (a name) still does."""
    from mayoral_office.models import User

    version = choices.current_version()
    client.force_login(officer_a)
    assert User.objects.get(pk=officer_a.pk).last_login is not None
    assert choices.current_version() == version
    officer_a.full_name = "Joanna Kowalska-Smith"
    officer_a.save()
    assert choices.current_version() != version
