from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mayoral_office.models import ClosureDay
from mayoral_office.working_days import (
    ENGLAND_AND_WALES,
    UNITED_KINGDOM,
    add_working_days,
    explain_due_date,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db

EXAMPLES = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))
calendars = st.sampled_from([ENGLAND_AND_WALES, UNITED_KINGDOM])


def test_christmas_2026_ten_working_days():
    assert add_working_days(date(2026, 12, 23), 10) == date(2027, 1, 11)


def test_explain_lists_the_christmas_2026_bank_holidays():
    skipped = explain_due_date(date(2026, 12, 23), 10)
    bank = {s.day: s.detail for s in skipped if s.reason == "bank holiday"}
    assert set(bank) == {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)}
    assert bank[date(2026, 12, 25)] == "Christmas Day"
    assert "Boxing Day" in bank[date(2026, 12, 28)]
    assert {s.day for s in skipped if s.reason == "weekend"} == {
        date(2026, 12, 26),
        date(2026, 12, 27),
        date(2027, 1, 2),
        date(2027, 1, 3),
        date(2027, 1, 9),
        date(2027, 1, 10),
    }


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (date(2026, 4, 1), 1, date(2026, 4, 2)),
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        (date(2026, 4, 2), 5, date(2026, 4, 13)),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        (date(2027, 3, 24), 3, date(2027, 3, 31)),
        # Christmas 2027: Christmas Day and Boxing Day fall on a weekend; substitutes Mon 27 and Tue 28 Dec.
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        (date(2027, 12, 24), 3, date(2027, 12, 31)),
        (date(2027, 12, 31), 1, date(2028, 1, 4)),  # New Year's Day 2028 is a Saturday; substitute Mon 3 Jan
        # Receipt on a Saturday is day 0: the first working day after it is Monday.
        (date(2026, 11, 21), 1, date(2026, 11, 23)),
        (date(2026, 11, 21), 0, date(2026, 11, 21)),
    ],
)
def test_known_dates(start, days, expected):
    assert add_working_days(start, days) == expected


def test_a_weekend_christmas_day_is_not_a_day_off_but_its_substitute_is():
    assert not is_working_day(date(2027, 12, 27))
    assert not is_working_day(date(2027, 12, 28))
    skipped = {s.day: s.reason for s in explain_due_date(date(2027, 12, 24), 1)}
    assert skipped[date(2027, 12, 25)] == "weekend"
    assert skipped[date(2027, 12, 27)] == "bank holiday"


def test_united_kingdom_calendar_counts_scottish_and_northern_irish_holidays():
    # St Andrew's Day (Scotland) is Monday 30 November 2026; St Patrick's Day (NI) Tuesday 17 March 2026.
    assert add_working_days(date(2026, 11, 27), 1, calendar=ENGLAND_AND_WALES) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 1, calendar=UNITED_KINGDOM) == date(2026, 12, 1)
    assert add_working_days(date(2026, 3, 16), 1, calendar=UNITED_KINGDOM) == date(2026, 3, 18)
    skipped = explain_due_date(date(2026, 11, 27), 1, calendar=UNITED_KINGDOM)
    assert any("Andrew" in s.detail and "Scotland" in s.detail for s in skipped)


def test_closure_day_moves_the_due_date_and_is_explained():
    before = add_working_days(date(2026, 12, 23), 10)
    ClosureDay.objects.create(date=date(2026, 12, 29), reason="Council closure")
    after = add_working_days(date(2026, 12, 23), 10)
    assert after == before + timedelta(days=1)
    assert any(
        s.reason == "closure day" and s.detail == "Council closure" for s in explain_due_date(date(2026, 12, 23), 10)
    )
    assert add_working_days(date(2026, 12, 23), 10, calendar=UNITED_KINGDOM) > before


def test_unknown_calendar_is_refused():
    with pytest.raises(ValueError, match="Unknown calendar"):
        add_working_days(date(2026, 1, 5), 1, calendar="narnia")


@EXAMPLES
@given(start=dates, days=st.integers(min_value=0, max_value=60), calendar=calendars)
def test_adding_then_counting_round_trips(start, days, calendar):
    assert working_days_between(start, add_working_days(start, days, calendar=calendar), calendar=calendar) == days


@EXAMPLES
@given(start=dates, days=st.integers(min_value=1, max_value=60), calendar=calendars)
def test_result_is_always_a_working_day(start, days, calendar):
    due = add_working_days(start, days, calendar=calendar)
    assert due.weekday() < 5
    assert is_working_day(due, calendar=calendar)


@EXAMPLES
@given(start=dates, days=st.integers(min_value=0, max_value=60), calendar=calendars)
def test_monotonic_in_days(start, days, calendar):
    assert add_working_days(start, days + 1, calendar=calendar) > add_working_days(start, days, calendar=calendar)


@EXAMPLES
@given(start=dates, days=st.integers(min_value=0, max_value=40))
def test_uk_calendar_is_never_earlier_than_england_and_wales(start, days):
    assert add_working_days(start, days, calendar=UNITED_KINGDOM) >= add_working_days(start, days)


@EXAMPLES
@given(start=dates, days=st.integers(min_value=0, max_value=40), calendar=calendars)
def test_explanation_accounts_for_every_day(start, days, calendar):
    due = add_working_days(start, days, calendar=calendar)
    skipped = explain_due_date(start, days, calendar=calendar)
    assert (due - start).days == days + len(skipped)
    assert all(start < s.day < due for s in skipped)


def test_working_days_before_counts_back_over_weekends_and_bank_holidays():
    from mayoral_office.working_days import working_days_before

    # Tuesday 6 April 2027: back over Easter Monday (29 March), the weekend and Good Friday (26 March)
    day, skipped = working_days_before(date(2027, 4, 6), 6)
    assert day == date(2027, 3, 25)
    assert [s.day for s in skipped if s.reason == "bank holiday"] == [date(2027, 3, 29), date(2027, 3, 26)]
    assert working_days_before(date(2027, 4, 6), 1)[0] == date(2027, 4, 5)


@pytest.mark.parametrize("start", [date(2026, 12, 18) + timedelta(days=n) for n in range(20)])
def test_a_span_counts_as_the_one_date_functions_do(db, start):
    from mayoral_office.models import ClosureDay
    from mayoral_office.working_days import WorkingDaySpan, add_working_days, working_days_between

    ClosureDay.objects.create(date=date(2026, 12, 31), reason="Council closure")
    span = WorkingDaySpan(date(2026, 12, 1), date(2027, 2, 1))
    for days in (0, 1, 2, 5, 9):
        assert span.after(start, days) == add_working_days(start, days)
    for end in (date(2026, 12, 1), date(2026, 12, 24), date(2027, 1, 4), date(2027, 1, 20)):
        assert span.between(start, end) == working_days_between(start, end)
