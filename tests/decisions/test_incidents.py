"""The incident log (issue 11): the services (numbering, the hash chain, corrections, closing, signing off), the
pages (the list, the log with its verification and the form for the next entry, closing, signing off, the PDF),
who may reach them, bad input, pinned query counts, the admin, and an accessibility scan of every page in a browser.
The database trigger and the verify command: test_incident_trigger.py."""

import io
import threading
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from decisions.incidents import verify
from decisions.models import Incident, IncidentEntry
from decisions.models.incidents import GENESIS_HASH
from decisions.selectors import incidents as selectors
from decisions.services import incidents as services
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.decisions.factories import at, make_incident
from tests.decisions.test_incident_trigger import tamper
from tests.mayoral_office.factories import UserFactory
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db

LONG = "x" * 100_000


def open_incident(actor, title="Flooding on the Riverside estate", **fields):
    fields.setdefault("started_at", at(2026, 12, 2, 6))
    return services.incident_open(actor=actor, title=title, location=fields.pop("location", "Riverside"), **fields)


def write(actor, incident, what="River over the bank at Mill Lane", **fields):
    fields.setdefault("kind", "event")
    fields.setdefault("happened_at", at(2026, 12, 2, 6, 30))
    return services.incident_write(actor=actor, incident=incident, what_happened=what, **fields)


def closed_log(officer, entries=2, title="Flooding on the Riverside estate"):
    incident = open_incident(officer, title=title)
    for i in range(entries):
        write(officer, incident, what=f"Update {i + 1}")
    return services.incident_close(actor=officer, incident=incident)


def entry_post(**fields) -> dict:
    """The form for the next entry, filled in (the event at 09:15 today, 2 December 2026)."""
    data = {
        "kind": "decision",
        "happened_on_0": "2",
        "happened_on_1": "12",
        "happened_on_2": "2026",
        "happened_time": "09:15",
        "what_happened": "Rest centre needed for 40 households",
        "decision": "Open Riverside leisure centre as a rest centre",
        "rationale": "Nearest council building above the flood line",
        "by_whom": "Sam Okafor, Gold",
        "source": "Multi-agency call",
    }
    return {**data, **fields}


# --- Services ---------------------------------------------------------------------------------------------------
def test_entries_are_numbered_timestamped_and_chained(exec_officer, clock):
    incident = open_incident(exec_officer)
    first = write(exec_officer, incident)
    clock.shift(minutes=3)
    second = write(exec_officer, incident, what="Police closing Mill Lane", kind="action")
    third = write(exec_officer, incident, what="Rest centre open", kind="decision", decision="Open it")

    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.content_hash and third.previous_hash == second.content_hash
    for entry in IncidentEntry.objects.all():
        assert entry.content_hash == entry.computed_hash()  # as stored, read back from the database
    assert abs(third.written_at - clock.now()) < timedelta(seconds=5)  # written now, on the server's clock
    assert second.written_at - first.written_at >= timedelta(minutes=3)
    assert first.written_by == exec_officer and incident.loggist == exec_officer
    assert verify(incident).ok and verify(incident).entries == 3


def test_each_incident_has_its_own_chain(exec_officer):
    one, two = open_incident(exec_officer), open_incident(exec_officer, title="Power cut, Town Hall")
    write(exec_officer, one)
    entry = write(exec_officer, two)
    assert (entry.sequence, entry.previous_hash) == (1, GENESIS_HASH)


def test_a_correction_is_a_new_entry_linked_both_ways(exec_officer):
    incident = open_incident(exec_officer)
    wrong = write(exec_officer, incident, what="40 households evacuated")
    write(exec_officer, incident, what="Sandbags delivered")
    correction = write(exec_officer, incident, what="It was 14 households", kind="correction", corrects=wrong)

    wrong.refresh_from_db()
    assert wrong.what_happened == "40 households evacuated"  # the original stays as it was written
    log = selectors.incident_log(incident)
    lines = {line.entry.sequence: line for line in log.lines}
    assert lines[3].corrects == wrong and lines[1].corrected_by == [correction]
    assert lines[2].corrects is None and lines[2].corrected_by == []
    assert log.verification.ok


