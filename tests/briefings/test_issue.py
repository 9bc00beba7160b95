"""Clearance, issue and revision (issue 12, "Clearance and issue"): who may clear (the Head of Mayor's Office or a
delegate named in the briefing rules, never while a commission is open), issuing numbered versions (a change
summary from version 2 on), the members told, revising, and the pages' refusals with clear messages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from briefings.models import BriefingSettings, Pack, PackStatus, PackVersion, RenderState
from briefings.services import issue as services
from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from tests.briefings.factories import make_commission, make_pack, make_section, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    make_section(pack)
    return pack


def cleared(pack, status=PackStatus.CLEARED):
    Pack.objects.filter(pk=pack.pk).update(status=status)
    return Pack.objects.get(pk=pack.pk)


def issue(actor, pack, capture, summary=""):
    with capture(execute=True):
        version = services.pack_issue(actor=actor, pack=pack, change_summary=summary)
    version.refresh_from_db()
    return version


# --- clearance ------------------------------------------------------------------------------------------------
def test_the_head_clears_a_pack(head, pack):
    services.pack_clear(actor=head, pack=pack)
    pack.refresh_from_db()
    assert pack.status == PackStatus.CLEARED
    assert pack.cleared_by == head and pack.cleared_at is not None


def test_clearance_is_refused_while_a_commission_is_open(head, officer_a, directorate_contact, pack):
    make_commission(pack.sections.first(), assignee=directorate_contact, requested_by=officer_a)
    with pytest.raises(ServiceError, match="Accept or cancel the open commissions before clearing the pack"):
        services.pack_clear(actor=head, pack=pack)
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.DRAFT


def test_a_clearance_delegate_named_in_the_rules_may_clear(officer_a, pack):
    with pytest.raises(PermissionDenied):
        services.pack_clear(actor=officer_a, pack=pack)
    rules = BriefingSettings.objects.create()
    rules.clearance_delegates.add(officer_a)
    officer_a = type(officer_a).objects.get(pk=officer_a.pk)  # a user's facts are read once a request: a new one
    services.pack_clear(actor=officer_a, pack=pack)
    assert Pack.objects.get(pk=pack.pk).cleared_by == officer_a


def test_another_officer_cannot_clear(client, officer_b, pack):
    with pytest.raises(PermissionDenied):
        services.pack_clear(actor=officer_b, pack=pack)
    client.force_login(officer_b)
    assert client.post(reverse("briefings:pack_clear", args=[pack.pk])).status_code == 403
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.DRAFT


def test_the_clear_button_shows_the_reason_when_a_commission_is_open(
    client, head, officer_a, directorate_contact, pack
):
    make_commission(pack.sections.first(), assignee=directorate_contact, requested_by=officer_a)
    client.force_login(head)
    response = client.post(reverse("briefings:pack_clear", args=[pack.pk]), follow=True)
    assert response.status_code == 200
    assert "Accept or cancel the open commissions before clearing the pack" in response.content.decode()
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.DRAFT


def test_clearing_a_pack_someone_has_changed_since_is_refused(client, head, pack):
    client.force_login(head)
    response = client.post(reverse("briefings:pack_clear", args=[pack.pk]), {"version": pack.version + 1}, follow=True)
    assert response.status_code == 200
    assert "Someone else changed this record while you were working on it" in response.content.decode()
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.DRAFT


def test_reopening_a_cleared_pack(client, head, officer_a, pack):
    pack = cleared(pack)
    client.force_login(officer_a)
    response = client.post(reverse("briefings:pack_reopen", args=[pack.pk]), {"version": pack.version})
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.status == PackStatus.DRAFT and pack.cleared_at is None


# --- issue ----------------------------------------------------------------------------------------------------
def test_issuing_freezes_version_1_renders_it_and_tells_the_member(
    officer_a, member_a_user, pack, django_capture_on_commit_callbacks
):
    make_section(pack, "papers", title="Background papers", paper=pdf_file(2), paper_name="plan.pdf", paper_pages=2)
    version = issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    assert (pack.status, pack.latest_version, version.number) == (PackStatus.ISSUED, 1, 1)
    assert [s["title"] for s in version.snapshot] == ["Summary briefing note", "Background papers"]
    assert version.snapshot[1]["paper_pages"] == 2 and version.snapshot[1]["paper_file"]
    assert version.render_state == RenderState.READY and version.papers_done == version.papers_total == 1
    assert version.pages >= 5 and len(version.sha256) == 64
    email = Notification.objects.get(kind="briefings.version_issued")
    assert email.to == [member_a_user.email]
    assert "version 1" in email.subject


def test_a_pack_must_be_cleared_before_it_is_issued(officer_a, pack):
    with pytest.raises(ServiceError, match="Clear the pack before issuing it"):
        services.pack_issue(actor=officer_a, pack=pack)
    assert not PackVersion.objects.exists()


def test_version_2_needs_a_change_summary(officer_a, pack, django_capture_on_commit_callbacks):
    issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    services.pack_revise(actor=officer_a, pack=pack)
    pack = cleared(pack)
    with pytest.raises(ServiceError, match="Say what has changed since version 1"):
        services.pack_issue(actor=officer_a, pack=pack, change_summary="   ")
    assert PackVersion.objects.count() == 1
    version = issue(officer_a, pack, django_capture_on_commit_callbacks, summary="New press lines")
    assert version.number == 2 and version.change_summary == "New press lines"


def test_the_issue_page_asks_for_the_change_summary_and_saves_nothing_without_it(
    client, officer_a, pack, django_capture_on_commit_callbacks
):
    issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    services.pack_revise(actor=officer_a, pack=pack)
    pack = cleared(pack)
    client.force_login(officer_a)
    url = reverse("briefings:pack_issue", args=[pack.pk])
    assert "What has changed since the last version" in client.get(url).content.decode()
    response = client.post(url, {"change_summary": "", "version": pack.version})
    assert response.status_code == 200
    assert "Enter what has changed since the last version" in response.content.decode()
    response = client.post(url, {"change_summary": "x" * 2001, "version": pack.version})
    assert "The change summary must be 2,000 characters or fewer" in response.content.decode()
    assert PackVersion.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"change_summary": "Speech shortened", "version": pack.version})
    assert response.status_code == 302 and response["Location"] == reverse("briefings:version", args=[pack.pk, 2])


def test_an_unreadable_paper_stops_the_issue_with_a_message(officer_a, pack):
    section = make_section(pack, "papers", title="Papers", paper=pdf_file(1), paper_name="plan.pdf")
    section.paper.storage.delete(section.paper.name)
    with pytest.raises(ServiceError, match="plan.pdf .* could not be read"):
        services.pack_issue(actor=officer_a, pack=cleared(pack))
    assert not PackVersion.objects.exists()


def test_revising_an_issued_pack_keeps_the_member_on_the_latest_issued_version(
    client, officer_a, member_a_user, pack, django_capture_on_commit_callbacks
):
    version = issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    services.pack_revise(actor=officer_a, pack=pack)
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.DRAFT
    client.force_login(member_a_user)
    response = client.get(reverse("briefings:pack_latest_pdf", args=[pack.pk]))
    assert response.status_code == 200
    with version.pdf.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_a_failed_render_is_shown_with_its_reason_and_can_be_done_again(
    client, officer_a, pack, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ValueError("the printer is on fire")

    monkeypatch.setattr("briefings.pdf.render_pack", broken)
    version = issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    assert version.render_state == RenderState.FAILED
    assert "the printer is on fire" in version.render_error and not version.pdf
    client.force_login(officer_a)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "could not be prepared" in page and "the printer is on fire" in page
    assert client.get(reverse("briefings:version_pdf", args=[pack.pk, 1]))["Location"] == version.get_absolute_url()
    monkeypatch.undo()
    services.version_render(actor=None, version=version)
    version.refresh_from_db()
    assert version.render_state == RenderState.READY and version.render_error == ""


def test_the_draft_pdf_is_the_live_pack_marked_draft_for_the_office_only(client, officer_a, member_a_user, pack):
    client.force_login(officer_a)
    response = client.get(reverse("briefings:pack_draft_pdf", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    client.force_login(member_a_user)
    assert client.get(reverse("briefings:pack_draft_pdf", args=[pack.pk])).status_code == 404  # not issued: unseen


def test_a_member_of_another_pack_cannot_open_its_versions(
    client, officer_a, pack, member_b, django_capture_on_commit_callbacks
):
    from mayoral_office.roles import Role
    from tests.mayoral_office.factories import UserFactory

    issue(officer_a, cleared(pack), django_capture_on_commit_callbacks)
    other = UserFactory(role=Role.MEMBER, full_name=member_b.name)
    member_b.user = other
    member_b.save()
    client.force_login(other)
    for name in ("version", "version_pdf", "version_progress", "version_changes"):
        assert client.get(reverse(f"briefings:{name}", args=[pack.pk, 1])).status_code == 404, name
    assert client.get(reverse("briefings:pack_latest_pdf", args=[pack.pk])).status_code == 404
    assert client.get(f"/briefings/packs/{pack.pk}/versions/{10**30}/").status_code == 404


def test_the_pack_page_offers_clearance_issue_and_revision_as_the_policy_allows(
    client, head, officer_a, officer_b, pack, django_capture_on_commit_callbacks
):
    url = pack.get_absolute_url()
    client.force_login(head)
    page = client.get(url).content.decode()
    assert 'data-action="pack.clear"' in page and 'data-action="pack.issue"' not in page
    client.force_login(officer_b)
    assert 'data-action="pack.clear"' not in client.get(url).content.decode()
    pack = cleared(pack)
    client.force_login(officer_a)
    page = client.get(url).content.decode()
    assert 'data-action="pack.issue"' in page and 'data-action="pack.reopen"' in page
    issue(officer_a, pack, django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert 'data-action="pack.revise"' in page and 'data-action="pack.issue"' not in page
    assert reverse("briefings:version_pdf", args=[pack.pk, 1]) in page


def test_the_management_command_renders_the_versions_a_worker_missed(officer_a, pack):
    from io import StringIO

    from django.core.management import call_command

    version = services.pack_issue(actor=officer_a, pack=cleared(pack))  # queued; the commit never comes here
    out = StringIO()
    call_command("render_pack_version", stdout=out)
    version.refresh_from_db()
    assert version.render_state == RenderState.READY
    assert f"Pack version {version.pk}: ready" in out.getvalue()
    before = version.sha256
    call_command("render_pack_version", "--version-id", str(version.pk), stdout=StringIO())  # made once only
    version.refresh_from_db()
    assert version.sha256 == before
