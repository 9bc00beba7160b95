"""The briefings landing page and "Your work" on the home page (issue 12), on the frozen clock (Wednesday
2 December 2026): packs due soon and late, late commissions, the sections asked of the user, a member's issued
packs; pinned query counts."""

from datetime import date

import pytest
from django.urls import reverse

from briefings.models import CommissionState, Marking, PackStatus
from briefings.selectors.home import home_work
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db
S = CommissionState


@pytest.fixture
def office(member_a, member_b, officer_a, officer_b, directorate_contact):
    """officer_a leads a pack due on Friday (with a late commission from the contact), a late pack and one due in
    three weeks; officer_b leads one due on Monday."""
    soon = make_pack(member_a, lead_officer=officer_a, title="Riverside hub opening", due_on=date(2026, 12, 4))
    late = make_pack(member_a, lead_officer=officer_a, title="Tenants' forum", due_on=date(2026, 12, 1))
    later = make_pack(member_a, lead_officer=officer_a, title="New year reception", due_on=date(2026, 12, 23))
    theirs = make_pack(member_b, lead_officer=officer_b, title="Budget consultation", due_on=date(2026, 12, 7))
    chased = make_commission(
        make_section(soon, title="Funding"),
        assignee=directorate_contact,
        requested_by=officer_a,
        due_on=date(2026, 12, 1),
    )
    asked = make_commission(
        make_section(theirs, title="Press lines"), assignee=officer_a, requested_by=officer_b, due_on=date(2026, 12, 4)
    )
    return {"soon": soon, "late": late, "later": later, "theirs": theirs, "chased": chased, "asked": asked}


def _lines(user) -> dict:
    return {item.label: (item.count, item.url) for item in home_work(user)}


def test_the_landing_page_of_a_lead_officer(client, officer_a, office):
    client.force_login(officer_a)
    response = client.get(reverse("briefings:index"))
    assert response.status_code == 200
    assert response.context["due_soon"] == [office["soon"]]
    assert response.context["late_packs"] == [office["late"]]
    assert response.context["late_commissions"] == [office["chased"]]
    assert response.context["asked"] == [office["asked"]]
    html = response.content.decode()
    for link in ("pack.list", "pack.create", "library.view", "commission.list_late"):
        assert f'data-action="{link}"' in html
    assert reverse("briefings:passage_list") in html and reverse("briefings:pack_create") in html
    assert "Budget consultation" not in html.split('id="asked"')[0]  # not theirs to lead


def test_the_head_sees_every_pack_due_and_late(client, head, office):
    client.force_login(head)
    response = client.get(reverse("briefings:index"))
    assert response.context["due_soon"] == [office["soon"], office["theirs"]]
    assert response.context["late_packs"] == [office["late"]]
    assert response.context["late_commissions"] == [office["chased"]]
    assert response.context["asked"] == []


def test_an_officer_who_leads_nothing_sees_nothing_to_chase(client, exec_officer, office):
    client.force_login(exec_officer)
    response = client.get(reverse("briefings:index"))
    assert response.context["due_soon"] == response.context["late_packs"] == response.context["late_commissions"] == []
    assert "No packs you lead are due" in response.content.decode()


def test_a_member_sees_their_issued_packs_latest_first_with_the_pdf(client, member_a, member_a_user, officer_a):
    first = make_pack(member_a, lead_officer=officer_a, title="Older", due_on=date(2026, 11, 20), latest_version=1)
    second = make_pack(member_a, lead_officer=officer_a, title="Newer", due_on=date(2026, 11, 27), latest_version=2)
    make_pack(member_a, lead_officer=officer_a, title="Still a draft", due_on=date(2026, 11, 30))
    make_pack(member_a, lead_officer=officer_a, title="Withdrawn", latest_version=1, status=PackStatus.WITHDRAWN)
    client.force_login(member_a_user)
    response = client.get(reverse("briefings:index"))
    assert response.context["issued"] == [second, first]
    html = response.content.decode()
    assert reverse("briefings:pack_latest_pdf", args=[second.pk]) in html
    assert "Still a draft" not in html and "Withdrawn" not in html
    assert 'data-action="pack.create"' not in html and 'id="due-soon"' not in html


