"""Issued versions (issue 12, acceptance 4): issuing version 2 keeps version 1's PDF byte for byte, however the
sections and papers change; "what changed since version N" section by section, with a word-level difference shown
safely; the progress box htmx polls; pinned query counts for the version page and the latest PDF."""

import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from briefings.models import Pack, PackStatus, PackVersion, RenderState, Section
from briefings.selectors import versions as read
from briefings.services import issue as services
from tests.briefings.factories import make_pack, make_section, pdf_file
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db


def clear(pack):
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.CLEARED)
    return Pack.objects.get(pk=pack.pk)


def issue(actor, pack, capture, summary=""):
    with capture(execute=True):
        version = services.pack_issue(actor=actor, pack=clear(pack), change_summary=summary)
    version.refresh_from_db()
    return version


def file_bytes(version):
    with version.pdf.open("rb") as handle:
        return handle.read()


@pytest.fixture
def pack(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    make_section(pack, "summary", body="The hub opens on Saturday at eleven.")
    make_section(pack, "papers", title="Site plan", body="", paper=pdf_file(2, text="Old plan"), paper_name="plan.pdf")
    make_section(pack, "press", body="No comment on the budget.")
    return pack


def test_issuing_version_2_keeps_version_1_byte_for_byte(
    officer_a, member_a_user, client, pack, django_capture_on_commit_callbacks
):
    first = issue(officer_a, pack, django_capture_on_commit_callbacks)
    before = file_bytes(first)
    assert hashlib.sha256(before).hexdigest() == first.sha256
    # everything changes: the text, the paper (replaced in place), a section removed and one added
    services.pack_revise(actor=officer_a, pack=pack)
    summary, papers, press = pack.sections.order_by("position")
    Section.objects.filter(pk=summary.pk).update(body="The hub opens on Sunday at noon.", title="Summary")
    with papers.paper.storage.open(papers.paper.name, "wb") as handle:
        handle.write(pdf_file(4, text="New plan").read())
    press.delete()
    make_section(pack, "qa", body="Q: Why now? A: The library closed.")
    second = issue(officer_a, pack, django_capture_on_commit_callbacks, summary="New date and plan")
    assert second.number == 2 and second.render_state == RenderState.READY
    first.refresh_from_db()
    after = file_bytes(first)
    assert after == before
    assert hashlib.sha256(after).hexdigest() == first.sha256
    assert file_bytes(second) != before and second.sha256 != first.sha256
    # rendering version 1 again (a retry, a worker run twice) never rewrites it
    services.version_render(actor=None, version=first)
    first.refresh_from_db()
    assert file_bytes(first) == before
    # and the member downloads exactly those bytes for version 1, and the new version as the latest
    client.force_login(member_a_user)
    old = client.get(reverse("briefings:version_pdf", args=[pack.pk, 1]))
    assert b"".join(old.streaming_content) == before
    latest = client.get(reverse("briefings:pack_latest_pdf", args=[pack.pk]))
    assert b"".join(latest.streaming_content) == file_bytes(second)


def test_what_changed_section_by_section_with_a_word_level_difference(
    officer_a, client, pack, django_capture_on_commit_callbacks
):
    issue(officer_a, pack, django_capture_on_commit_callbacks)
    services.pack_revise(actor=officer_a, pack=pack)
    summary, papers, press = pack.sections.order_by("position")
    Section.objects.filter(pk=summary.pk).update(body="The hub opens on Sunday at eleven. <b>Bold</b> & more")
    papers.paper = pdf_file(3, text="New plan")
    papers.paper_name = "plan-v2.pdf"
    papers.save()
    press.delete()
    make_section(pack, "qa", body="Q: Why now?")
    second = issue(officer_a, pack, django_capture_on_commit_callbacks, summary="New date")
    older = PackVersion.objects.get(pack=pack, number=1)
    changes = {c.title: c for c in read.changes_between(older.snapshot, second.snapshot)}
    assert {t: c.state for t, c in changes.items()} == {
        "Summary briefing note": "changed",
        "Site plan": "changed",
        "Questions and answers": "added",
        "Press lines": "removed",
    }
    diff = str(changes["Summary briefing note"].diff)
    assert "<del>Saturday</del><ins>Sunday</ins>" in diff
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; more" in diff  # escaped: shown as typed, never markup
    assert changes["Site plan"].notes == ["Paper replaced: now plan-v2.pdf (3 pages)"]
    client.force_login(officer_a)
    page = client.get(reverse("briefings:version_changes", args=[pack.pk, 2])).content.decode()
    assert "What changed in version 2 since version 1" in page
    assert "<del>Saturday</del><ins>Sunday</ins>" in page and "<b>Bold</b>" not in page


def test_unchanged_sections_are_said_to_be_unchanged(officer_a, pack, django_capture_on_commit_callbacks):
    first = issue(officer_a, pack, django_capture_on_commit_callbacks)
    changes = read.changes_between(first.snapshot, first.snapshot)
    assert [c.state for c in changes] == ["unchanged"] * 3 and all(c.diff is None for c in changes)


def test_the_changes_page_refuses_a_version_that_is_not_earlier_with_a_message(
    officer_a, client, pack, django_capture_on_commit_callbacks
):
    issue(officer_a, pack, django_capture_on_commit_callbacks)
    services.pack_revise(actor=officer_a, pack=pack)
    issue(officer_a, pack, django_capture_on_commit_callbacks, summary="Again")
    client.force_login(officer_a)
    url = reverse("briefings:version_changes", args=[pack.pk, 2])
    for bad in ("2", "7", "x", "-1", "9" * 40):
        response = client.get(url, {"since": bad})
        assert response.status_code == 200
        assert "Choose an earlier version of this pack" in response.content.decode()
    assert client.get(url, {"since": "1"}).status_code == 200
    first_page = client.get(reverse("briefings:version_changes", args=[pack.pk, 1])).content.decode()
    assert "nothing earlier to compare it with" in first_page


def test_the_progress_box_polls_until_the_pdf_is_ready(officer_a, client, pack):
    version = services.pack_issue(actor=officer_a, pack=clear(pack))  # its render waits for a commit
    client.force_login(officer_a)
    url = reverse("briefings:version_progress", args=[pack.pk, 1])
    waiting = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "Preparing your pack…" in waiting
    cache.set(read.progress_key(version.pk), {"done": 1, "total": 1})
    assert "1 of 1 paper" in client.get(url).content.decode()
    services.version_render(actor=None, version=version)
    ready = client.get(url).content.decode()
    assert "hx-trigger" not in ready and "Your pack is ready" in ready
    assert reverse("briefings:version_pdf", args=[pack.pk, 1]) in ready
    page = client.get(version.get_absolute_url()).content.decode()
    assert 'aria-live="polite"' in page and "Your pack is ready" in page


def test_a_version_s_pdf_is_its_page_until_it_is_ready(officer_a, client, pack):
    services.pack_issue(actor=officer_a, pack=clear(pack))
    client.force_login(officer_a)
    for url in (
        reverse("briefings:version_pdf", args=[pack.pk, 1]),
        reverse("briefings:pack_latest_pdf", args=[pack.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("briefings:version", args=[pack.pk, 1])


# --- pinned query counts --------------------------------------------------------------------------------------
VERSION_PAGE = [
    "the version with its pack and who issued it",
    "the pack's members (who may see it)",
    "the pack's versions with who issued each",
]
LATEST_PDF = [
    "the pack",
    "its members (who may see it)",
    "its latest version",
]
# Who the user is, as briefings reads it: an officer may be a clearance delegate (the briefing rules); a member's
# pages also show the menu, whose decisions section reads the member's portfolios.
DELEGATE = ["whether the officer is a clearance delegate"]
EXTRA = {
    "officer_a": {"page": DELEGATE, "pdf": DELEGATE},
    "member_a_user": {"page": ["the member's portfolios (the menu's decisions section)"], "pdf": []},
}


def _versions(n, officer, pack, capture):
    for i in range(n):
        services.pack_issue(actor=officer, pack=clear(pack), change_summary=f"Change {i}")
        services.pack_revise(actor=officer, pack=Pack.objects.get(pk=pack.pk))
    services.pack_issue(actor=officer, pack=clear(pack), change_summary="Last")


@pytest.mark.parametrize("persona", ["officer_a", "member_a_user"])
def test_the_version_page_and_latest_pdf_run_pinned_queries_at_10_and_100_versions(
    request, client, officer_a, pack, persona, django_assert_num_queries, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    total = 0
    for n in (9, 90):
        _versions(n, officer_a, pack, django_capture_on_commit_callbacks)
        total += n + 1
        version = PackVersion.objects.get(pack=pack, number=total)
        services.version_render(actor=None, version=version)
        page = version.get_absolute_url()
        latest = reverse("briefings:pack_latest_pdf", args=[pack.pk])
        client.get(page)
        with django_assert_num_queries(len(SIGNED_IN + OFFICER + VERSION_PAGE + EXTRA[persona]["page"])):
            assert client.get(page).status_code == 200
        with django_assert_num_queries(len(SIGNED_IN + OFFICER + LATEST_PDF + EXTRA[persona]["pdf"])):
            assert client.get(latest).status_code == 200


def test_every_read_of_an_official_sensitive_version_is_access_logged(
    officer_a, member_a_user, client, pack, django_capture_on_commit_callbacks
):
    from mayoral_office.models import AccessLog

    Pack.objects.filter(pk=pack.pk).update(marking="OFFICIAL-SENSITIVE")
    version = issue(officer_a, Pack.objects.get(pk=pack.pk), django_capture_on_commit_callbacks)
    assert version.marking == "OFFICIAL-SENSITIVE"
    client.force_login(member_a_user)
    before = AccessLog.objects.count()
    for url in (version.get_absolute_url(), reverse("briefings:version_pdf", args=[pack.pk, 1])):
        assert client.get(url).status_code == 200
    logged = AccessLog.objects.filter(user=member_a_user).order_by("pk")
    assert AccessLog.objects.count() == before + 2 == logged.count() + before
    assert {entry.object_id for entry in logged} == {str(version.pk)}
