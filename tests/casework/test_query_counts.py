"""Every casework list and detail page runs a pinned number of SQL queries, the same at 10 and at 100 cases. Each
page's list below names its queries, one line each; the test asserts exactly that many."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Case, ContributionRequest, Sensitivity
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CaseFactory, CorrespondentFactory, case_type
from tests.query_counts import OFFICER
from tests.query_counts import SIGNED_IN as SIGNED_IN_BASE

pytestmark = pytest.mark.django_db
SIGNED_IN = SIGNED_IN_BASE + OFFICER

READ_LOGGED = ["the access log entry: the case is confidential"]

PAGES = {
    "case page": (
        "casework:detail",
        SIGNED_IN
        + [
            "the case with its type, member, correspondent, officer, ward, portfolio and merged-into case",
            "its timeline, with who did each thing",
            "its contribution requests, with their directorates",
            "its drafts, with their authors and reviewers",
            "its documents, with who uploaded them",
            "its extensions",
            "its holds",
            *READ_LOGGED,
            "its chase history, with whom and in which email (the page's Chasing)",
            "the related cases the user may see",
            "possible duplicates: the same person's correspondent records and namesakes",
            "possible duplicates: the ids of their cases and of the same subject to the same member",
            "possible duplicates: those cases the user may see, newest first",
            "its response emails in the outbox, with their delivery state",
        ],
    ),
    "response letter": (
        "casework:letter",
        SIGNED_IN + ["the case and its row's relations", "its drafts", *READ_LOGGED],
    ),
    "document download": (
        "casework:attachment",
        SIGNED_IN
        + ["the case and its row's relations", "its drafts", *READ_LOGGED, "the document, through the case's rules"],
    ),
    "contribution request": (
        "casework:contribution",
        SIGNED_IN
        + [
            "the request with its case, member, correspondent, directorate, asker and answerer",
            "whether the user may see the case itself (for the back link)",
            "its chase history, with whom and in which email (the page's Chasing)",
        ],
    ),
    "correspondent": (
        "casework:correspondent",
        SIGNED_IN + ["the correspondent, through the case rules", "their cases the user may see"],
    ),
    "work queue": (
        "casework:index",
        SIGNED_IN
        + [
            "the paginator's count",
            "the queue tabs' counts, in one query",
            "the page's keys, in the list's order",
            "the page of cases with everything a row shows",
            "officers for the bulk allocation list",
        ],
    ),
    "search": (
        "casework:index",
        SIGNED_IN
        + [
            "wards named like the search",
            "the keys of every match (up to 5,000), in the list's order: their count and the page's keys",
            "the queue tabs' counts, in one query",
            "the page of cases with everything a row shows",
            "officers for the bulk allocation list",
        ],
    ),
    "by member": (
        "casework:by-member",
        SIGNED_IN
        + ["open, overdue and approval counts per member", "received in the last 12 months per member", "the members"],
    ),
    "contribution requests": (
        "casework:contributions",
        SIGNED_IN
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of requests with their cases and directorates",
        ],
    ),
    "CSV export": (
        "casework:export-csv",
        # the rows themselves are read as the download streams, after the view has returned (one query, in chunks:
        # tests/casework/test_export_streaming.py)
        SIGNED_IN + ["the list's confidential cases, logged before the download in one INSERT ... SELECT"],
    ),
    "Excel export": (
        "casework:export-xlsx",
        # the rows themselves are read as the download streams, after the view has returned (one query, in chunks:
        # tests/casework/test_export_streaming.py)
        SIGNED_IN + ["the list's confidential cases, logged before the download in one INSERT ... SELECT"],
    ),
}


def _rich_case(officer, member, directorate) -> Case:
    case = services.case_log(
        actor=officer,
        case_type=case_type("resident"),
        received_at=timezone.now(),
        member=member,
        correspondent=CorrespondentFactory(),
        subject="Damp in my flat",
        officer=officer,
        sensitivity=Sensitivity.CONFIDENTIAL,
        files=[SimpleUploadedFile("photo.pdf", b"%PDF-1.4\n", content_type="application/pdf")],
    )
    services.contribution_request(
        actor=officer,
        case=case,
        directorate=directorate,
        question="When was it repaired?",
        due_on=add_working_days(timezone.localdate(), 2),
    )
    services.draft_save(actor=officer, case=case, body="Dear Ms Jones,\n\nThe survey is booked.")
    return case


def _fill(n, *, member, officer, directorate, correspondent):
    for index, case in enumerate(
        CaseFactory.create_batch(n, member=member, officer=officer, correspondent=correspondent)
    ):
        if index % 3 == 0:
            case.sensitivity = Sensitivity.CONFIDENTIAL
            case.save()
        ContributionRequest.objects.create(case=case, directorate=directorate, question="Q", due_on=case.response_due)


def _url(name, case):
    if name in ("casework:detail", "casework:letter"):
        return reverse(name, args=[case.pk])
    if name == "casework:attachment":
        return reverse(name, args=[case.pk, case.attachments.get().pk])
    if name == "casework:contribution":
        return reverse(name, args=[case.contributions.get().pk])
    if name == "casework:correspondent":
        return reverse(name, args=[case.correspondent_id])
    return reverse(name)


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_its_pinned_queries_at_10_and_at_100_cases(
    client, page, officer_a, member_a, directorate, django_assert_num_queries
):
    name, queries = PAGES[page]
    case = _rich_case(officer_a, member_a, directorate)
    params = {"queue": "all", "q": "damp"} if page == "search" else {"queue": "all"}
    url = _url(name, case)
    client.force_login(officer_a)
    client.get(url, params)  # warm the caches a running server has (content types)
    for total in (10, 100):
        _fill(
            total - Case.objects.count(),
            member=member_a,
            officer=officer_a,
            directorate=directorate,
            correspondent=case.correspondent,
        )
        with django_assert_num_queries(len(queries)):
            assert client.get(url, params).status_code == 200
