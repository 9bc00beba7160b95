"""Who reaches what in meetings and agendas (issue 11, acceptance 6): a confidential or exempt agenda item, and its
paper, reach only the Head of Mayor's Office, its lead officer (an officer of the office) and the members of its
portfolio; never an intern or a directorate contact, through any list, search, page, paper, pack or URL."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from decisions.services import meetings as services
from mayoral_office.models import AccessLog
from tests.decisions.factories import make_item, make_meeting
from tests.decisions.scenarios_meetings import PDF
from tests.mayoral_office.factories import PortfolioFactory

pytestmark = pytest.mark.django_db

SECRET_TITLES = ("Chief Executive pay award", "Sale of the depot site")


@pytest.fixture
def agenda(head, officer_a, directorate_contact, member_a):
    portfolio = PortfolioFactory(name="Resources")
    member_a.portfolios.add(portfolio)
    meeting = make_meeting()
    items = {
        "open": make_item(meeting, "Winter pressures", lead_officer=directorate_contact),
        "confidential": make_item(
            meeting, SECRET_TITLES[0], confidential=True, lead_officer=officer_a, portfolio=portfolio
        ),
        "exempt": make_item(meeting, SECRET_TITLES[1], exempt_category=3, lead_officer=directorate_contact),
    }
    for item in items.values():
        paper = SimpleUploadedFile(f"{item.pk}.pdf", PDF, content_type="application/pdf")
        services.agenda_item_upload_paper(actor=head, item=item, paper=paper)
    return meeting, items


def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("who", ["intern", "directorate_contact"])
def test_an_intern_or_a_directorate_contact_never_reaches_a_restricted_item(request, client, agenda, who):
    meeting, items = agenda
    client.force_login(request.getfixturevalue(who))
    pages = [
        client.get(reverse("decisions:meetings"), follow=True).content.decode(),
        client.get(reverse("decisions:meetings"), {"q": "depot"}).content.decode(),
        client.get(meeting.get_absolute_url()).content.decode(),
        _pdf_text(client.get(reverse("decisions:meeting-pack", args=[meeting.pk]))),
        _pdf_text(client.get(reverse("decisions:meeting-pack", args=[meeting.pk]), {"public": "1"})),
    ]
    for page in pages:
        assert not any(title in page for title in SECRET_TITLES)
    assert "Winter pressures" in pages[2]  # the open item, which the contact leads, is there
    for name in ("confidential", "exempt"):
        item = items[name]
        for url in ("decisions:agenda-item", "decisions:agenda-item-paper-file", "decisions:agenda-item-edit"):
            assert client.get(reverse(url, args=[item.pk])).status_code == 404
    search = client.get(reverse("decisions:meetings"), {"q": "depot"}).context["page"]
    assert list(search) == []


def test_the_lead_officer_and_the_portfolio_member_see_the_confidential_item_and_its_paper(
    client, agenda, officer_a, member_a_user, member_a
):
    meeting, items = agenda
    meeting.body.members.add(member_a)
    for user in (officer_a, member_a_user):
        client.force_login(user)
        assert client.get(items["confidential"].get_absolute_url()).status_code == 200
        assert (
            client.get(reverse("decisions:agenda-item-paper-file", args=[items["confidential"].pk])).status_code == 200
        )
        assert (
            client.get(items["exempt"].get_absolute_url()).status_code == 404
        )  # neither leads it nor holds its portfolio
        assert SECRET_TITLES[0] in client.get(meeting.get_absolute_url()).content.decode()


def test_the_head_sees_every_item_and_each_read_of_a_restricted_one_is_logged(client, agenda, head):
    meeting, items = agenda
    client.force_login(head)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert all(title in page for title in SECRET_TITLES)
    client.get(items["exempt"].get_absolute_url())
    assert AccessLog.objects.filter(user=head, object_id=str(items["exempt"].pk)).exists()


def test_a_member_sees_only_the_meetings_of_bodies_they_sit_on(client, agenda, member_a_user, member_a):
    meeting, _ = agenda
    client.force_login(member_a_user)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    meeting.body.members.add(member_a)
    assert client.get(meeting.get_absolute_url()).status_code == 200
