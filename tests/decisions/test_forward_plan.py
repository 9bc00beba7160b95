"""The Forward Plan (issue 11): the key decisions of the coming four months with the date each was first published,
as a page, a CSV and a publishable PDF; acceptance 2 (a late entry in breach, authorised by a general exception,
listed in the PDF); who may see what. Today is Wednesday 2 December 2026."""

import csv
import io
import shutil
import subprocess
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from decisions.models import PathwayItem, PathwayStatus
from decisions.services import pathway as services
from mayoral_office.errors import ServiceError
from mayoral_office.models import AccessLog
from tests.decisions.factories import make_pathway_item
from tests.decisions.scenarios_pathway import cabinet
from tests.mayoral_office.factories import DirectorateFactory, WardFactory

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _entry(text: str, reference: str) -> str:
    return text.split(f'data-reference="{reference}"')[1].split("</tr>")[0]


# --- acceptance 2 ----------------------------------------------------------------------------------------------
def test_a_late_entry_is_in_breach_then_authorised_by_a_general_exception_and_listed_in_the_pdf(
    client, officer_a, directorate, tmp_path
):
    item = make_pathway_item(
        "Emergency repairs to the Riverside flood wall",
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(2026, 12, 22),  # on the Forward Plan by Monday 23 November
        lead_officer=officer_a,
    )
    item.wards.add(WardFactory(name="Riverside"))
    client.force_login(officer_a)

    # Published on the Forward Plan today, 9 days after the last day for it.
    url = reverse("decisions:pathway-forward-plan-publish", args=[item.pk])
    data = {"version": item.version, "on_0": "2", "on_1": "12", "on_2": "2026"}
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.forward_plan_published_on == date(2026, 12, 2)
    assert item.notes.filter(
        text="Published on the Forward Plan on 2 December 2026, 9 days after the last day for it (23 November 2026)."
    ).exists()

    # In breach: on the Forward Plan, the item page and the pathway list.
    plan = client.get(reverse("decisions:forward-plan")).text
    assert 'data-state="met late"' in _entry(plan, item.reference)
    assert "In breach: met late" in _entry(plan, item.reference)
    assert "In breach (met late)" in client.get(item.get_absolute_url()).text
    assert item.reference in client.get(reverse("decisions:pathway"), {"flagged": "breach"}).text

    # A general exception agreed by the chair of scrutiny: shown as authorised.
    services.pathway_record_exception(
        actor=officer_a,
        item=item,
        kind="general_exception",
        reason="The wall must be repaired before the January tides.",
        scrutiny_chair="Cllr Priya Shah",
        agreed_on=date(2026, 12, 1),
    )
    plan = client.get(reverse("decisions:forward-plan")).text
    assert 'data-state="breach authorised"' in _entry(plan, item.reference)
    assert "General exception: Cllr Priya Shah, chair of scrutiny, informed on 1 December 2026" in _entry(
        plan, item.reference
    )
    assert item.reference not in client.get(reverse("decisions:pathway"), {"flagged": "breach"}).text

    # Listed in the publishable PDF, with the date it was first published and the exception.
    response = client.get(reverse("decisions:forward-plan-pdf"))
    text = " ".join(pdf_text(response).split())
    assert "Forward Plan of key decisions" in text
    assert item.reference in text and "Emergency repairs to the Riverside flood wall" in text
    assert "23 November 2026" in text and "2 December 2026" in text  # the last day, and the first publication
    assert "Late: general exception" in text and "Cllr Priya Shah" in text
    assert "Riverside" in text
    # It renders as an image too (looked at by eye: `pdftoppm -png -r 60 forward-plan.pdf fp`).
    (tmp_path / "forward-plan.pdf").write_bytes(response.content)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(tmp_path / "forward-plan.pdf"), str(tmp_path / "fp")], check=True
        )
        assert (tmp_path / "fp-1.png").stat().st_size > 5_000


def test_an_entry_on_time_and_one_not_yet_published(client, officer_a, directorate):
    on_time = make_pathway_item(
        "On time",
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(),
        forward_plan_published_on=date(2026, 12, 1),
    )
    waiting = make_pathway_item(
        "Waiting", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 3, 9)
    )
    client.force_login(officer_a)
    plan = client.get(reverse("decisions:forward-plan")).text
    assert 'data-state="met"' in _entry(plan, on_time.reference)
    assert 'data-state="due"' in _entry(plan, waiting.reference) and "Not yet" in _entry(plan, waiting.reference)