def test_a_correction_must_name_an_entry_of_the_same_log(exec_officer):
    incident, other = open_incident(exec_officer), open_incident(exec_officer, title="Power cut")
    elsewhere = write(exec_officer, other)
    mine = write(exec_officer, incident)
    cases = [
        ({"kind": "correction", "corrects": elsewhere}, "corrects", "A correction must refer to an entry of this"),
        ({"kind": "correction"}, "corrects", "Enter the number of the entry this corrects"),
        ({"kind": "event", "corrects": mine}, "kind", "Only a correction refers to an earlier entry"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ServiceError, match=message) as refused:
            write(exec_officer, incident, **fields)
        assert refused.value.field == field
    assert incident.entries.count() == 1


def test_an_event_in_the_future_is_refused_beyond_five_minutes(exec_officer, clock):
    incident = open_incident(exec_officer)
    with pytest.raises(ServiceError, match="The time of the event cannot be in the future") as refused:
        write(exec_officer, incident, happened_at=clock.now() + timedelta(minutes=6))
    assert refused.value.field == "happened_at"
    assert write(exec_officer, incident, happened_at=clock.now() + timedelta(minutes=4)).sequence == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"what": "   "}, "Enter what happened"),
        ({"what": LONG}, "What happened must be 20,000 characters or fewer"),
        ({"rationale": LONG}, "The rationale must be 20,000 characters or fewer"),
        ({"by_whom": "x" * 151}, "Who made the decision or gave the information must be 150 characters or fewer"),
        ({"source": "x" * 201}, "The source of information must be 200 characters or fewer"),
        ({"kind": "rumour"}, "Choose the kind of entry"),
        ({"happened_at": None}, "Enter the time of the event"),
    ],
)
def test_bad_input_to_the_entry_service_saves_nothing(exec_officer, fields, message):
    incident = open_incident(exec_officer)
    with pytest.raises(ServiceError, match=message):
        write(exec_officer, incident, **fields)
    assert not IncidentEntry.objects.exists()


def test_opening_an_incident(exec_officer, head, intern, member_a_user, directorate_contact, clock):
    with pytest.raises(ServiceError, match="Enter the title of the incident"):
        open_incident(exec_officer, title=" ")
    with pytest.raises(ServiceError, match="The time the incident started cannot be in the future"):
        open_incident(exec_officer, started_at=clock.now() + timedelta(hours=1))
    with pytest.raises(ServiceError, match="The title of the incident must be 200 characters or fewer"):
        open_incident(exec_officer, title=LONG)
    for stranger in (intern, member_a_user, directorate_contact):
        with pytest.raises(PermissionDenied):
            open_incident(stranger)
    assert not Incident.objects.exists()
    assert open_incident(head).loggist == head


def test_who_may_write_in_a_log(exec_officer, officer_a, head, intern, member_a_user, directorate_contact):
    incident = open_incident(exec_officer)
    for writer in (exec_officer, officer_a, head):
        write(writer, incident)
    for stranger in (intern, member_a_user, directorate_contact):
        with pytest.raises(PermissionDenied):
            write(stranger, incident)
    assert incident.entries.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time anyway")
