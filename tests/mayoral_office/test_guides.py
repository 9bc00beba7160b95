"""How-to guides (issue 16): written by the office's officers as Markdown (cleaned), read by everyone signed in,
searched, linked from the page they explain ("How do I ...?"), and their reviews chased to their owners."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mayoral_office import chasing, guides
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Guide

pytestmark = pytest.mark.django_db


def _guide(actor, owner=None, **fields) -> Guide:
    data = {
        "title": "How do I log a case?",
        "summary": "From the post bag to a case.",
        "body": "## Steps\n1. Choose **Casework**.\n2. Type the correspondent's surname.",
        "page": "casework:create",
        "owner": owner or actor,
        "review_on": date(2027, 6, 1),
    }
    data.update(fields)
    return guides.guide_save(actor=actor, **data)


def _form(owner, **overrides):
    data = {
        "title": "How do I put a case on hold?",
        "summary": "",
        "body": "Open the case and choose *Put on hold*.",
        "page": "casework:detail",
        "owner": str(owner.pk),
        "review_on_0": "1",
        "review_on_1": "6",
        "review_on_2": "2027",
    }
    data.update(overrides)
    return data


def test_an_officer_writes_a_guide_and_everyone_reads_it_rendered_safely(client, clock, officer_a, intern, head):
    client.force_login(officer_a)
    body = "Open the case.\n\n<script>alert('x')</script>\n\n[Policy](javascript:alert(1)) and [GOV.UK](https://www.gov.uk)"
    response = client.post(reverse("guide-create"), _form(head, body=body))
    guide = Guide.objects.get()
    assert (
        response.status_code == 302
        and response.url == guide.get_absolute_url() == "/guides/how-do-i-put-a-case-on-hold/"
    )
    assert "<script>" not in guide.body and guide.owner == head
    client.force_login(intern)
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "Open the case." in page and "<script>alert" not in page and 'href="javascript' not in page
    assert '<a href="https://www.gov.uk" rel="noopener noreferrer">GOV.UK</a>' in page
    assert 'data-action="guide.edit"' not in page  # an intern reads; the office's officers write
    assert client.get(reverse("guide-create")).status_code == 403


def test_bad_input_gets_clear_messages_and_nothing_is_saved(client, clock, officer_a, head):
    client.force_login(officer_a)
    response = client.post(
        reverse("guide-create"),
        _form(head, title="", body="", page="no:such-page", review_on_0="31", review_on_1="2"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors
    assert errors["body"] == ["Write the guide"]
    assert "page" in errors and "review_on" in errors
    assert not Guide.objects.exists()
    past = client.post(reverse("guide-create"), _form(head, review_on_2="2020"))
    assert past.context["form"].errors["review_on"] == ["The review date must be today or later"]
    assert not Guide.objects.exists()


def test_the_page_a_guide_explains_links_to_it_without_a_query_once_read(client, clock, officer_a, head):
    _guide(head)
    client.force_login(officer_a)
    url = reverse("casework:create")
    first = client.get(url).content.decode()
    assert "How do I ...?" in first and "How do I log a case?" in first
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not any("mayoral_office_guide" in q["sql"] for q in queries.captured_queries)
    assert "How do I log a case?" not in client.get(reverse("casework:index")).content.decode()
    _guide(head, title="How do I find a case?", page="casework:index")  # a change is in the very next page
    assert "How do I find a case?" in client.get(reverse("casework:index")).content.decode()


def test_the_list_searches_the_body_and_filters_by_owner_and_review(client, clock, officer_a, head):
    first = _guide(head, body="Use the **hold** button when waiting for the resident.", review_on=date(2026, 12, 2))
    _guide(head, title="How do I raise a requisition?", body="Choose the budget line.", owner=officer_a)
    client.force_login(officer_a)
    listed = lambda query: [g.title for g in client.get(reverse("guides") + query).context["page"]]  # noqa: E731
    assert listed("?q=resident") == [first.title]
    assert listed(f"?owner={officer_a.pk}") == ["How do I raise a requisition?"]
    assert listed("?review=due") == [first.title]
    assert client.get(reverse("guides") + "?review=never").context["filter"].errors


def test_the_owner_records_a_review_and_a_review_due_is_chased_to_the_owner(client, clock, officer_a, officer_b, head):
    guide = _guide(head, owner=officer_a, review_on=date(2026, 12, 2))
    lines = chasing.due_for(officer_a)
    assert [(line.kind.name, line.item.title) for line in lines] == [("mayoral_office.guide_review", guide.title)]
    assert chasing.due_for(officer_b) == []
    with pytest.raises(PermissionDenied):
        guides.guide_reviewed(actor=officer_b, guide=guide)
    client.force_login(officer_a)
    response = client.post(
        guide.get_absolute_url(), {"next_review_on_0": "1", "next_review_on_1": "12", "next_review_on_2": "2027"}
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.reviewed_on, guide.review_on) == (date(2026, 12, 2), date(2027, 12, 1))
    assert chasing.due_for(officer_a) == []
    with pytest.raises(ServiceError):
        guides.guide_reviewed(actor=officer_a, guide=guide, next_review_on=date(2026, 12, 2))


def test_a_guide_titled_like_an_address_of_the_guides_gets_its_own_slug(clock, head):
    assert _guide(head, title="New").slug == "new-2"
    assert _guide(head, title="New").slug == "new-3"


def test_a_retitled_guide_keeps_its_address(client, clock, head):
    guide = _guide(head)
    guides.guide_save(actor=head, guide=guide, title="How do I log correspondence?", body="Steps.", owner=head,
                      review_on=date(2027, 6, 1))  # fmt: skip
    guide.refresh_from_db()
    assert (guide.title, guide.slug) == ("How do I log correspondence?", "how-do-i-log-a-case")
