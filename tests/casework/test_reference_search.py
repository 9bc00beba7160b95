"""Searching for a reference however it is typed asks the unique index (an equality), never a scan of every
reference: also when the case is one the user may not see, and for a bare number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Case
from mayoral_office.audit import acting_as
from tests.casework.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs_and_mine(head, member_a, member_b):
    with acting_as(head):
        return CaseFactory(member=member_a), CaseFactory(member=member_b)


def _search(user, text):
    with CaptureQueriesContext(connection) as captured:
        found = list(Case.objects.visible_to(user).search(text).values_list("reference", flat=True))
    case_sql = [q["sql"] for q in captured.captured_queries if "casework_case" in q["sql"]]
    return found, " ".join(case_sql).upper()


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{year}/{number}", " MO / {year} / {number} "])
def test_a_reference_however_typed_is_found_by_equality(officer_a, theirs_and_mine, typed):
    mine, _ = theirs_and_mine
    _, year, number = mine.reference.split("/")
    text = typed.format(ref=mine.reference, ref_lower=mine.reference.lower(), year=year, number=int(number))
    found, sql = _search(officer_a, text)
    assert found == [mine.reference]
    assert "UPPER(" not in sql and " LIKE " not in sql


def test_a_reference_they_may_not_see_finds_nothing_without_a_scan(officer_a, theirs_and_mine):
    _, theirs = theirs_and_mine  # member_b's: officer_a supports member_a only
    found, sql = _search(officer_a, theirs.reference)
    assert found == []
    assert "UPPER(" not in sql and " LIKE " not in sql


def test_a_bare_number_finds_that_number_in_any_year(head, theirs_and_mine):
    mine, theirs = theirs_and_mine
    number = int(mine.reference.rsplit("/", 1)[1])
    found, sql = _search(head, str(number))
    assert found == [mine.reference]
    assert " LIKE " not in sql