@pytest.mark.django_db(transaction=True)
def test_loggists_writing_at_once_never_share_a_number_or_a_link(seeded_after_flush, exec_officer, officer_a):
    incident = open_incident(exec_officer)
    writers = [exec_officer, officer_a] * 3
    ready, errors = threading.Barrier(len(writers)), []

    def one(writer, i):
        try:
            ready.wait(timeout=10)
            write(writer, incident, what=f"Report {i}")
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(w, i)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(incident.entries.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert verify(incident).ok


def test_a_closed_incident_takes_no_more_entries(exec_officer):
    incident = closed_log(exec_officer)
    assert incident.status == Incident.Status.CLOSED and incident.closed_at is not None
    with pytest.raises(ServiceError, match="This incident is closed"):
        write(exec_officer, incident)
    with pytest.raises(ServiceError, match="This incident is closed"):
        services.incident_close(actor=exec_officer, incident=incident)
    assert incident.entries.count() == 2


def test_sign_off_is_the_heads_after_the_close_and_only_on_an_intact_log(exec_officer, head):
    incident = open_incident(exec_officer)
    write(exec_officer, incident)
    with pytest.raises(ServiceError, match="signed off once, after the incident is closed"):
        services.incident_sign_off(actor=head, incident=incident)
    incident = services.incident_close(actor=exec_officer, incident=incident)
    with pytest.raises(PermissionDenied):
        services.incident_sign_off(actor=exec_officer, incident=incident)

    signed = services.incident_sign_off(actor=head, incident=incident)
    assert signed.signed_off_by == head and signed.signed_off_at is not None
    last_hash = verify(incident).last_hash
    note = LogEntry.objects.filter(object_pk=str(incident.pk), actor=head).order_by("-pk").first()
    assert f"1 entries, last hash {last_hash}" in str(note.changes)
    with pytest.raises(ServiceError, match="signed off once"):
        services.incident_sign_off(actor=head, incident=signed)


def test_an_altered_log_cannot_be_signed_off(exec_officer, head):
    incident = closed_log(exec_officer)
    tamper(incident.entries.get(sequence=2), what_happened="Nothing happened")
    with pytest.raises(ServiceError, match="The log has been altered: entry 2: content changed"):
        services.incident_sign_off(actor=head, incident=incident)
    incident.refresh_from_db()
    assert incident.signed_off_at is None


# --- Pages --------------------------------------------------------------------------------------------------------
def test_the_list_filters_by_status_and_searches_titles(client, exec_officer):
    flood = open_incident(exec_officer)
    write(exec_officer, flood)
    closed_log(exec_officer, title="Gas leak, Market Street")
    client.force_login(exec_officer)
    url = reverse("decisions:incidents")

    body = client.get(url).content.decode()
    assert "Flooding on the Riverside estate" in body and "Gas leak, Market Street" in body
    assert 'data-action="incident.open"' in body
    body = client.get(url, {"status": "closed"}).content.decode()
    assert "Gas leak" in body and "Flooding" not in body
    body = client.get(url, {"q": "flooding"}).content.decode()
    assert "Flooding" in body and "Gas leak" not in body
    response = client.get(url, {"status": "lost", "q": LONG})
    assert response.status_code == 200 and "There is a problem with the filters" in response.content.decode()


def test_interns_and_directorate_contacts_reach_no_incident(client, exec_officer, intern, directorate_contact):
    incident = closed_log(exec_officer)
    pages = ["incident", "incident-pdf", "incident-close", "incident-sign-off"]
    for stranger in (intern, directorate_contact):
        client.force_login(stranger)
        assert client.get(reverse("decisions:incidents")).status_code == 403
        assert client.get(reverse("decisions:incident-create")).status_code == 403
        assert client.post(reverse("decisions:incident-create"), {"title": "x"}).status_code == 403
        for name in pages:
            assert client.get(reverse(f"decisions:{name}", args=[incident.pk])).status_code == 404, name
            assert client.post(reverse(f"decisions:{name}", args=[incident.pk]), entry_post()).status_code == 404
        assert incident.title not in client.get(reverse("decisions:index")).content.decode()
        assert "Incident logs" not in client.get(reverse("decisions:index")).content.decode()
    assert selectors.incidents_for(intern).count() == selectors.incidents_for(directorate_contact).count() == 0
    incident.refresh_from_db()
    assert incident.entries.count() == 2 and incident.signed_off_at is None


def test_a_member_reads_the_log_but_does_not_write_in_it(client, exec_officer, member_a_user):
    incident = open_incident(exec_officer)
    write(exec_officer, incident)
    client.force_login(member_a_user)
    assert incident.title in client.get(reverse("decisions:incidents")).content.decode()
    body = client.get(incident.get_absolute_url()).content.decode()
    assert "River over the bank" in body
    assert 'data-action="incident.write"' not in body and 'data-action="incident.close"' not in body
    assert client.post(incident.get_absolute_url(), entry_post()).status_code == 403
    assert client.get(reverse("decisions:incident-create")).status_code == 403
    assert incident.entries.count() == 1


def test_writing_entries_and_a_correction_through_the_page(client, exec_officer):
    incident = open_incident(exec_officer)
    client.force_login(exec_officer)
    response = client.post(incident.get_absolute_url(), entry_post())
    assert response.status_code == 302 and response.url == f"{incident.get_absolute_url()}#entry-1"
    entry = incident.entries.get()
    assert entry.happened_at == at(2026, 12, 2, 9, 15) and entry.decision.startswith("Open Riverside")

    response = client.post(
        incident.get_absolute_url(), entry_post(kind="correction", corrects="1", what_happened="It was 14"), follow=True
    )
    body = response.content.decode()
    assert "Entry 2 written in the log" in body
    assert "Verified: the log is intact" in body
    assert 'href="#entry-2">Entry 2</a>' in body and 'href="#entry-1">Entry 1</a>' in body  # linked both ways
    assert "Write entry 3" in body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"what_happened": ""}, "Enter what happened"),
        ({"what_happened": LONG}, "What happened must be 20,000 characters or fewer"),
        ({"decision": LONG}, "The decision must be 20,000 characters or fewer"),
        ({"happened_on_0": "31", "happened_on_1": "2", "happened_on_2": "2027"}, "must be a real date"),
        ({"happened_on_0": "", "happened_on_1": "", "happened_on_2": ""}, "Enter the date of the event"),
        ({"happened_time": "25:99"}, "Enter the time of the event as a time on the clock"),
        ({"happened_time": "10:30"}, "The time of the event cannot be in the future"),
        ({"kind": "correction"}, "Enter the number of the entry this corrects"),
        ({"kind": "correction", "corrects": "9"}, "There is no entry 9 in this log"),
        ({"kind": "correction", "corrects": "99999999999999999999"}, "Enter the number of an entry in this log"),
        ({"kind": "correction", "corrects": "two"}, "as a whole number"),
        ({"kind": "event", "corrects": "1"}, "Choose &#x27;Correction&#x27; for an entry that corrects"),
        ({"kind": "rumour"}, "Choose the kind of entry"),
        ({"by_whom": "x" * 151}, "must be 150 characters or fewer"),
    ],
)
def test_bad_input_on_the_entry_form_gets_a_clear_message_and_saves_nothing(client, exec_officer, fields, message):
    incident = open_incident(exec_officer)
    write(exec_officer, incident)
    client.force_login(exec_officer)
    response = client.post(incident.get_absolute_url(), entry_post(**fields))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "govuk-error-summary" in body
    assert incident.entries.count() == 1


