"""The queue at volume: its pages neither repeat nor lose a case when many share a due date, a deep page fetches
its keys first (a deferred join), and an unfiltered queue is not counted twice (the tab count is the page's)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import Case
from mayoral_office.audit import acting_as
from tests.casework.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty_due_the_same_day(clock, head, member_a):
    with acting_as(head):
        cases = CaseFactory.create_batch(60, member=member_a)
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(response_due=clock.today + timedelta(days=8))
    return {c.reference for c in cases}


def _references(page):
    return [case.reference for case in page.object_list]


def test_pages_of_cases_due_the_same_day_hold_every_case_once(client, head, sixty_due_the_same_day):
    client.force_login(head)
    seen = []
    for number in (1, 2, 3):
        for ordering in ("due", None):
            params = {"queue": "open", "page": number, **({"ordering": ordering} if ordering else {})}
            page = client.get(reverse("casework:index"), params).context["page"]
            if ordering:
                seen += _references(page)
    assert len(seen) == 60 and set(seen) == sixty_due_the_same_day


def test_every_page_fetches_keys_then_rows_and_the_tab_count_is_not_repeated(client, head, sixty_due_the_same_day):
    client.force_login(head)
    client.get(reverse("casework:index"))  # the session's first save, not counted
    with CaptureQueriesContext(connection) as first:
        page_one = client.get(reverse("casework:index"), {"queue": "open"}).context["page"]
    with CaptureQueriesContext(connection) as third:
        page_three = client.get(reverse("casework:index"), {"queue": "open", "page": 3}).context["page"]
    assert page_one.paginator.count == page_three.paginator.count == 60
    assert len(page_three.object_list) == 10 and page_three.has_next() is False
    counting = [q["sql"] for q in third.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1, counting  # the tabs' counts, in one query; the page takes the open tab's count
    case_table = [q["sql"] for q in third.captured_queries if 'FROM "casework_case"' in q["sql"]]
    assert len(third.captured_queries) == len(first.captured_queries)  # each page: its keys, then its rows
    assert any(sql.startswith('SELECT "casework_case"."id" AS "pk" FROM') for sql in case_table)


def test_a_filtered_queue_counts_its_own_rows(client, head, sixty_due_the_same_day):
    client.force_login(head)
    reference = sorted(sixty_due_the_same_day)[0]
    page = client.get(reverse("casework:index"), {"queue": "open", "q": reference}).context["page"]
    assert page.paginator.count == 1 and _references(page) == [reference]


def test_received_dates_are_london_days_and_the_filter_can_use_an_index(client, clock, head, member_a):
    """Just after midnight in summer time is still the day before in UTC: the filter takes London's days. And it
    compares received_at with the start of the day, not received_at cast to a date (which no index can serve)."""
    from datetime import date

    from tests.casework.factories import aware

    with acting_as(head):
        late, early = CaseFactory.create_batch(2, member=member_a)
    Case.objects.filter(pk=late.pk).update(received_at=aware(date(2026, 6, 1), 23, 30))
    Case.objects.filter(pk=early.pk).update(received_at=aware(date(2026, 6, 2), 0, 30))  # 23:30 on 1 June in UTC
    client.force_login(head)

    def listed(**params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("casework:index"), {"queue": "all", **params})
        assert not any("received_at" in q["sql"] and "DATE(" in q["sql"].upper() for q in captured.captured_queries)
        return {case.reference for case in response.context["page"].object_list}

    assert listed(received_from="2026-06-02") == {early.reference}
    assert listed(received_to="2026-06-01") == {late.reference}
    assert listed(received_from="2026-06-01", received_to="2026-06-01") == {late.reference}


def test_a_long_list_is_counted_up_to_a_limit_and_says_more_than(client, head, sixty_due_the_same_day, monkeypatch):
    monkeypatch.setattr("mayoral_office.lists.COUNT_LIMIT", 50)
    client.force_login(head)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("casework:index"), {"queue": "all", "q": "", "ordering": "due", "page": 2})
    assert "Showing 26 to 50 of more than 50" in response.content.decode()
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper() and "LIMIT 51" in q["sql"]]
    assert len(counts) == 1
    page = client.get(reverse("casework:index"), {"queue": "open", "ordering": "due", "page": 3}).context["page"]
    assert not page.paginator.more and page.paginator.count == 60  # the open queue's own tab count


def test_a_search_finds_its_matches_once_for_the_count_and_the_page(client, head, sixty_due_the_same_day):
    pothole_cases = sorted(sixty_due_the_same_day)[:40]
    Case.objects.filter(reference__in=pothole_cases).update(
        search_document=Concat(F("search_document"), Value(" a pothole outside the school"))
    )
    client.force_login(head)
    client.get(reverse("casework:index"))  # the session's first save, not counted
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("casework:index"), {"queue": "all", "q": "pothole", "page": 2}).context["page"]
    searching = [  # a 'contains' on SQLite, the full-text index on PostgreSQL
        q["sql"]
        for q in captured.captured_queries
        if ("LIKE" in q["sql"].upper() or "@@" in q["sql"]) and "casework_case" in q["sql"]
    ]
    assert len(searching) == 1, searching  # the keys of every match, in order: counted and paged from them
    assert page.paginator.count == 40 and page.number == 2
    assert {case.reference for case in page.object_list} <= set(pothole_cases) and len(page.object_list) == 15
