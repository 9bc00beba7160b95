"""The speech library's pages: the list (search, filters, sorting, pages; the "Review due" flag), adding and
changing a passage with clear messages for bad input, a passage's page with where it was used and its Retire
button, inserting a passage into a section; who may do what; pinned query counts (10 passages and 100)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import Marking, PackStatus, Passage, PassageUse
from briefings.services import library as services
from tests.briefings.factories import make_pack, make_passage, make_section
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db

LIST = reverse("briefings:passage_list")
NEW = reverse("briefings:passage_create")


def date_post(name: str, day: date) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def passage_post(**overrides) -> dict:
    data = {
        "title": "Homes built since 2022",
        "kind": "statistic",
        "body": "1,240 new council homes have been built since May 2022.",
        "source": "Housing delivery monitoring report",
        **date_post("source_date", date(2026, 10, 31)),
        **date_post("review_on", date(2027, 10, 31)),
    }
    data.update(overrides)
    return data


# --- the list ---------------------------------------------------------------------------------------------------
def test_the_list_shows_passages_with_the_review_flag(client, officer_a):
    make_passage(officer_a, title="Old figure", review_on=date(2026, 11, 30))
    make_passage(officer_a, title="Fresh figure", review_on=date(2027, 1, 1))
    client.force_login(officer_a)
    page = client.get(LIST).content.decode()
    assert page.count("Review due") == 1 + page.count('<option value="due">Review due</option>')
    assert page.index("Fresh figure") < page.index("Old figure")  # by title
    assert 'data-action="library.edit"' in page


def test_the_list_filters_and_searches(client, officer_a):
    make_passage(officer_a, title="Housing vision", body="Good homes for all.")
    make_passage(officer_a, title="Parks", body="Green spaces.")
    client.force_login(officer_a)
    page = client.get(LIST, {"q": "homes"}).content.decode()
    assert "Housing vision" in page and "Parks" not in page


@pytest.mark.parametrize("query", [{"owner": "99999999999999999999"}, {"kind": "poem"}, {"owner": "abc"}])
def test_a_tampered_filter_is_a_message_not_a_500(client, officer_a, query):
    client.force_login(officer_a)
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert "There is a problem with the filters" in response.content.decode()


def test_a_member_reads_the_library_but_cannot_change_it(client, member_a_user, officer_a):
    passage = make_passage(officer_a, title="Our vision")
    client.force_login(member_a_user)
    page = client.get(LIST).content.decode()
    assert passage.title in page and 'data-action="library.edit"' not in page
    assert client.get(NEW).status_code == 403
    assert client.get(reverse("briefings:passage_edit", args=[passage.pk])).status_code == 403
    assert client.post(reverse("briefings:passage", args=[passage.pk])).status_code == 403
    assert not Passage.objects.filter(retired=True).exists()


def test_a_directorate_contact_has_no_library(client, directorate_contact, officer_a):
    passage = make_passage(officer_a)
    client.force_login(directorate_contact)
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("briefings:passage", args=[passage.pk])).status_code in (403, 404)


# --- adding, changing, retiring ---------------------------------------------------------------------------------
def test_adding_a_passage(client, officer_a):
    client.force_login(officer_a)
    response = client.post(NEW, passage_post())
    passage = Passage.objects.get()
    assert response.status_code == 302 and response.url == passage.get_absolute_url()
    assert passage.source_date == date(2026, 10, 31) and passage.owner == officer_a


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title for the passage"),
        ({"body": ""}, "Enter the text of the passage"),
        ({"kind": ""}, "Choose what kind of passage it is"),
        ({"source": ""}, "Enter where the statistic comes from"),
        ({"source_date_0": "", "source_date_1": "", "source_date_2": ""}, "Enter the date of the figure"),
        ({"source_date_0": "31", "source_date_1": "2"}, "must be a real date"),
        ({"review_on_0": "", "review_on_1": "", "review_on_2": ""}, "Enter the review by"),
        ({"body": "x" * 20_001}, "The text must be 20,000 characters or fewer"),
        (date_post("source_date", date(2027, 1, 1)), "must be today or in the past"),
    ],
)
def test_bad_input_shows_a_clear_message_and_saves_nothing(client, officer_a, overrides, message):
    client.force_login(officer_a)
    response = client.post(NEW, passage_post(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert not Passage.objects.exists()


def test_changing_a_passage(client, officer_a):
    passage = make_passage(officer_a)
    client.force_login(officer_a)
    url = reverse("briefings:passage_edit", args=[passage.pk])
    assert "A borough where everyone can thrive." in client.get(url).content.decode()
    response = client.post(
        url,
        passage_post(
            kind="vision", title="Our vision", source="", source_date_0="", source_date_1="", source_date_2=""
        ),
    )
    assert response.status_code == 302
    passage.refresh_from_db()
    assert passage.title == "Our vision"


def test_retiring_a_passage(client, officer_a):
    passage = make_passage(officer_a)
    client.force_login(officer_a)
    url = reverse("briefings:passage", args=[passage.pk])
    assert 'data-action="passage.edit"' in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "The passage has been retired" in response.content.decode()
    passage.refresh_from_db()
    assert passage.retired
    assert "already been retired" in client.post(url, follow=True).content.decode()


# --- a passage's page and where it was used ---------------------------------------------------------------------
def test_the_passage_page_shows_where_it_was_used_in_packs_the_user_may_open(
    client, member_a, member_b, officer_a, officer_b
):
    passage = make_passage(officer_a, body="A borough where **everyone** can thrive.")
    sensitive = make_section(
        make_pack(member_a, lead_officer=officer_a, title="Safeguarding review", marking=Marking.OFFICIAL_SENSITIVE)
    )
    services.passage_insert(actor=officer_a, section=sensitive, passage=passage)
    client.force_login(officer_b)
    page = client.get(reverse("briefings:passage", args=[passage.pk])).content.decode()
    assert "<strong>everyone</strong>" in page
    assert "Safeguarding review" not in page and "Not yet used in a pack you can open" in page
    client.force_login(officer_a)
    page = client.get(reverse("briefings:passage", args=[passage.pk])).content.decode()
    assert "Safeguarding review" in page


# --- inserting into a section -----------------------------------------------------------------------------------
@pytest.fixture
def section(member_a, officer_a):
    return make_section(make_pack(member_a, lead_officer=officer_a), body="The hub opens on Saturday.")


def insert_url(section):
    return reverse("briefings:passage_insert", args=[section.pk])


def test_the_insert_page_searches_and_inserts(client, section, officer_a):
    vision = make_passage(officer_a, title="Vision", body="A borough where everyone can thrive.")
    make_passage(officer_a, title="Parks", body="Green spaces.")
    make_passage(officer_a, title="Retired vision", body="Everyone, once.", retired=True)
    client.force_login(officer_a)
    page = client.get(insert_url(section), {"q": "everyone"}).content.decode()
    assert "Vision" in page and "Parks" not in page and "Retired vision" not in page
    response = client.post(insert_url(section), {"passage": vision.pk, "version": section.version})
    assert response.status_code == 302 and response.url == section.get_absolute_url()
    section.refresh_from_db()
    assert section.body.endswith("A borough where everyone can thrive.")
    assert PassageUse.objects.get().section == section


@pytest.mark.parametrize("value", ["", "99999999999999999999", "abc"])
def test_inserting_nothing_or_a_tampered_passage_is_a_clear_message(client, section, officer_a, value):
    make_passage(officer_a)
    client.force_login(officer_a)
    response = client.post(insert_url(section), {"passage": value, "version": section.version})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a passage to insert" in page or "Choose a passage from the list" in page
    assert not PassageUse.objects.exists()


def test_inserting_into_a_cleared_pack_goes_back_with_the_reason(client, section, officer_a):
    passage = make_passage(officer_a)
    section.pack.status = PackStatus.CLEARED
    section.pack.save()
    client.force_login(officer_a)
    response = client.post(insert_url(section), {"passage": passage.pk}, follow=True)
    assert "This pack has been cleared" in response.content.decode()
    assert not PassageUse.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("member_a_user", 404), ("directorate_contact", 403), ("officer_b", 200)]
)
def test_who_may_insert(request, client, section, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(insert_url(section)).status_code == status


def test_an_unknown_section_is_not_found(client, officer_a):
    client.force_login(officer_a)
    assert client.get("/briefings/sections/99999999999999999999999/insert/").status_code == 404


# --- pinned queries -------------------------------------------------------------------------------------------------
LIST_QUERIES = (
    SIGNED_IN
    + OFFICER
    + [
        "whether the officer is a clearance delegate (the briefings policy's facts)",
        "the paginator's count",
        "the page's keys, in the list's order",
        "the page of passages, with their owners",
        "the filter's owners: those keeping a passage the user may read",
    ]
)
PASSAGE_QUERIES = (
    SIGNED_IN
    + OFFICER
    + [
        "whether the officer is a clearance delegate (the briefings policy's facts)",
        "the passage, with its owner",
        "where it was used: its uses in packs the user may open, with their sections, packs and who inserted it",
    ]
)
INSERT_QUERIES = (
    SIGNED_IN
    + OFFICER
    + [
        "whether the officer is a clearance delegate (the briefings policy's facts)",
        "the section's pack, through the access rule",
        "its members (the policy reads them)",
        "its sections",
        "their commissions (the policy reads them)",
        "the passages found",
    ]
)


@pytest.mark.parametrize("which", ["list", "passage", "insert"])
def test_each_page_runs_its_pinned_queries(client, section, officer_a, django_assert_num_queries, which):
    passage = make_passage(officer_a)
    services.passage_insert(actor=officer_a, section=section, passage=passage)
    for n in range(3):
        make_passage(officer_a, title=f"Passage {n}")
    url, queries = {
        "list": (LIST, LIST_QUERIES),
        "passage": (reverse("briefings:passage", args=[passage.pk]), PASSAGE_QUERIES),
        "insert": (insert_url(section) + "?q=passage", INSERT_QUERIES),
    }[which]
    client.force_login(officer_a)
    client.get(url)  # warm the caches (roles, permissions, the menu)
    with django_assert_num_queries(len(queries)):
        assert client.get(url).status_code == 200


def _count(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return len(queries), page.count('class="govuk-table__row"')


@pytest.mark.parametrize("query", ["", "?q=passage&ordering=-review", "?review=due&kind=vision", "?retired=include"])
def test_the_list_runs_the_same_queries_for_10_and_100_passages(client, officer_a, exec_officer, query):
    def add(n, start):
        for i in range(start, start + n):
            make_passage(officer_a if i % 2 else exec_officer, title=f"Passage {i}", review_on=date(2026, 11, 1))

    client.force_login(officer_a)
    add(10, 0)
    client.get(LIST + query)
    ten, rows = _count(client, LIST + query)
    add(90, 10)
    hundred, more_rows = _count(client, LIST + query)
    assert rows >= 6 and more_rows > rows
    assert hundred == ten


def test_the_passage_page_runs_the_same_queries_for_1_and_20_uses(client, member_a, officer_a):
    passage = make_passage(officer_a)
    url = reverse("briefings:passage", args=[passage.pk])
    pack = make_pack(member_a, lead_officer=officer_a)
    services.passage_insert(actor=officer_a, section=make_section(pack), passage=passage)
    client.force_login(officer_a)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(19):
        services.passage_insert(actor=officer_a, section=make_section(pack, title=f"Section {n}"), passage=passage)
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url).content.decode().count(pack.title) >= 20
    assert len(twenty) == len(one)
