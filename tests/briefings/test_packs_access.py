"""Who sees which pack (issue 12, "Access"): an OFFICIAL-SENSITIVE pack is 404 to an officer who neither leads it
nor supports one of its members, and every reading of one is access-logged; a member sees only the packs issued to
them, and on the pack page only the issued version, never the sections in preparation; a directorate contact is
refused the list (403)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Marking, PackStatus, PackVersion, SectionKind
from mayoral_office.models import AccessLog
from tests.briefings.factories import make_pack, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def sensitive(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a, marking=Marking.OFFICIAL_SENSITIVE, title="Tenancy dispute")
    make_section(pack, SectionKind.SUMMARY, body="The landlord's position")
    return pack


def _issue(pack, by):
    pack.status, pack.latest_version = PackStatus.ISSUED, 1
    pack.save()
    return PackVersion.objects.create(pack=pack, number=1, issued_at=timezone.now(), issued_by=by, marking=pack.marking)


def test_an_officer_not_supporting_its_member_cannot_open_a_sensitive_pack(client, officer_b, intern, sensitive):
    section = sensitive.sections.get()
    for user in (officer_b, intern):
        client.force_login(user)
        for url in (
            sensitive.get_absolute_url(),
            reverse("briefings:pack_edit", args=[sensitive.pk]),
            reverse("briefings:section_edit", args=[section.pk]),
            reverse("briefings:section_paper_download", args=[section.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert sensitive.title not in client.get(reverse("briefings:pack_list")).content.decode()
    assert not AccessLog.objects.exists()


def test_reading_a_sensitive_pack_is_logged(client, officer_a, sensitive):
    client.force_login(officer_a)
    response = client.get(sensitive.get_absolute_url(), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200 and "OFFICIAL-SENSITIVE" in response.content.decode()
    entry = AccessLog.objects.get()
    assert (entry.user, entry.object_id, entry.action, entry.ip_address) == (
        officer_a, str(sensitive.pk), "viewed", "10.1.2.3"
    )  # fmt: skip


def test_reading_an_official_pack_is_not_logged(client, officer_b, officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    client.force_login(officer_b)
    assert client.get(pack.get_absolute_url()).status_code == 200
    assert not AccessLog.objects.exists()


def test_a_member_sees_only_their_issued_packs_and_only_the_issued_version(
    client, officer_a, member_a, member_b, member_a_user
):
    draft = make_pack(member_a, lead_officer=officer_a, title="Still in draft")
    issued = make_pack(member_a, lead_officer=officer_a, title="Issued to Alice")
    make_section(issued, body="Words being revised")
    _issue(issued, officer_a)
    others = make_pack(member_b, lead_officer=officer_a, title="Issued to Bob")
    _issue(others, officer_a)
    client.force_login(member_a_user)
    listed = client.get(reverse("briefings:pack_list"))
    assert [p.title for p in listed.context["rows"]] == ["Issued to Alice"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(others.get_absolute_url()).status_code == 404
    page = client.get(issued.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("briefings:version", args=[issued.pk, 1]) in html
    assert reverse("briefings:pack_latest_pdf", args=[issued.pk]) in html
    assert "Words being revised" not in html and 'id="sections"' not in html
    assert page.context["sections"] == []
    assert 'data-action="pack.edit"' not in html and 'data-action="section.edit"' not in html


def test_a_directorate_contact_is_refused_the_list_and_cannot_open_a_pack(
    client, directorate_contact, officer_a, member_a
):
    pack = make_pack(member_a, lead_officer=officer_a)
    client.force_login(directorate_contact)
    assert client.get(reverse("briefings:pack_list")).status_code == 403
    assert client.get(reverse("briefings:pack_create")).status_code == 403
    assert client.get(pack.get_absolute_url()).status_code == 403


def test_tampered_ids_are_not_found(client, officer_a):
    client.force_login(officer_a)
    for url in ("/briefings/packs/99999999999999999999999/", "/briefings/sections/99999999999999999999/edit/"):
        assert client.get(url).status_code == 404
