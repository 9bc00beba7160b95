"""Issue 10: the casework exports stream (StreamingHttpResponse over .iterator(), the Excel file written as it goes:
mayoral_office/spreadsheets.py; only the columns exported), so an export of 50,000 cases costs no more memory, and
no more queries, than one of three. The columns, the formula guard and the access log of confidential cases are as
before."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casework.models import Case, Channel, Correspondent, Priority, Sensitivity, Status
from mayoral_office.models import AccessLog
from tests.casework.factories import CaseFactory, CorrespondentFactory, aware, case_type
from tests.mayoral_office.factories import WardFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "Reference",
    "Type",
    "Stage",
    "Received",
    "Channel",
    "Member",
    "Correspondent",
    "Correspondent type",
    "Ward",
    "Subject",
    "Officer",
    "Sensitivity",
    "Priority",
    "Acknowledge by",
    "Respond by",
    "Response sent",
    "Overdue",
]


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list[str]]:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert book.sheetnames == ["Cases"]
    return [["" if value is None else value for value in row] for row in book["Cases"].iter_rows(values_only=True)]


@pytest.fixture
def two_cases(member_a, officer_a):
    """An overdue confidential case with everything filled in, and a plain one with nothing optional."""
    full = CaseFactory(
        reference="MO/2026/00017",
        member=member_a,
        correspondent=CorrespondentFactory(
            name="Margaret Okafor", organisation="Bow Tenants", kind=Correspondent.Kind.BUSINESS
        ),
        ward=WardFactory(name="Bow East"),
        officer=officer_a,
        subject="Damp in my flat",
        status=Status.ALLOCATED,
        channel=Channel.EMAIL,
        sensitivity=Sensitivity.CONFIDENTIAL,
        priority=Priority.URGENT,
        received_at=aware(date(2026, 10, 1)),
        acknowledge_due=date(2026, 10, 6),
        response_due=date(2026, 10, 20),
    )
    plain = CaseFactory(
        reference="MO/2026/00018",
        member=member_a,
        correspondent=CorrespondentFactory(name="Sam Lee"),
        subject="@SUM(A1:A9)",
        received_at=aware(date(2026, 11, 30)),
        response_due=date(2026, 12, 21),
        response_sent_on=date(2026, 12, 1),
    )
    return full, plain


def _expected(full, plain, officer_a):
    resident = case_type("resident").name
    return [
        HEADER,
        [
            "MO/2026/00017",
            resident,
            "Allocated",
            "2026-10-01",
            "Email",
            "Cllr Alice Able",
            "Margaret Okafor (Bow Tenants)",
            "Business",
            "Bow East",
            "Damp in my flat",
            officer_a.full_name,
            "Confidential",
            "Urgent",
            "2026-10-06",
            "2026-10-20",
            "",
            "Yes",
        ],
        [
            "MO/2026/00018",
            resident,
            "Received",
            "2026-11-30",
            "Letter",
            "Cllr Alice Able",
            "Sam Lee",
            "Resident",
            "",
            "'@SUM(A1:A9)",  # the formula guard
            "",
            "Standard",
            "Normal",
            "",
            "2026-12-21",
            "2026-12-01",
            "No",
        ],
    ]


def test_the_csv_streams_the_same_header_and_rows_as_before(client, head, officer_a, two_cases):
    client.force_login(head)
    response = client.get(reverse("casework:export-csv"), {"queue": "all"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cases-all-2026-12-02-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfReference,Type,")  # a byte-order mark, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == _expected(*two_cases, officer_a)


def test_the_excel_file_streams_and_opens_with_the_header_and_rows(client, head, officer_a, two_cases):
    client.force_login(head)
    response = client.get(reverse("casework:export-xlsx"), {"queue": "all"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="cases-all-2026-12-02-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert _xlsx_rows(response) == _expected(*two_cases, officer_a)


def test_a_filtered_export_has_only_the_filtered_cases(client, head, officer_a, two_cases):
    client.force_login(head)
    response = client.get(reverse("casework:export-csv"), {"queue": "all", "sensitivity": "confidential"})
    assert [row[0] for row in _csv_rows(response)] == ["Reference", "MO/2026/00017"]


def test_a_large_csv_comes_in_several_pieces(client, head, member_a, monkeypatch):
    monkeypatch.setattr("mayoral_office.spreadsheets.BUFFER_SIZE", 200)
    CaseFactory.create_batch(12, member=member_a)
    client.force_login(head)
    pieces = list(client.get(reverse("casework:export-csv"), {"queue": "all"}).streaming_content)
    assert len(pieces) > 3
    assert len(list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8-sig"))))) == 13


def test_the_csv_header_is_sent_before_the_cases_are_read(client, head, member_a):
    CaseFactory.create_batch(3, member=member_a)
    client.force_login(head)
    response = client.get(reverse("casework:export-csv"), {"queue": "all"})
    pieces = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as ctx:
        first = next(pieces).decode("utf-8-sig")
    assert first.splitlines()[0].startswith("Reference,") and len(first.splitlines()) == 1
    assert not any('FROM "casework_case"' in q["sql"] for q in ctx.captured_queries)  # the download has started
    rest = b"".join(pieces).decode("utf-8")
    assert len(list(csv.reader(io.StringIO(rest)))) == 3


def _export_queries(client, name) -> list[str]:
    """Every query of an export, the download read to the end included."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name), {"queue": "all"})
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return [query["sql"] for query in ctx.captured_queries]


@pytest.mark.parametrize("name", ["casework:export-csv", "casework:export-xlsx"])
def test_the_queries_of_an_export_do_not_grow_with_its_rows(client, head, member_a, officer_a, name):
    def make(n):
        for index, case in enumerate(CaseFactory.create_batch(n, member=member_a, officer=officer_a)):
            if index % 3 == 0:
                case.sensitivity = Sensitivity.CONFIDENTIAL
                case.save()

    client.force_login(head)
    make(3)
    _export_queries(client, name)  # warm the caches a running server has (content types)
    at_3 = _export_queries(client, name)
    make(27)
    assert Case.objects.count() == 30
    at_30 = _export_queries(client, name)
    assert len(at_30) == len(at_3), "\n".join(at_30)
    # Only the columns exported: never the correspondence itself or the search document.
    rows_query = max(at_30, key=len)
    for column in ("body", "summary", "search_document"):
        assert f'"casework_case"."{column}"' not in rows_query


@pytest.mark.parametrize("name", ["casework:export-csv", "casework:export-xlsx"])
def test_confidential_cases_exported_are_logged_before_the_download_is_read(client, head, two_cases, name):
    full, plain = two_cases
    client.force_login(head)
    response = client.get(reverse(name), {"queue": "all"})
    logged = AccessLog.objects.filter(user=head, action="exported")
    assert list(logged.values_list("object_id", "object_repr")) == [(str(full.pk), "MO/2026/00017: Damp in my flat")]
    entry = logged.get()  # what the access log page shows of it: when, from where, what kind of record
    assert timezone.now() - timedelta(minutes=1) < entry.at <= timezone.now()
    assert (entry.ip_address, entry.content_type.model) == ("127.0.0.1", "case")
    b"".join(response.streaming_content)
    assert logged.count() == 1  # reading it logs nothing more
    assert not AccessLog.objects.filter(object_id=str(plain.pk)).exists()
