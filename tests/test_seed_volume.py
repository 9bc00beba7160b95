"""`manage.py seed_volume`: years of records in bulk for the benchmark, spread like the demo office, refused in
production. Run here at a tiny scale (the figures at scale 1 are in docs/performance.md)."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings

from casework.models import Case, CaseEvent, ContributionRequest, Correspondent, Draft, Sensitivity
from diary.models import Engagement, Invitation
from mayoral_office.models import User

pytestmark = pytest.mark.django_db
SCALE = 0.002  # 400 cases, about 2,000 timeline entries, 100 correspondents, 60 engagements


@pytest.fixture
def volume(small_demo, clock):
    """(what the command printed, the demo's own cases)"""
    call_command("seed_demo", verbosity=0)  # seed_volume runs it too (it does nothing the second time)
    demo = set(Case.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("seed_volume", scale=SCALE, stdout=out)
    return out.getvalue(), demo


def test_it_prints_the_rows_it_inserted_spread_like_an_office(volume, clock):
    printed, demo = volume
    assert "casework.Case" in printed and "400" in printed
    assert "casework.CaseEvent" in printed and "diary.Engagement" in printed and "Done in" in printed
    assert Case.objects.count() == 40 + 400  # the 40 demo cases of small_demo, and the volume
    assert Correspondent.objects.count() >= 100
    assert CaseEvent.objects.count() >= 1_700
    assert ContributionRequest.objects.count() >= 40
    assert Engagement.objects.count() >= 60 and Invitation.objects.count() >= 36
    assert_spread_like_an_office(clock, demo)


def assert_spread_like_an_office(clock, demo):
    cases = Case.objects.all()
    received = cases.order_by("received_at").values_list("received_at", flat=True)
    assert received.last() - received.first() > timedelta(days=365 * 9)  # ten years of post
    volume = cases.exclude(pk__in=demo)
    assert volume.filter(sensitivity=Sensitivity.CONFIDENTIAL).count() >= volume.count() * 0.10
    assert cases.values("member").distinct().count() >= 8
    assert cases.values("case_type").distinct().count() >= 5
    assert cases.values("status").distinct().count() >= 8
    assert cases.overdue(clock.today).exists()
    # some correspondents write many times
    per_correspondent = Counter(cases.values_list("correspondent_id", flat=True))
    assert per_correspondent.most_common(1)[0][1] >= 10
    # a long history on some cases, and drafts awaiting a member's approval
    assert CaseEvent.objects.values("case").annotate(n=Count("pk")).filter(n__gte=40).exists()
    assert Draft.objects.filter(state=Draft.State.SUBMITTED, case__status="awaiting_approval").exists()
    # most old cases are finished; the open ones are the recent few and the overdue
    assert cases.open().count() < cases.count() * 0.3


def test_the_next_case_logged_gets_a_fresh_reference_and_pages_open(volume, clock, client):
    from casework import services
    from casework.models import CaseType
    from mayoral_office.models import Member

    references = set(Case.objects.values_list("reference", flat=True))
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    case = services.case_log(
        actor=head,
        case_type=CaseType.objects.get(code="resident"),
        received_at=clock.now(),
        member=Member.objects.first(),
        correspondent=Correspondent.objects.first(),
        subject="Damp in my flat",
    )
    assert case.reference not in references
    year_numbers = [int(r.rsplit("/", 1)[1]) for r in references if r.startswith(f"MO/{clock.today.year}/")]
    assert int(case.reference.rsplit("/", 1)[1]) == max(year_numbers) + 1
    # and the pages open on the volume
    client.force_login(head)
    case = Case.objects.annotate(n=Count("events")).order_by("-n").first()
    for path in ("/", "/casework/?queue=open&ordering=due", f"/casework/{case.pk}/", "/diary/invitations/"):
        assert client.get(path).status_code == 200, path


def test_it_refuses_to_run_in_production(db):
    with override_settings(PRODUCTION=True), pytest.raises(CommandError, match="does not run when DJANGO_ENV"):
        call_command("seed_volume", scale=SCALE)
    assert not Case.objects.exists()


def test_a_scale_out_of_range_is_refused(db):
    with pytest.raises(CommandError, match="--scale must be more than 0"):
        call_command("seed_volume", scale=0)
