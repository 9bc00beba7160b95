"""The speech library's services and reads (issue 12, "Speech library"): adding, changing and retiring passages
with clear refusals, inserting one into a section (a statistic with its source and date) and recording the use,
"where used" only in packs the user may open, the search and the review flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from briefings.forms.library import PassageFilter
from briefings.models import Marking, PackStatus, Passage, PassageKind, PassageUse
from briefings.selectors import library as selectors
from briefings.services import library as services
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.briefings.factories import make_pack, make_passage, make_section

pytestmark = pytest.mark.django_db

NEXT_YEAR = date(2027, 12, 1)


def fields(**overrides) -> dict:
    data = {
        "title": "Homes built since 2022",
        "kind": PassageKind.STATISTIC,
        "body": "1,240 new council homes have been built since May 2022.",
        "source": "Housing delivery monitoring report",
        "source_date": date(2026, 10, 31),
        "review_on": NEXT_YEAR,
    }
    data.update(overrides)
    return data


def test_an_officer_adds_a_passage_which_they_keep(officer_a):
    passage = services.passage_create(actor=officer_a, **fields(body="Text <script>alert(1)</script>with **bold**"))
    assert passage.owner == officer_a and not passage.retired
    assert passage.body == "Text with **bold**"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a title for the passage"),
        ({"title": "x" * 201}, "title", "The title must be 200 characters or fewer"),
        ({"kind": "poem"}, "kind", "Choose what kind of passage it is"),
        ({"body": "<script>only a script</script>"}, "body", "Enter the text of the passage"),
        ({"source": ""}, "source", "Enter where the statistic comes from"),
        ({"source_date": None}, "source_date", "Enter the date of the statistic"),
        ({"source_date": date(2026, 12, 3)}, "source_date", "must be today or in the past"),
        ({"review_on": None}, "review_on", "Enter the date to review the passage by"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(officer_a, overrides, field, message):
    with pytest.raises(ServiceError, match=message) as refused:
        services.passage_create(actor=officer_a, **fields(**overrides))
    assert refused.value.field == field
    assert not Passage.objects.exists()


def test_a_standard_line_needs_no_source(officer_a):
    passage = services.passage_create(actor=officer_a, **fields(kind=PassageKind.VISION, source="", source_date=None))
    assert passage.source == ""


@pytest.mark.parametrize("persona", ["intern", "member_a_user", "directorate_contact"])
def test_only_those_who_prepare_packs_keep_the_library(request, persona, officer_a):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.passage_create(actor=user, **fields())
    passage = make_passage(officer_a)
    with pytest.raises(PermissionDenied):
        services.passage_retire(actor=user, passage=passage)
    assert not Passage.objects.filter(retired=True).exists()


def test_changing_and_retiring_a_passage(officer_a, exec_officer):
    passage = make_passage(officer_a)
    services.passage_update(actor=exec_officer, passage=passage, **fields(kind=PassageKind.VISION, title="Vision"))
    passage.refresh_from_db()
    assert passage.title == "Vision" and passage.owner == officer_a  # changing it does not change who keeps it
    services.passage_retire(actor=exec_officer, passage=passage)
    passage.refresh_from_db()
    assert passage.retired
    with pytest.raises(ServiceError, match="already been retired"):
        services.passage_retire(actor=exec_officer, passage=passage)


# --- inserting -------------------------------------------------------------------------------------------------
@pytest.fixture
def section(member_a, officer_a):
    return make_section(make_pack(member_a, lead_officer=officer_a), body="The hub opens on Saturday.")


def test_inserting_appends_the_text_and_records_the_use(section, officer_a):
    passage = make_passage(officer_a, body="A borough where everyone can thrive.")
    updated = services.passage_insert(actor=officer_a, section=section, passage=passage)
    assert updated.body == "The hub opens on Saturday.\n\nA borough where everyone can thrive."
    assert updated.version == section.version + 1 and updated.updated_by == officer_a
    use = PassageUse.objects.get()
    assert (use.passage, use.section, use.used_by) == (passage, section, officer_a)


def test_a_statistic_is_inserted_with_its_source_and_date(section, officer_a):
    statistic = services.passage_create(actor=officer_a, **fields())
    updated = services.passage_insert(actor=officer_a, section=section, passage=statistic)
    assert updated.body.endswith(
        "1,240 new council homes have been built since May 2022.\n\n"
        "Source: Housing delivery monitoring report, 31 October 2026"
    )


def test_an_intern_may_insert_into_an_official_pack_only(member_a, officer_a, intern):
    passage = make_passage(officer_a)
    official = make_section(make_pack(member_a, lead_officer=officer_a))
    services.passage_insert(actor=intern, section=official, passage=passage)
    sensitive = make_section(make_pack(member_a, lead_officer=officer_a, marking=Marking.OFFICIAL_SENSITIVE))
    with pytest.raises(PermissionDenied):
        services.passage_insert(actor=intern, section=sensitive, passage=passage)
    assert PassageUse.objects.count() == 1


def test_no_insertion_into_a_cleared_pack_or_of_a_retired_passage(section, officer_a):
    retired = make_passage(officer_a, retired=True)
    with pytest.raises(ServiceError, match="retired"):
        services.passage_insert(actor=officer_a, section=section, passage=retired)
    section.pack.status = PackStatus.CLEARED
    section.pack.save()
    with pytest.raises(ServiceError, match="cleared"):
        services.passage_insert(actor=officer_a, section=section, passage=make_passage(officer_a))
    assert not PassageUse.objects.exists()
    section.refresh_from_db()
    assert section.body == "The hub opens on Saturday."


def test_an_insertion_on_an_out_of_date_page_is_refused(section, officer_a):
    from mayoral_office.errors import Conflict

    with pytest.raises(Conflict):
        services.passage_insert(
            actor=officer_a, section=section, passage=make_passage(officer_a), expected_version=section.version - 1
        )


# --- reads --------------------------------------------------------------------------------------------------------
def test_where_used_lists_only_packs_the_user_may_open(member_a, member_b, officer_a, officer_b, head):
    passage = make_passage(officer_a)
    theirs = make_section(make_pack(member_a, lead_officer=officer_a, marking=Marking.OFFICIAL_SENSITIVE))
    open_to_all = make_section(make_pack(member_b, lead_officer=officer_b, title="Market hall reopening"))
    services.passage_insert(actor=officer_a, section=theirs, passage=passage)
    services.passage_insert(actor=officer_b, section=open_to_all, passage=passage)
    assert [u.section for u in selectors.where_used(head, passage)] == [open_to_all, theirs]
    assert [u.section for u in selectors.where_used(officer_b, passage)] == [open_to_all]


def test_a_passage_past_its_review_date_is_flagged(officer_a):
    today = timezone.localdate()
    due = make_passage(officer_a, title="Old figure", review_on=today - timedelta(days=1))
    current = make_passage(officer_a, title="Fresh figure", review_on=today)
    assert due.needs_review and not current.needs_review
    passages = selectors.passages_for(officer_a)
    assert list(passages.filter(selectors.review_due_q())) == [due]


def _filtered(user, **params):
    request = RequestFactory().get("/briefings/library/", params)
    request.user = user
    filterset = PassageFilter(params, queryset=selectors.passages_for(user, params.get("retired", "")), request=request)
    assert filterset.is_valid(), filterset.errors
    return [p.title for p in filterset.qs]


def test_the_list_searches_titles_and_text_and_filters(officer_a, exec_officer):
    make_passage(officer_a, title="Housing vision", body="Good homes for all.")
    make_passage(exec_officer, title="Mayor's biography", kind=PassageKind.BIOGRAPHY, body="Born in Eastbridge.")
    make_passage(officer_a, title="Old housing line", body="Homes.", retired=True)
    make_passage(officer_a, title="Due line", body="Homes again.", review_on=date(2026, 1, 1))
    assert _filtered(officer_a, q="homes") == ["Due line", "Housing vision"]
    assert _filtered(officer_a, q="HOUSING good") == ["Housing vision"]
    assert _filtered(officer_a, q="eastbridge") == ["Mayor's biography"]
    assert _filtered(officer_a, kind="biography") == ["Mayor's biography"]
    assert _filtered(officer_a, review="due") == ["Due line"]
    assert _filtered(officer_a, owner=str(exec_officer.pk)) == ["Mayor's biography"]
    assert _filtered(officer_a, retired="only") == ["Old housing line"]
    assert "Old housing line" in _filtered(officer_a, retired="include")
    assert _filtered(officer_a, ordering="-title") == ["Mayor's biography", "Housing vision", "Due line"]
    assert _filtered(officer_a, ordering="review")[0] == "Due line"


def test_the_passages_offered_for_insertion_leave_out_retired_ones(officer_a):
    make_passage(officer_a, title="Current", body="Homes.")
    make_passage(officer_a, title="Retired", body="Homes.", retired=True)
    assert [p.title for p in selectors.insertable(officer_a, "homes")] == ["Current"]


def test_a_directorate_contact_reads_no_passage(officer_a, directorate_contact):
    make_passage(officer_a)
    assert not selectors.passages_for(directorate_contact).exists()