def test_opening_an_incident_through_the_page(client, exec_officer):
    client.force_login(exec_officer)
    form = {
        "title": "Flooding on the Riverside estate",
        "location": "Riverside",
        "started_on_0": "2",
        "started_on_1": "12",
        "started_on_2": "2026",
        "started_time": "6:05am",
        "commander": "Gold: Sam Okafor",
    }
    assert client.get(reverse("decisions:incident-create")).status_code == 200
    for bad, message in [
        ({"title": ""}, "Enter the title of the incident"),
        ({"title": LONG}, "The title of the incident must be 200 characters or fewer"),
        ({"started_on_0": "31", "started_on_1": "2", "started_on_2": "2027"}, "must be a real date"),
        ({"started_time": ""}, "Enter the time it started"),
        ({"started_on_0": "3"}, "The time the incident started cannot be in the future"),
    ]:
        response = client.post(reverse("decisions:incident-create"), {**form, **bad})
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not Incident.objects.exists()
    response = client.post(reverse("decisions:incident-create"), form)
    incident = Incident.objects.get()
    assert response.url == incident.get_absolute_url()
    assert (incident.started_at, incident.loggist) == (at(2026, 12, 2, 6, 5), exec_officer)


def test_the_page_shows_an_altered_log_in_red(client, exec_officer):
    incident = open_incident(exec_officer)
    for i in range(4):
        write(exec_officer, incident, what=f"Update {i + 1}")
    tamper(incident.entries.get(sequence=4), decision="Evacuate the whole estate")
    client.force_login(exec_officer)
    body = client.get(incident.get_absolute_url()).content.decode()
    assert "The log has been altered" in body and "Verified: the log is intact" not in body
    assert '<a href="#entry-4">Entry 4: content changed since it was written</a>' in body
    assert body.count("govuk-tag--red") == 1