# --- what is on it ---------------------------------------------------------------------------------------------
def test_the_plan_lists_the_key_decisions_of_the_coming_four_months(client, officer_a, directorate):
    listed = [
        make_pathway_item("Today", directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 2)),
        make_pathway_item("Last day", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 4, 2)),
    ]
    cancelled = cabinet(2027, 1, 19)
    cancelled.status = "cancelled"
    cancelled.save()
    left_out = [
        make_pathway_item("Past", directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 1)),
        make_pathway_item("Too far", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 4, 3)),
        make_pathway_item("Not key", directorate=directorate, key_decision=False, decision_meeting=cabinet()),
        make_pathway_item("No meeting", directorate=directorate, key_decision=True),
        make_pathway_item(
            "Withdrawn",
            directorate=directorate,
            key_decision=True,
            decision_meeting=cabinet(),
            status=PathwayStatus.WITHDRAWN,
        ),
        make_pathway_item("Cancelled", directorate=directorate, key_decision=True, decision_meeting=cancelled),
    ]
    client.force_login(officer_a)
    plan = client.get(reverse("decisions:forward-plan")).text
    assert "from 2 December 2026 to 2 April 2027" in plan
    assert all(f'data-reference="{i.reference}"' in plan for i in listed)
    assert not any(f'data-reference="{i.reference}"' in plan for i in left_out)
    assert plan.index(listed[0].reference) < plan.index(listed[1].reference)  # soonest first


def test_the_filters(client, officer_a, directorate):
    other = DirectorateFactory(name="Children's Services", code="CHI")
    housing = make_pathway_item(
        "Housing repairs",
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(),
        forward_plan_published_on=date(2026, 11, 2),
    )
    schools = make_pathway_item("School places", directorate=other, key_decision=True, decision_meeting=cabinet())
    client.force_login(officer_a)

    def listed(**query):
        text = client.get(reverse("decisions:forward-plan"), query).text
        return {i.reference for i in (housing, schools) if f'data-reference="{i.reference}"' in text}

    assert listed(directorate=other.pk) == {schools.reference}
    assert listed(published="yes") == {housing.reference}
    assert listed(published="no") == {schools.reference}
    assert listed(q="school") == {schools.reference}
    assert listed(body=housing.decision_meeting.body_id) == {housing.reference, schools.reference}
    assert listed(directorate="9" * 30) == set()  # a tampered id: an error on the filter, never a 500


# --- publishing on the Forward Plan ----------------------------------------------------------------------------
def test_the_first_publication_is_recorded_once_and_never_moved(officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet())
    with pytest.raises(ServiceError, match="cannot be in the future"):
        services.pathway_publish_forward_plan(actor=officer_a, item=item, on=date(2026, 12, 3))
    services.pathway_publish_forward_plan(actor=officer_a, item=item, on=date(2026, 11, 30))
    item.refresh_from_db()
    for later in (date(2026, 12, 2), date(2026, 11, 1)):
        with pytest.raises(
            ServiceError, match="first published on the Forward Plan on 30 November 2026: that date stands"
        ):
            services.pathway_publish_forward_plan(actor=officer_a, item=item, on=later)
    item.refresh_from_db()
    assert item.forward_plan_published_on == date(2026, 11, 30)
    assert item.notes.get().text == "Published on the Forward Plan on 30 November 2026."
    not_key = make_pathway_item(directorate=directorate, key_decision=False)
    with pytest.raises(ServiceError, match="Only a key decision goes on the Forward Plan"):
        services.pathway_publish_forward_plan(actor=officer_a, item=not_key)


def test_a_date_that_does_not_exist_is_refused(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet())
    client.force_login(officer_a)
    url = reverse("decisions:pathway-forward-plan-publish", args=[item.pk])
    response = client.post(url, {"version": item.version, "on_0": "31", "on_1": "2", "on_2": "2027"})
    assert response.status_code == 200 and "The date published must be a real date" in response.text
    item.refresh_from_db()
    assert item.forward_plan_published_on is None


