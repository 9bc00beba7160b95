"""Acceptance 4 (issue 11): incident log entries cannot be changed or deleted by raw SQL (the database refuses them:
migration decisions/0003), and a row altered with the trigger disabled is reported by `verify_incident_logs`.

The DELETE refusal is PostgreSQL's only (docs/decisions/0007-incident-log-append-only.md): CI runs this file on
PostgreSQL too. Every other test here runs on both databases."""

import importlib
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from decisions.incidents import Reason, verify
from decisions.models import IncidentEntry
from decisions.services import incidents as services
from tests.decisions.factories import at

pytestmark = pytest.mark.django_db

TRIGGERS = importlib.import_module("decisions.migrations.0003_incident_entries_append_only")
TABLE = TRIGGERS.TABLE
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger is PostgreSQL's")


@contextmanager
def trigger_disabled():
    """Behind the app's back: the append-only trigger off (PostgreSQL: disabled by the table's owner; SQLite: dropped)
    for the block, then put back. Inside the test's transaction, so nothing outlives the test."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own inserts still have their deferred foreign key checks pending, and ALTER TABLE waits for
            # none: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGERS.PG_TRIGGER}")
        else:
            for sql in TRIGGERS.statements(connection.vendor, create=False):
                cursor.execute(sql)
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGERS.PG_TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for sql in TRIGGERS.statements(connection.vendor, create=True):
                cursor.execute(sql)


def tamper(entry: IncidentEntry, **columns) -> None:
    """Change an entry's columns in the database directly, with the trigger disabled."""
    assignments = ", ".join(f"{name} = %s" for name in columns)
    with trigger_disabled() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*columns.values(), entry.pk])


def remove(entry: IncidentEntry) -> None:
    with trigger_disabled() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])


def write_log(actor, count: int = 3):
    incident = services.incident_open(actor=actor, title="Gas leak, Market Street", started_at=at(2026, 12, 2, 6))
    entries = [
        services.incident_write(
            actor=actor,
            incident=incident,
            kind="event",
            happened_at=at(2026, 12, 2, 6, 10 + i),
            what_happened=f"Report {i + 1} from the scene",
            source="Fire and Rescue",
        )
        for i in range(count)
    ]
    return incident, entries


def _refused(sql: str, params) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- The database refuses -------------------------------------------------------------------------------------
def test_a_raw_sql_update_is_refused_by_the_database(exec_officer):
    incident, (first, *_) = write_log(exec_officer)
    _refused(f"UPDATE {TABLE} SET what_happened = %s WHERE id = %s", ["Nothing happened", first.pk])
    _refused(f"UPDATE {TABLE} SET written_at = written_at WHERE incident_id = %s", [incident.pk])  # even a no-op
    first.refresh_from_db()
    assert first.what_happened == "Report 1 from the scene"


def test_the_orm_cannot_change_an_entry_either(exec_officer):
    _, (first, *_) = write_log(exec_officer)
    first.what_happened = "Rewritten"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        first.save()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        IncidentEntry.objects.filter(pk=first.pk).update(source="Someone else")
    assert verify(first.incident).ok


@on_postgresql
def test_a_raw_sql_delete_is_refused_by_postgresql(exec_officer):
    incident, (first, second, third) = write_log(exec_officer)
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", [third.pk])
    _refused(f"DELETE FROM {TABLE} WHERE incident_id = %s", [incident.pk])
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        IncidentEntry.objects.filter(pk=third.pk).delete()
    assert incident.entries.count() == 3