def test_a_directorate_contact_has_no_landing_page_but_their_home_lists_the_sections_asked(
    client, directorate_contact, office
):
    client.force_login(directorate_contact)
    assert client.get(reverse("briefings:index")).status_code == 403
    lines = _lines(directorate_contact)
    assert lines == {
        "Briefing sections asked of you": (1, reverse("briefings:commission_list") + "?scope=mine&state=open")
    }
    home = client.get(reverse("home")).content.decode()
    assert "Briefing sections asked of you" in home


def test_your_work_for_officers_and_the_head(head, officer_a, officer_b, exec_officer, office):
    assert _lines(officer_a) == {
        "Briefing sections asked of you": (1, reverse("briefings:commission_list") + "?scope=mine&state=open"),
        "Briefing packs due in the next 5 working days": (1, reverse("briefings:index")),
        "Late briefing commissions": (1, reverse("briefings:commission_list") + "?scope=late"),
    }
    assert _lines(officer_b) == {"Briefing packs due in the next 5 working days": (1, reverse("briefings:index"))}
    assert _lines(head) == {
        "Briefing packs due in the next 5 working days": (2, reverse("briefings:index")),
        "Late briefing commissions": (1, reverse("briefings:commission_list") + "?scope=late"),
    }
    assert _lines(exec_officer) == {}


def test_your_work_leaves_out_what_is_no_longer_to_do(officer_a, directorate_contact, office):
    office["chased"].state = S.SUBMITTED  # with the office now: not late, not asked
    office["chased"].save()
    office["asked"].section.pack.status = PackStatus.WITHDRAWN
    office["asked"].section.pack.save()
    office["soon"].status = PackStatus.ISSUED
    office["soon"].save()
    assert _lines(officer_a) == {}
    assert _lines(directorate_contact) == {}


def test_a_sensitive_pack_led_by_someone_else_is_not_on_the_landing_page_of_another_officer(
    client, officer_b, member_a, officer_a
):
    make_pack(member_a, lead_officer=officer_a, marking=Marking.OFFICIAL_SENSITIVE, due_on=date(2026, 12, 3))
    client.force_login(officer_b)
    assert client.get(reverse("briefings:index")).context["due_soon"] == []


def _more_packs(n, member, lead, contact):
    for i in range(n):
        pack = make_pack(member, lead_officer=lead, title=f"Pack {i}", due_on=date(2026, 12, 1 + i % 8))
        make_commission(make_section(pack), assignee=contact, requested_by=lead, due_on=date(2026, 12, 1))
        make_commission(make_section(pack), assignee=lead, requested_by=lead, due_on=date(2026, 12, 1))


def test_the_landing_page_runs_its_pinned_queries_at_10_and_at_100_rows(
    client, officer_a, member_a, directorate_contact, django_assert_num_queries
):
    queries = (
        SIGNED_IN
        + OFFICER
        + [
            "briefings: whether the user is a clearance delegate (their facts)",
            "the sections asked of the user, with their packs",
            "the packs the user leads due in the next five working days, with their lead officers",
            "the late packs the user leads, with their lead officers",
            "the late commissions the user chases, with their sections, packs and the people asked",
        ]
    )
    client.force_login(officer_a)
    _more_packs(10, member_a, officer_a, directorate_contact)
    client.get(reverse("briefings:index"))
    for more in (0, 90):
        _more_packs(more, member_a, officer_a, directorate_contact)
        with django_assert_num_queries(len(queries)):
            assert client.get(reverse("briefings:index")).status_code == 200


def test_a_members_landing_page_runs_its_pinned_queries(
    client, member_a, member_a_user, officer_a, django_assert_num_queries
):
    queries = SIGNED_IN + [
        "the user's own member record (their facts)",
        "the members the user supports (their facts)",
        "the sections asked of the user (none: a member is never asked)",
        "the packs issued to the member, latest first",
        "the member's portfolios (the decisions section's facts, for the menu)",
    ]
    client.force_login(member_a_user)
    for more in (10, 90):
        for i in range(more):
            make_pack(member_a, lead_officer=officer_a, title=f"Pack {i}", latest_version=1)
        client.get(reverse("briefings:index"))
        with django_assert_num_queries(len(queries)):
            assert client.get(reverse("briefings:index")).status_code == 200
