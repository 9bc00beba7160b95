"""An export asked for with a bad filter answers with the list page and its error, never with an HTML page that a
browser would save as the spreadsheet (issue 9)."""

import pytest
from django.urls import reverse

from tests.casework.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["casework:export-csv", "casework:export-xlsx"])
def test_a_bad_date_filter_on_the_export_returns_the_list_page_with_the_error(client, head, member_a, name):
    CaseFactory(member=member_a, subject="Damp in my flat")
    client.force_login(head)
    response = client.get(reverse(name), {"queue": "all", "received_from": "31/02/2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    page = response.content.decode()
    assert "There is a problem with the filters" in page
    assert "The list could not be downloaded because the filters have a problem." in page
    assert 'id="case-list"' in page
    # The page's own filter form and links act on the list, not on the download.
    assert f'href="{reverse("casework:index")}">Clear filters' in page


def test_a_good_filter_still_downloads(client, head, member_a):
    CaseFactory(member=member_a)
    client.force_login(head)
    response = client.get(reverse("casework:export-csv"), {"queue": "all", "received_from": "2026-01-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
