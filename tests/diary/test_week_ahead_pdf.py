"""The week-ahead pack: a PDF per member, day by day, Monday to Sunday."""

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from tests.briefings.factories import make_commission, make_pack, make_section
from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, *, first_page_only=False) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", "-layout"] + (["-f", "1", "-l", "1"] if first_page_only else []) + [str(path), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_week_ahead_pdf_shows_member_and_days_of_week(client, exec_officer, mayor):
    engagement = make_engagement(
        mayor.member,
        start=at(2026, 6, 10, 14),
        title="Opening of Bow Library",
        location="Bow Library",
        contact_name="Sam Green",
        contact_phone="020 7946 0123",
        briefing_required=True,
    )
    # where its briefing has got to comes from its pack: a section asked of a directorate is out
    pack = make_pack(mayor.member, lead_officer=exec_officer, engagement=engagement, due_on=date(2026, 6, 8))
    make_commission(make_section(pack), assignee=exec_officer, requested_by=exec_officer, due_on=date(2026, 6, 5))
    client.force_login(exec_officer)
    response = client.get(reverse("diary:week-ahead") + f"?member={mayor.member.pk}&date=2026-06-10")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    first_page = pdf_text(response.content, first_page_only=True)
    assert "Mayor Amina Rahman" in first_page
    for day in [
        "Monday 8 June 2026",
        "Tuesday 9 June 2026",
        "Wednesday 10 June 2026",
        "Thursday 11 June 2026",
    ]:
        assert day in first_page
    text = pdf_text(response.content)
    for day in ["Friday 12 June 2026", "Saturday 13 June 2026", "Sunday 14 June 2026"]:
        assert day in text
    assert "Opening of Bow Library" in text and "Bow Library" in text and "020 7946 0123" in text
    assert "Late" in text  # the pack was due on 8 June, and it is December (the frozen clock): never cleared


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_week_ahead_first_page_renders_to_png(client, exec_officer, mayor):
    client.force_login(exec_officer)
    pdf = client.get(reverse("diary:week-ahead") + f"?member={mayor.member.pk}&date=2026-06-10").content
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "doc.pdf", "page"], cwd=tmp, check=True)
        pngs = list(Path(tmp).glob("page*.png"))
        assert len(pngs) == 1 and pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_week_ahead_private_items_show_busy_to_intern(client, intern, member_a):
    make_engagement(member_a, start=at(2026, 6, 10, 9), title="Dentist", is_private=True)
    client.force_login(intern)
    text = pdf_text(client.get(reverse("diary:week-ahead") + f"?member={member_a.pk}&date=2026-06-10").content)
    assert "Busy" in text and "Dentist" not in text


def test_week_ahead_for_another_members_diary_is_404(client, officer_b, member_a):
    client.force_login(officer_b)
    assert client.get(reverse("diary:week-ahead") + f"?member={member_a.pk}").status_code == 404


def words_with_boxes(pdf: bytes) -> list[tuple[str, float, float]]:
    """(word, xMin, yMin) for every word of the first page, from pdftotext's bounding boxes."""
    import re

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    return [
        (word, float(x), float(y))
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_week_ahead_columns_are_the_same_width_every_day_and_phone_numbers_do_not_wrap(client, exec_officer, mayor):
    make_engagement(
        mayor.member,
        start=at(2026, 6, 8, 9),
        title="Quarterly meeting with the chairs of the tenants' and residents' associations of the borough",
        location="Committee Room 3, Eastbridge Town Hall, 160 Whitechapel Road, London E1 1BJ",
        contact_name="Sam Green",
        contact_phone="020 7946 0123",
    )
    make_engagement(mayor.member, start=at(2026, 6, 9, 9), title="Cabinet", location="Room 1", contact_name="Al")
    client.force_login(exec_officer)
    pdf = client.get(reverse("diary:week-ahead") + f"?member={mayor.member.pk}&date=2026-06-08").content
    words = words_with_boxes(pdf)
    for heading in ("Engagement", "Where", "Contact", "Briefing"):
        columns = {round(x) for word, x, _ in words if word == heading}
        assert len(columns) == 1, f"the {heading} column starts at {columns} on different days"
    phone = [y for word, _, y in words if word in ("020", "7946", "0123")]
    assert len(phone) == 3 and len({round(y) for y in phone}) == 1, "the phone number wraps"
