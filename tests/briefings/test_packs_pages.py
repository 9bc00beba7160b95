"""The pack pages through the client: the list (filters, search by reference, stages including late), making a
pack for an engagement, a meeting or standalone (prefilled; 404 for an engagement the user may not see), the pack
page, changing and withdrawing a pack, and the section pages. Bad input gets a clear message, never a 500."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from briefings.models import Pack, PackStatus, SectionKind
from tests.briefings.factories import make_commission, make_pack, make_section, pdf_bytes
from tests.decisions.factories import make_meeting
from tests.diary.factories import at, date_parts, make_engagement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


def _titles(response):
    return [row.title for row in response.context["rows"]]


def test_the_list_filters_by_stage_reference_and_kind(client, officer_a, member_a, directorate_contact):
    late = make_pack(member_a, lead_officer=officer_a, title="Late one", due_on=date(2026, 12, 1))
    commissioned = make_pack(member_a, lead_officer=officer_a, title="Asked one")
    make_commission(make_section(commissioned), assignee=directorate_contact, requested_by=officer_a)
    drafting = make_pack(member_a, lead_officer=officer_a, title="Drafting one")
    make_pack(member_a, lead_officer=officer_a, title="Gone", status=PackStatus.WITHDRAWN)
    issued = make_pack(member_a, lead_officer=officer_a, title="Issued one", status=PackStatus.ISSUED, latest_version=1)
    client.force_login(officer_a)
    url = reverse("briefings:pack_list")
    assert _titles(client.get(url)) == ["Late one", "Asked one", "Drafting one", "Issued one"]
    assert _titles(client.get(url, {"stage": "late"})) == ["Late one"]
    assert _titles(client.get(url, {"stage": "commissioned"})) == ["Asked one"]
    assert _titles(client.get(url, {"stage": "in_draft"})) == ["Drafting one"]
    assert _titles(client.get(url, {"stage": "issued"})) == ["Issued one"]
    assert _titles(client.get(url, {"stage": "withdrawn"})) == ["Gone"]
    assert _titles(client.get(url, {"q": drafting.reference})) == ["Drafting one"]
    assert _titles(client.get(url, {"q": f"bp{drafting.pk}"})) == ["Drafting one"]
    assert _titles(client.get(url, {"q": "asked"})) == ["Asked one"]
    assert _titles(client.get(url, {"kind": "standalone", "ordering": "-title"})) == [
        "Late one", "Issued one", "Drafting one", "Asked one"
    ]  # fmt: skip
    page = client.get(url).content.decode()
    assert "Late" in page and late.reference in page and issued.reference in page


@pytest.mark.parametrize(
    "query",
    [{"member": "99999999999999999999999"}, {"due_from": "2026-12-10", "due_to": "2026-12-01"}, {"stage": "lost"}],
)
def test_bad_filters_are_shown_as_errors_not_a_500(client, officer_a, query):
    client.force_login(officer_a)
    response = client.get(reverse("briefings:pack_list"), query)
    assert response.status_code == 200
    assert "There is a problem with the filters" in response.content.decode()


def test_an_officer_creates_a_pack_for_an_engagement_from_the_prefilled_form(client, officer_a, member_a):
    engagement = make_engagement(
        member_a, start=at(2026, 12, 29, 10), title="New year reception", lead_officer=officer_a
    )
    client.force_login(officer_a)
    url = reverse("briefings:pack_create") + f"?engagement={engagement.pk}"
    form = client.get(url).context["form"]
    assert form.initial["members"] == [member_a.pk] and form.initial["title"] == "Briefing: New year reception"
    assert "due_on" not in form.fields
    data = {
        "title": "New year reception",
        "members": [member_a.pk],
        "marking": "OFFICIAL",
        "lead_officer": officer_a.pk,
        "section_kinds": ["summary", "background"],
    }
    response = client.post(url, data)
    pack = Pack.objects.get()
    assert response.status_code == 302 and response["Location"] == pack.get_absolute_url()
    assert pack.engagement == engagement and pack.due_on == date(2026, 12, 23)
    assert list(pack.sections.values_list("kind", flat=True)) == ["summary", "background"]


def test_a_meeting_or_engagement_the_user_may_not_see_is_404(client, officer_b, member_a):
    engagement = make_engagement(member_a, start=at(2026, 12, 9, 10))
    client.force_login(officer_b)
    assert client.get(reverse("briefings:pack_create") + f"?engagement={engagement.pk}").status_code == 404
    assert client.get(reverse("briefings:pack_create") + "?meeting=123456").status_code == 404
    assert client.get(reverse("briefings:pack_create") + "?engagement=abc").status_code == 404


def test_a_meeting_pack_form_and_a_standalone_pack_with_errors(client, officer_a, member_a):
    meeting = make_meeting("CAB", start=at(2026, 12, 8, 18, 30))
    client.force_login(officer_a)
    page = client.get(reverse("briefings:pack_create") + f"?meeting={meeting.pk}")
    assert page.status_code == 200 and "Cabinet" in page.content.decode()
    response = client.post(
        reverse("briefings:pack_create"),
        {"title": "", "marking": "OFFICIAL", "lead_officer": officer_a.pk, **date_parts("due_on", (1, 12, 2026))},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the pack&#x27;s title" in html and "Choose at least one member the pack is for" in html
    response = client.post(
        reverse("briefings:pack_create"),
        {
            "title": "Housing note",
            "members": [member_a.pk],
            "marking": "OFFICIAL",
            "lead_officer": officer_a.pk,
            **date_parts("due_on", (1, 12, 2026)),
        },
    )
    assert "The due date must be today or in the future" in response.content.decode()
    assert not Pack.objects.exists()


def test_changing_and_withdrawing_a_pack(client, officer_a, member_a, member_b):
    pack = make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 9))
    client.force_login(officer_a)
    url = reverse("briefings:pack_edit", args=[pack.pk])
    assert client.get(url).context["form"].initial["title"] == pack.title
    data = {
        "version": 1,
        "title": "Changed",
        "members": [member_a.pk, member_b.pk],
        "marking": "OFFICIAL-SENSITIVE",
        "lead_officer": officer_a.pk,
        **date_parts("due_on", (10, 12, 2026)),
    }
    assert client.post(url, data).status_code == 302
    pack.refresh_from_db()
    assert (pack.title, pack.due_on, pack.members.count()) == ("Changed", date(2026, 12, 10), 2)
    stale = client.post(url, data)
    assert stale.status_code == 200 and "Someone else changed this record" in stale.content.decode()
    withdraw = reverse("briefings:pack_withdraw", args=[pack.pk])
    assert "Enter why the pack is withdrawn" in client.post(withdraw, {"reason": ""}).content.decode()
    assert client.post(withdraw, {"reason": "Called off", "version": pack.version}).status_code == 302
    assert Pack.objects.get().status == PackStatus.WITHDRAWN
    assert client.get(url).status_code == 302  # back to the pack with the reason


def test_the_section_pages(client, officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    summary = make_section(pack)
    client.force_login(officer_a)
    response = client.post(reverse("briefings:section_add", args=[pack.pk]), {"kind": "papers", "title": ""})
    papers = pack.sections.get(kind=SectionKind.PAPERS)
    assert response.status_code == 302 and papers.position == 2
    move = reverse("briefings:section_reorder", args=[pack.pk])
    assert client.post(move, {"section": papers.pk, "direction": "up"}).status_code == 302
    assert list(pack.sections.order_by("position").values_list("kind", flat=True)) == ["papers", "summary"]
    assert client.post(move, {"section": "999999", "direction": "up"}).status_code == 404
    assert client.get(move).status_code == 405
    edit = reverse("briefings:section_edit", args=[summary.pk])
    response = client.post(edit, {"title": "Summary", "body": "**Bold** <b>x</b>", "version": summary.version})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.body == "**Bold** x"
    upload = reverse("briefings:section_paper", args=[papers.pk])
    bad = client.post(upload, {"paper": SimpleUploadedFile("notes.pdf", b"hello")})
    assert "The background paper must be a PDF" in bad.content.decode()
    good = client.post(upload, {"paper": SimpleUploadedFile("Budget.pdf", pdf_bytes(2))})
    assert good.status_code == 302
    download = client.get(reverse("briefings:section_paper_download", args=[papers.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    page = client.get(pack.get_absolute_url()).content.decode()
    assert "Budget.pdf (PDF, 2 pages)" in page and "<strong>Bold</strong>" in page
    remove = reverse("briefings:section_remove", args=[summary.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove, {"version": summary.version}).status_code == 302
    assert list(pack.sections.values_list("kind", "position")) == [("papers", 1)]


def test_a_member_cannot_reach_the_section_pages_or_the_paper(client, officer_a, member_a, member_a_user):
    pack = make_pack(member_a, lead_officer=officer_a, status=PackStatus.ISSUED, latest_version=1)
    section = make_section(pack)
    client.force_login(member_a_user)
    assert client.get(reverse("briefings:section_edit", args=[section.pk])).status_code == 403
    assert client.get(reverse("briefings:section_paper_download", args=[section.pk])).status_code == 403
    assert client.get(reverse("briefings:pack_edit", args=[pack.pk])).status_code == 403


def test_the_list_selector_takes_the_filters_and_counts_open_commissions(officer_a, member_a, directorate_contact):
    from briefings.selectors import packs as selectors

    late = make_pack(member_a, lead_officer=officer_a, title="Late one", due_on=date(2026, 12, 1))
    asked = make_pack(member_a, lead_officer=officer_a, title="Asked one")
    make_commission(make_section(asked), assignee=directorate_contact, requested_by=officer_a)
    assert [p.title for p in selectors.pack_list(officer_a, {"stage": "late"})] == ["Late one"]
    assert list(selectors.pack_list(officer_a, {"stage": "nonsense"})) == []
    rows = {p.pk: p for p in selectors.with_stages(selectors.pack_list(officer_a))}
    assert (rows[late.pk].current_stage, rows[asked.pk].current_stage) == ("late", "commissioned")
    assert rows[asked.pk].open_commissions == 1
