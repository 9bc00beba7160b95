"""Acceptance 4: every casework list keeps the same number of SQL queries at 10 and at 100 cases, and search
uses the full-text index on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Case, ContributionRequest, Sensitivity
from casework.search import SEARCH_INDEX_NAME
from tests.casework.factories import CaseFactory, CorrespondentFactory
from tests.mayoral_office.factories import DirectorateFactory

pytestmark = pytest.mark.django_db

LISTS = [
    ("casework:index", {"queue": "all"}),
    ("casework:index", {"queue": "open"}),
    ("casework:index", {}),
    ("casework:index", {"queue": "overdue"}),
    ("casework:index", {"queue": "unallocated", "ordering": "-due"}),
    ("casework:index", {"queue": "all", "q": "repair", "sensitivity": "standard"}),
    ("casework:export-csv", {"queue": "all"}),
    ("casework:export-xlsx", {"queue": "all"}),
    ("casework:contributions", {}),
    ("casework:by-member", {}),
]


def _make(n, *, member, officer, directorate, correspondent):
    cases = CaseFactory.create_batch(
        n - Case.objects.count(), member=member, officer=officer, correspondent=correspondent
    )
    for index, case in enumerate(cases):
        if index % 3 == 0:
            case.sensitivity = Sensitivity.CONFIDENTIAL
            case.save()
        ContributionRequest.objects.create(case=case, directorate=directorate, question="Q", due_on=case.response_due)


def _count(client, name, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["head", "officer_a"])
@pytest.mark.parametrize(("name", "params"), LISTS)
def test_lists_use_the_same_number_of_queries_at_10_and_100_cases(
    client, request, persona, name, params, member_a, officer_a
):
    user = request.getfixturevalue(persona)
    directorate = DirectorateFactory()
    correspondent = CorrespondentFactory()
    client.force_login(user)
    _make(10, member=member_a, officer=officer_a, directorate=directorate, correspondent=correspondent)
    client.get(reverse(name), params)  # warm caches (content types, sessions)
    at_10 = _count(client, name, params)
    _make(100, member=member_a, officer=officer_a, directorate=directorate, correspondent=correspondent)
    at_100 = _count(client, name, params)
    assert at_10 == at_100, f"{name} {params}: {at_10} queries at 10 cases, {at_100} at 100"


def test_the_correspondent_page_uses_the_same_number_of_queries(client, head, member_a, officer_a):
    directorate = DirectorateFactory()
    correspondent = CorrespondentFactory()
    client.force_login(head)
    url = reverse("casework:correspondent", args=[correspondent.pk])
    _make(10, member=member_a, officer=officer_a, directorate=directorate, correspondent=correspondent)
    client.get(url)
    with CaptureQueriesContext(connection) as at_10:
        client.get(url)
    _make(100, member=member_a, officer=officer_a, directorate=directorate, correspondent=correspondent)
    with CaptureQueriesContext(connection) as at_100:
        client.get(url)
    assert len(at_10) == len(at_100)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search index is PostgreSQL only")
def test_search_uses_the_full_text_index_on_postgresql(head, member_a):
    CaseFactory.create_batch(30, member=member_a)
    qs = Case.objects.visible_to(head).search("leaking roof")
    assert qs.count() == 30
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would otherwise be scanned
        plan = qs.explain()
    assert SEARCH_INDEX_NAME in plan, plan


def test_search_finds_words_in_subject_summary_body_and_correspondent(head, member_a):
    from casework import services

    case = services.case_log(
        actor=head,
        case_type=Case._meta.get_field("case_type").related_model.objects.get(code="resident"),
        received_at=timezone.now(),
        member=member_a,
        subject="Streetlights out",
        summary="Four lamp posts dark",
        body="The alley behind Chrisp Street is unlit",
        correspondent_details={"name": "Winston Okonkwo", "kind": "resident"},
    )
    CaseFactory(member=member_a, subject="Something else")
    for word in ["streetlights", "lamp", "alley", "Okonkwo", case.reference]:
        assert list(Case.objects.visible_to(head).search(word)) == [case], word
