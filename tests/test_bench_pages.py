"""The key pages of the benchmark make as many queries on a bigger office as on a smaller one: no page's query count
grows with the data (bench/pages.py lists the pages; `make bench` prints the counts at scale 0.05 and at scale 1)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bench import pages
from bench.measure import consume


def query_counts(subjects) -> dict[tuple[str, str], tuple[int, int]]:
    counts = {}
    for role, user in subjects.users.items():
        client = pages.client_for(user)
        consume(client.get("/"))  # warm up, as the bench does: the kept tables are read again after the seeding
        compared = [ours for ours, _admin in pages.admin_comparison(subjects)]
        for page in pages.key_pages(subjects, role) + compared:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path)
                consume(response)
            counts[(role, page.name)] = (response.status_code, len(captured.captured_queries))
    client = pages.client_for(subjects.member_user)
    consume(client.get("/"))
    for page in pages.member_pages(subjects):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
            consume(response)
        counts[("member", page.name)] = (response.status_code, len(captured.captured_queries))
    return counts


@pytest.mark.django_db
def test_no_key_page_makes_more_queries_on_a_bigger_office(small_demo, clock):
    with override_settings(**pages.BENCH_SETTINGS):
        call_command("seed_volume", scale=0.01)
        subjects = pages.find_subjects()
        smaller = query_counts(subjects)
        call_command("seed_volume", scale=0.03)  # three times as much again, on top
        bigger = query_counts(subjects)
    assert len(smaller) >= 2 * 25 and ("member", "home: a member's view") in smaller
    assert {key: status for key, (status, _) in smaller.items() if status != 200} == {}
    assert bigger == smaller
