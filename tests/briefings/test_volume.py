"""The briefings app's share of `manage.py seed_volume`: packs for the volume engagements and meetings (and
standalone ones) with their sections, commissions, versions and the audit entries the services would write. Run
here at a tiny scale (scale 1: 20,000 packs, 150,000 sections)."""

import random
from collections import Counter

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from briefings import volume
from briefings.models import Commission, Pack, PackStatus, PackVersion, Section
from briefings.models.commissions import OPEN_STATES
from briefings.models.versions import RenderState
from decisions import demo as decisions_demo
from diary import volume as diary_volume
from mayoral_office import demo as office_demo
from mayoral_office.working_days import working_days_before

pytestmark = pytest.mark.django_db
SCALE = 0.01  # 200 packs, 1,500 sections


@pytest.fixture
def counts(db, clock):
    office_demo.seed()
    decisions_demo.seed()
    diary_volume.seed(0.02, random.Random(7))  # 600 engagements over ten years
    return volume.seed(SCALE, random.Random(2026))


def test_it_makes_the_rows_asked_for_and_returns_their_counts(counts):
    assert counts["briefings.Pack"] == Pack.objects.count() == 200
    assert counts["briefings.Section"] == Section.objects.count() == 1500
    assert counts["briefings.Commission"] == Commission.objects.count() > 0
    assert counts["briefings.PackVersion"] == PackVersion.objects.count() > 0
    assert counts["briefings.Pack members"] == Pack.members.through.objects.count() >= 200
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pack))
    assert counts["auditlog.LogEntry (briefings)"] == entries.count() == 200 + PackVersion.objects.count()


def test_packs_follow_their_engagements_and_meetings(counts, clock):
    kinds = Counter(p.kind for p in Pack.objects.all())
    assert kinds["engagement"] > kinds["meeting"] > 0 and kinds["standalone"] > 0
    for pack in Pack.objects.exclude(engagement=None).select_related("engagement")[:50]:
        assert pack.engagement.briefing_required
        assert pack.due_on == working_days_before(pack.engagement.local_start.date(), 2)[0]
    assert {p.status for p in Pack.objects.all()} >= {PackStatus.DRAFT, PackStatus.ISSUED}
    assert not Pack.objects.filter(members=None).exists()


def test_sections_commissions_and_versions_are_consistent(counts):
    assert not Pack.objects.filter(sections=None).exists()
    # one open commission a section at most (the database's rule), and none open on a finished pack
    assert not Commission.objects.filter(state__in=OPEN_STATES, section__pack__status=PackStatus.ISSUED).exists()
    share = Pack.objects.filter(sections__commissions__isnull=False).distinct().count() / 200
    assert 0.1 <= share <= 0.3
    for pack in Pack.objects.filter(latest_version__gt=0).prefetch_related("versions")[:50]:
        assert sorted(v.number for v in pack.versions.all()) == list(range(1, pack.latest_version + 1))
    assert set(PackVersion.objects.values_list("render_state", flat=True)) == {RenderState.FAILED}
    assert not PackVersion.objects.exclude(pdf="").exists()  # no PDF made, and none pretended