def test_closing_and_signing_off_through_the_pages(client, exec_officer, head):
    incident = open_incident(exec_officer)
    write(exec_officer, incident)
    close_url = reverse("decisions:incident-close", args=[incident.pk])
    sign_url = reverse("decisions:incident-sign-off", args=[incident.pk])
    client.force_login(exec_officer)
    assert client.get(sign_url).status_code == 403  # the Head's, whatever the state
    assert "Close the incident?" in client.get(close_url).content.decode()
    assert client.post(close_url).url == incident.get_absolute_url()
    body = client.get(incident.get_absolute_url()).content.decode()
    assert "Closed 2 December 2026" in body and 'data-action="incident.write"' not in body
    refused = client.post(incident.get_absolute_url(), entry_post(), follow=True)
    assert "This incident is closed" in refused.content.decode()
    assert client.get(close_url).status_code == 302  # nothing to close: back to the log, with the reason

    client.force_login(head)
    page = client.get(incident.get_absolute_url()).content.decode()
    assert 'data-action="incident.sign_off"' in page
    assert "Verified: the log is intact" in client.get(sign_url).content.decode()
    assert client.post(sign_url).status_code == 302
    body = client.get(incident.get_absolute_url()).content.decode()
    assert f"By {head.full_name}, 2 December 2026" in body and 'data-action="incident.sign_off"' not in body
    assert incident.entries.count() == 1


def test_sign_off_of_an_altered_log_is_refused_on_the_page(client, exec_officer, head):
    incident = closed_log(exec_officer)
    tamper(incident.entries.get(sequence=1), source="Someone else")
    client.force_login(head)
    response = client.post(reverse("decisions:incident-sign-off", args=[incident.pk]))
    assert response.status_code == 200
    assert "cannot be signed off until the change has been investigated" in response.content.decode()
    incident.refresh_from_db()
    assert incident.signed_off_at is None


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdf_has_the_log_the_verification_and_the_sign_off(client, exec_officer, head):
    incident = open_incident(exec_officer, commander="Gold: Sam Okafor")
    first = write(exec_officer, incident, what="40 households evacuated")
    write(exec_officer, incident, what="It was 14 households", kind="correction", corrects=first)
    services.incident_close(actor=exec_officer, incident=incident)
    services.incident_sign_off(actor=head, incident=incident)
    client.force_login(exec_officer)
    text = pdf_text(client.get(reverse("decisions:incident-pdf", args=[incident.pk])))
    for expected in [
        "Incident log: Flooding on the Riverside estate",
        "Gold: Sam Okafor",
        "Verified: the log is intact",
        "Entry 1: Event or information",
        "Entry 2: Correction",
        "40 households evacuated",
        "Corrected by",
        f"Signed off by {head.full_name}",
        "on 2 December 2026",
        "Page 1 of",
    ]:
        assert expected in text, expected
    assert verify(incident).last_hash[:20] in text.replace("\n", "")


def test_the_pdf_of_an_altered_log_says_so(client, exec_officer):
    incident = closed_log(exec_officer, entries=3)
    tamper(incident.entries.get(sequence=2), what_happened="Nothing")
    client.force_login(exec_officer)
    text = pdf_text(client.get(reverse("decisions:incident-pdf", args=[incident.pk])))
    assert "The log has been altered" in text and "Entry 2: content changed since it was written" in text
    assert "Not signed off" in text and "Verified" not in text


