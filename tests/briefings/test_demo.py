"""seed_demo adds packs in every state (one with an uploaded background paper, one with a late commission, one
OFFICIAL-SENSITIVE, one for a Cabinet meeting, one standalone) and a speech library of a dozen passages; running
it again changes nothing."""

import io

import pytest
from pypdf import PdfReader

from briefings import demo
from briefings.models import Commission, Marking, Pack, PackStatus, PackVersion, Passage, PassageUse, Section
from briefings.models.commissions import CommissionState
from briefings.models.packs import Stage
from decisions import demo as decisions_demo
from diary import demo as diary_demo
from mayoral_office import demo as office_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db, clock):
    office_demo.seed()
    diary_demo.seed()
    decisions_demo.seed()
    out = io.StringIO()
    demo.seed(out)
    return out.getvalue()


def test_packs_in_every_state(seeded, clock):
    assert "Briefings: 9 packs" in seeded
    packs = list(Pack.objects.prefetch_related("sections__commissions"))
    stages = {pack.stage() for pack in packs}
    assert {Stage.IN_DRAFT, Stage.COMMISSIONED, Stage.CLEARED, Stage.ISSUED} <= stages
    assert {p.status for p in packs} == set(PackStatus.values)
    assert {p.kind for p in packs} == {"engagement", "meeting", "standalone"}
    assert Pack.objects.filter(marking=Marking.OFFICIAL_SENSITIVE).count() == 1
    assert all(p.engagement.briefing_required for p in packs if p.engagement_id)
    late = Commission.objects.late()
    assert late.count() == 1 and late.get().section.pack.due_on >= clock.today  # late, its pack not yet
    assert Commission.objects.filter(state=CommissionState.SUBMITTED).count() == 1


def test_issued_versions_and_a_revision(seeded):
    counts = sorted(PackVersion.objects.values_list("pack_id", flat=True).order_by("pack_id"))
    by_pack = {pk: counts.count(pk) for pk in counts}
    assert sorted(by_pack.values()) == [1, 2]
    second = PackVersion.objects.get(number=2)
    assert second.change_summary and second.pack.latest_version == 2


def test_one_pack_has_a_real_background_paper(seeded):
    paper = Section.objects.exclude(paper="").get()
    with paper.paper.open("rb") as handle:
        reader = PdfReader(handle)
        assert len(reader.pages) == paper.paper_pages == 2
        assert "Residents' Survey" in reader.pages[0].extract_text()


def test_a_library_of_a_dozen_passages_one_past_its_review_date(seeded, clock):
    assert Passage.objects.count() == 12
    assert Passage.objects.filter(review_on__lt=clock.today).count() == 1
    assert {"vision", "biography", "statistic"} <= set(Passage.objects.values_list("kind", flat=True))
    assert all(p.source and p.source_date for p in Passage.objects.filter(kind="statistic"))
    assert PassageUse.objects.count() == 4  # used in two speeches


def test_running_it_again_changes_nothing(seeded):
    before = [model.objects.count() for model in (Pack, Section, Commission, PackVersion, Passage)]
    out = io.StringIO()
    demo.seed(out)
    assert "already there" in out.getvalue()
    assert [model.objects.count() for model in (Pack, Section, Commission, PackVersion, Passage)] == before