@on_postgresql
def test_the_trigger_names_the_operation_and_the_entry(exec_officer):
    _, (first, *_) = write_log(exec_officer, count=1)
    with pytest.raises(IntegrityError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET source = 'x' WHERE id = %s", [first.pk])
    assert f"UPDATE of entry {first.pk} refused (write a correction instead)" in str(refused.value)


def test_the_trigger_is_back_after_the_tampering_helper(exec_officer):
    _, (first, *_) = write_log(exec_officer, count=1)
    tamper(first, source="Someone else")
    _refused(f"UPDATE {TABLE} SET source = %s WHERE id = %s", ["Again", first.pk])


# --- What verify finds ----------------------------------------------------------------------------------------
def _run_command(*args) -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("verify_incident_logs", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def test_the_verify_command_passes_intact_logs(exec_officer):
    write_log(exec_officer)
    write_log(exec_officer, count=1)
    out, failed = _run_command()
    assert failed is None
    assert out.count("Verified: the log is intact") == 2
    assert "2 incident logs verified: intact" in out


def test_a_row_altered_with_the_trigger_disabled_is_reported_by_the_verify_command(exec_officer):
    incident, (first, second, third) = write_log(exec_officer)
    other, _ = write_log(exec_officer, count=2)
    tamper(second, what_happened="Nothing to report from the scene")

    out, failed = _run_command()
    assert failed == "1 of 2 incident logs have been altered"
    assert f"Incident {incident.pk} (Gas leak, Market Street): ALTERED" in out
    assert "entry 2: content changed since it was written" in out
    assert "entry 1:" not in out and "entry 3:" not in out  # only the altered entry is named
    assert f"Incident {other.pk} (Gas leak, Market Street): Verified: the log is intact (2 entries" in out

    out, failed = _run_command("--incident", str(other.pk))
    assert failed is None and "ALTERED" not in out


def test_an_entry_rewritten_with_a_recomputed_hash_breaks_the_chain_at_the_next_entry(exec_officer):
    incident, (first, second, third) = write_log(exec_officer)
    second.what_happened = "Nothing to report"
    forged = second.computed_hash()
    tamper(second, what_happened="Nothing to report", content_hash=forged)

    result = verify(incident)
    assert [(p.sequence, p.reason) for p in result.problems] == [(3, Reason.CHAIN_BROKEN)]
    out, failed = _run_command("--incident", str(incident.pk))
    assert failed and "entry 3: chain broken: it does not follow on from entry 2" in out


def test_a_deleted_entry_shows_as_a_gap_and_a_broken_chain(exec_officer):
    incident, (first, second, third) = write_log(exec_officer)
    remove(second)
    result = verify(incident)
    assert not result.ok
    assert {(p.sequence, p.reason) for p in result.problems} == {
        (3, Reason.SEQUENCE_GAP),
        (3, Reason.CHAIN_BROKEN),
    }
    assert "entry 3: sequence gap: entry 2 is missing" in result.summary


def test_a_changed_time_or_author_is_content_changed(exec_officer, officer_a):
    incident, (first, *_) = write_log(exec_officer)
    tamper(first, written_by_id=officer_a.pk)
    assert [(p.sequence, p.reason) for p in verify(incident).problems] == [(1, Reason.CONTENT_CHANGED)]


def test_the_verify_command_refuses_an_unknown_incident(exec_officer):
    _, failed = _run_command("--incident", "999999")
    assert failed == "There is no incident 999999"


# --- Flushing a test database still works (transactional tests, browser tests) ---------------------------------
@pytest.mark.django_db(transaction=True)
def test_a_test_database_with_entries_can_still_be_flushed(seeded_after_flush, exec_officer):
    write_log(exec_officer, count=2)
    call_command("flush", interactive=False, verbosity=0)
    assert IncidentEntry.objects.count() == 0


def test_the_nightly_check_emails_the_head_when_a_log_has_been_altered(head, officer_a):
    from decisions.tasks import check_incident_logs
    from mayoral_office.models import Notification

    incident, entries = write_log(officer_a)
    assert check_incident_logs() == 0 and not Notification.objects.exists()  # intact: nobody is troubled
    tamper(entries[1], what_happened="Nothing to report")
    assert check_incident_logs() == 1
    email = Notification.objects.get(kind="decisions.incident_log_altered")
    assert email.to == [head.email] and f"Incident {incident.pk}" in email.body and "entry 2" in email.body