# --- The admin refuses everyone -----------------------------------------------------------------------------------
def test_the_admin_refuses_to_change_or_delete_an_entry_even_for_a_superuser(client, exec_officer):
    incident = open_incident(exec_officer)
    entry = write(exec_officer, incident)
    superuser = UserFactory(is_superuser=True, is_staff=True, full_name="Root")
    client.force_login(superuser)
    change = reverse("admin:decisions_incidententry_change", args=[entry.pk])
    delete = reverse("admin:decisions_incidententry_delete", args=[entry.pk])

    page = client.get(change)
    assert page.status_code == 200  # read only: no field to type in, no save, no delete link
    body = page.content.decode()
    assert 'name="_save"' not in body and 'name="what_happened"' not in body and delete not in body
    assert client.post(change, {"what_happened": "Rewritten", "_save": "Save"}).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:decisions_incidententry_add")).status_code == 403
    assert (
        client.post(reverse("admin:decisions_incident_delete", args=[incident.pk]), {"post": "yes"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.what_happened == "River over the bank at Mill Lane" and verify(incident).ok


# --- Pinned query counts: the same at 10 and at 100 rows -------------------------------------------------------
LIST = (
    SIGNED_IN
    + [
        "the paginator's count of the incidents",
        "the page's keys, in the list's order",
        "the page of incidents with their loggists, sign-off and entry counts",
    ]
    + OFFICER
)
LOG = (
    SIGNED_IN
    + [
        "the incident with its loggist and who signed it off",
        "its entries, oldest first, with who wrote each (verified in memory)",
    ]
    + OFFICER
)


def _more_incidents(n, loggist):
    for i in range(n):
        make_incident(f"Incident {Incident.objects.count() + 1}", loggist=loggist, started_at=at(2026, 11, 1 + i % 28))


def _more_entries(n, incident, writer):
    for i in range(n):
        write(writer, incident, what=f"Update {i}", happened_at=at(2026, 12, 2, 7))


def test_the_incident_list_runs_its_pinned_queries_at_10_and_at_100(client, exec_officer, django_assert_num_queries):
    client.force_login(exec_officer)
    url = reverse("decisions:incidents")
    assert client.get(url).status_code == 200  # warm the caches a running server has
    for more in (10, 90):
        _more_incidents(more, exec_officer)
        with django_assert_num_queries(len(LIST)):
            assert client.get(url).status_code == 200


def test_the_log_page_runs_its_pinned_queries_at_10_and_at_100_entries(
    client, exec_officer, officer_a, django_assert_num_queries
):
    incident = open_incident(exec_officer)
    client.force_login(exec_officer)
    assert client.get(incident.get_absolute_url()).status_code == 200
    for more in (10, 90):
        _more_entries(more // 2, incident, exec_officer)
        _more_entries(more - more // 2, incident, officer_a)
        with django_assert_num_queries(len(LOG)):
            response = client.get(incident.get_absolute_url())
        assert f"Write entry {incident.entries.count() + 1}" in response.content.decode()


# --- Accessibility: every incident page in a browser, scanned with axe ----------------------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_incident_page_has_no_axe_violations(seeded_after_flush, browser_page, live_server, exec_officer, head):
    from tests.browser.support import assert_no_axe_violations, click_through, sign_in

    page = browser_page
    sign_in(page, live_server, exec_officer, next_path=reverse("decisions:incidents"))
    assert_no_axe_violations(page, context="incident list (empty)")
    click_through(page, "[data-action='incident.open']")
    assert_no_axe_violations(page, context="open an incident log")
    page.fill("#id_title", "Flooding on the Riverside estate")
    page.fill("#id_started_time", "")
    click_through(page, "main button.govuk-button")
    assert "Enter the time it started" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="open an incident log, with errors")
    page.fill("#id_started_time", "06:05")
    click_through(page, "main button.govuk-button")
    assert page.locator("h1").inner_text() == "Flooding on the Riverside estate"
    assert_no_axe_violations(page, context="an empty log")

    page.fill("#id_what_happened", "River over the bank at Mill Lane")
    page.fill("#id_happened_time", "09:15")
    click_through(page, "main form[data-action='incident.write'] button.govuk-button")
    assert "Entry 1 written in the log" in page.locator("main").inner_text()
    page.check("input[name=kind][value=correction]")
    page.fill("#id_what_happened", "It was the bank at Mill Road")
    click_through(page, "main form[data-action='incident.write'] button.govuk-button")
    assert "Enter the number of the entry this corrects" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="the log, with errors in the next entry")
    page.fill("#id_corrects", "1")
    click_through(page, "main form[data-action='incident.write'] button.govuk-button")
    assert "Verified: the log is intact" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="a log with a correction")
    page.screenshot(path="/tmp/incident-log.png", full_page=True)

    click_through(page, "[data-action='incident.close']")
    assert_no_axe_violations(page, context="close the incident")
    click_through(page, "main button.govuk-button")
    page.goto(f"{live_server.url}{reverse('decisions:incidents')}")
    assert_no_axe_violations(page, context="incident list")

    page.context.clear_cookies()
    incident = Incident.objects.get()
    sign_in(page, live_server, head, next_path=reverse("decisions:incident-sign-off", args=[incident.pk]))
    assert_no_axe_violations(page, context="sign off the log")
    click_through(page, "main button.govuk-button")
    assert f"By {head.full_name}" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="a signed-off log")
    incident.refresh_from_db()
    assert incident.signed_off_by == head and timezone.is_aware(incident.signed_off_at)