# --- CSV and PDF -----------------------------------------------------------------------------------------------
def test_the_csv_has_every_entry_with_its_dates(client, officer_a, directorate):
    item = make_pathway_item(
        "=HYPERLINK(1)",
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(),
        forward_plan_published_on=date(2026, 12, 1),
    )
    client.force_login(officer_a)
    rows = csv_rows(client.get(reverse("decisions:forward-plan-csv")))
    assert rows[0][:4] == ["Reference", "Decision", "Decision-maker", "Meeting"]
    (row,) = rows[1:]
    assert row[0] == item.reference and row[1] == "'=HYPERLINK(1)"  # never a formula
    assert row[3] == "2027-01-12" and row[9] == "2026-12-14" and row[10] == "2026-12-01"
    assert row[11] == "Published on time"
    # Invalid filters: the page says why, never a download.
    response = client.get(reverse("decisions:forward-plan-csv"), {"directorate": "abc"})
    assert response["Content-Type"].startswith("text/html") and "There is a problem with the filters" in response.text


def test_the_pdf_renders_and_can_be_looked_at(client, head, directorate, tmp_path):
    for n in range(12):
        make_pathway_item(f"Key decision {n}", directorate=directorate, key_decision=True, decision_meeting=cabinet())
    client.force_login(head)
    response = client.get(reverse("decisions:forward-plan-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "Page 1 of" in pdf_text(response)


# --- who may see what ------------------------------------------------------------------------------------------
@pytest.fixture
def plan(directorate):
    open_item = make_pathway_item(
        "Open decision", directorate=directorate, key_decision=True, decision_meeting=cabinet()
    )
    secret = make_pathway_item(
        "Secret decision", directorate=directorate, key_decision=True, confidential=True, decision_meeting=cabinet()
    )
    exempt = make_pathway_item(
        "Exempt decision", directorate=directorate, key_decision=True, exempt_category=3, decision_meeting=cabinet()
    )
    return open_item, secret, exempt


@pytest.mark.parametrize("persona", ["intern", "directorate_contact"])
def test_no_restricted_entry_reaches_an_intern_or_a_directorate_contact(request, client, plan, persona):
    user = request.getfixturevalue(persona)
    PathwayItem.objects.update(lead_officer=user)  # even one they lead, if it is restricted
    client.force_login(user)
    page = client.get(reverse("decisions:forward-plan")).text
    searched = client.get(reverse("decisions:forward-plan"), {"q": "decision"}).text
    csv_text = str(csv_rows(client.get(reverse("decisions:forward-plan-csv"))))
    pdf = pdf_text(client.get(reverse("decisions:forward-plan-pdf")))
    for shown in (page, searched, csv_text, pdf):
        assert "Open decision" in shown
        assert "Secret decision" not in shown and "Exempt decision" not in shown
        assert plan[1].reference not in shown and plan[2].reference not in shown


def test_the_head_sees_restricted_entries_marked_in_the_full_version(client, head, plan):
    client.force_login(head)
    full = client.get(reverse("decisions:forward-plan-pdf"))
    text = " ".join(pdf_text(full).split())
    assert "Secret decision" in text and "Confidential – not for publication" in text
    assert "Exempt decision" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert AccessLog.objects.filter(user=head, action="exported").count() == 2  # the two restricted entries


# --- the public version: a key decision taken in private stays on the plan, its details withheld -------------------
def _public(client) -> str:
    return " ".join(pdf_text(client.get(reverse("decisions:forward-plan-pdf"), {"public": "1"})).split())


@pytest.fixture
def private_entries(directorate, officer_a):
    """Two key decisions to be taken in private, with details that must never reach the public version."""
    ward = WardFactory(name="Quayside")
    exempt = make_pathway_item(
        "Sale of the Bellhouse depot to Arkwright Holdings",
        summary="Arkwright Holdings offers 4.2 million pounds for the depot site.",
        directorate=directorate,
        key_decision=True,
        exempt_category=3,
        lead_officer=officer_a,
        decision_meeting=cabinet(2027, 1, 12),
        forward_plan_published_on=date(2026, 11, 30),
    )
    exempt.wards.add(ward)
    confidential = make_pathway_item(
        "Settlement with the Riverside tenants' claimants",
        summary="The claimants' names and the sums agreed.",
        directorate=directorate,
        key_decision=True,
        confidential=True,
        lead_officer=officer_a,
        decision_meeting=cabinet(2027, 2, 9),
    )
    confidential.wards.add(ward)
    return exempt, confidential


def test_the_public_version_keeps_a_private_key_decision_and_withholds_its_details(
    client, head, officer_a, plan, private_entries
):
    exempt, confidential = private_entries
    client.force_login(head)
    public = _public(client)
    assert "Open decision" in public and plan[0].reference in public
    # Every key decision stays on the plan: its reference, decision-maker, date, first publication and state.
    for item in (plan[1], plan[2], exempt, confidential):
        assert item.reference in public
    entry = public.split(exempt.reference)[1].split(confidential.reference)[0]
    assert "Private: exempt under paragraph 3 of Part 1 of Schedule 12A" in entry
    assert "Cabinet" in entry and "12 January 2027" in entry  # the decision-maker and the date
    assert "30 November 2026" in entry and "On time" in entry  # first published, and on time
    entry = public.split(confidential.reference)[1]
    assert "Private: confidential information" in entry and "9 February 2027" in entry
    assert "Not yet published" in entry
    # ...and never what is withheld: title, summary, lead officer, wards (nor the full version's marking).
    for withheld in (
        "Secret decision",
        "Exempt decision",
        "Bellhouse",
        "Arkwright",
        "4.2 million",
        "Riverside tenants",
        "claimants",
        officer_a.full_name,
        "Quayside",
        "not for publication",
    ):
        assert withheld not in public, withheld
    assert "4 key decisions will be taken in private" in public
    # A document for publication: OFFICIAL, and no restricted detail was exported (nothing in the access log).
    assert "OFFICIAL-SENSITIVE" not in public and "OFFICIAL" in public
    assert not AccessLog.objects.filter(user=head, action="exported").exists()


def test_the_public_version_of_a_plan_with_no_private_decision_says_nothing_of_them(client, head, directorate):
    make_pathway_item("Open decision", directorate=directorate, key_decision=True, decision_meeting=cabinet())
    client.force_login(head)
    public = _public(client)
    assert "Open decision" in public and "in private" not in public and "Private:" not in public


def test_the_page_offers_the_public_version_with_details_withheld(client, officer_a, plan):
    client.force_login(officer_a)
    page = client.get(reverse("decisions:forward-plan")).text
    assert "Public version (PDF, exempt or confidential details withheld)" in page


@pytest.mark.parametrize("persona", ["intern", "directorate_contact", "officer_b"])
def test_the_public_version_holds_no_entry_the_reader_may_not_see(request, client, plan, private_entries, persona):
    """An entry the reader may not see at all stays out of every version, the public one too."""
    user = request.getfixturevalue(persona)
    if persona != "officer_b":
        PathwayItem.objects.filter(pk=plan[0].pk).update(lead_officer=user)  # a contact sees the open one they lead
    client.force_login(user)
    public = _public(client)
    assert "Open decision" in public
    for item in (plan[1], plan[2], *private_entries):
        assert item.reference not in public
    assert "Private:" not in public and "in private" not in public


def test_the_public_version_holds_the_private_entries_the_reader_may_see(client, officer_a, plan, private_entries):
    """officer_a leads the two private entries (so sees them) but not the fixture's restricted ones."""
    client.force_login(officer_a)
    public = _public(client)
    assert all(item.reference in public for item in private_entries)
    assert plan[1].reference not in public and plan[2].reference not in public
    assert "2 key decisions will be taken in private" in public
    assert "Bellhouse" not in public and "Riverside tenants" not in public


# --- query counts ----------------------------------------------------------------------------------------------
def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_forward_plan_runs_the_same_queries_for_10_and_100_entries(client, officer_a, directorate):
    meetings = [cabinet(), cabinet(2026, 12, 15), cabinet(2027, 2, 9)]
    wards = [WardFactory(name="Riverside"), WardFactory(name="Northgate")]

    def add(count):
        for n in range(count):
            item = make_pathway_item(
                f"Decision {n}", directorate=directorate, key_decision=True, decision_meeting=meetings[n % 3]
            )
            item.wards.set(wards[: n % 3])

    client.force_login(officer_a)
    add(10)
    ten = _queries(client, reverse("decisions:forward-plan"))
    add(90)
    assert _queries(client, reverse("decisions:forward-plan")) == ten
