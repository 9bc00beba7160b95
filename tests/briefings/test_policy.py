"""Every role × every pack state × every pack and section action (briefings/policy.py): what the policy allows is
what the service does and what the pack page offers. The pack is OFFICIAL, for member_a, led by officer_a; officer_b
supports another member (an OFFICIAL pack is open to every support officer; see test_packs_access.py for the
OFFICIAL-SENSITIVE rules)."""

from pathlib import Path

import pytest
from django.conf import settings

from briefings import policy
from briefings.models import Marking, PackStatus
from briefings.services import issue as issue_services
from briefings.services import packs as pack_services
from briefings.services import sections as section_services
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.briefings.factories import make_pack, make_section

pytestmark = pytest.mark.django_db

ROLES = ["head", "officer_a", "officer_b", "intern", "member_a_user", "directorate_contact"]
STATES = [PackStatus.DRAFT, PackStatus.CLEARED, PackStatus.ISSUED, PackStatus.WITHDRAWN]
PREPARES = {"head", "officer_a", "officer_b"}
OFFICE = PREPARES | {"intern"}
PACK_ACTIONS = [
    "pack.view", "pack.work", "pack.edit", "pack.pdf", "section.add", "section.reorder", "background.propose",
    "pack.clear", "pack.reopen", "pack.issue", "pack.revise", "pack.withdraw", "pack.versions",
]  # fmt: skip
SECTION_ACTIONS = [
    "section.edit",
    "section.remove",
    "section.upload_paper",
    "section.commission",
    "section.insert_passage",
]


def expected(role: str, state: str, action: str) -> bool:
    draft = state == PackStatus.DRAFT
    issued_once = state in (PackStatus.ISSUED, PackStatus.WITHDRAWN)
    return {
        "pack.view": True,
        "pack.work": role in OFFICE,
        "pack.pdf": role in OFFICE,
        "pack.edit": role in PREPARES and draft,
        "section.add": role in PREPARES and draft,
        "section.reorder": role in PREPARES and draft,
        "background.propose": role in PREPARES and draft,
        "pack.clear": role == "head" and draft,  # the Head (no clearance delegate is named here), no open commission
        "pack.reopen": role in PREPARES and state == PackStatus.CLEARED,
        "pack.issue": role in PREPARES and state == PackStatus.CLEARED,
        "pack.revise": role in PREPARES and state == PackStatus.ISSUED,
        "pack.withdraw": role in PREPARES and state != PackStatus.WITHDRAWN,
        "pack.versions": issued_once,
        "section.edit": role in OFFICE and draft,  # interns write text in OFFICIAL packs
        "section.remove": role in PREPARES and draft,
        "section.upload_paper": role in PREPARES and draft,
        "section.commission": role in PREPARES and draft,
        "section.insert_passage": role in OFFICE and draft,
    }[action]


def sees(role: str, state: str) -> bool:
    if role == "directorate_contact":
        return False
    if role == "member_a_user":  # the packs issued to them, not withdrawn
        return state == PackStatus.ISSUED
    return True


@pytest.fixture
def world(request, officer_a, member_a, member_b):
    def make(state):
        pack = make_pack(
            member_a,
            lead_officer=officer_a,
            status=state,
            marking=Marking.OFFICIAL,
            latest_version=1 if state in (PackStatus.ISSUED, PackStatus.WITHDRAWN) else 0,
        )
        return pack, make_section(pack)

    return make


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_policy_table(request, world, role, state):
    user = request.getfixturevalue(role)
    pack, section = world(state)
    if not sees(role, state):
        assert not policy.policy.policy_for(pack).visible(user, pack)
        return
    pack_allowed = policy.available_actions(user, pack)
    section_allowed = policy.available_actions(user, section)
    assert {a for a in PACK_ACTIONS if a in pack_allowed} == {a for a in PACK_ACTIONS if expected(role, state, a)}
    if role in OFFICE:
        wanted = {a for a in SECTION_ACTIONS if expected(role, state, a)}
        assert {a for a in SECTION_ACTIONS if a in section_allowed} == wanted
    else:
        assert section_allowed & set(SECTION_ACTIONS) == set()


def _call(action, user, pack, section, officer_a, member_a):
    if action == "pack.edit":
        return pack_services.pack_update(
            actor=user, pack=pack, title="New title", marking="OFFICIAL", members=[member_a], lead_officer=officer_a
        )
    if action == "section.edit":
        return section_services.section_update(actor=user, section=section, title="Summary", body="New text")
    if action == "pack.clear":
        return issue_services.pack_clear(actor=user, pack=pack)
    return issue_services.pack_issue(actor=user, pack=pack)


def _clearance_partial_written() -> bool:
    """The clearance and issue buttons live in the clearance helper's partial (included in the pack page)."""
    path = Path(settings.BASE_DIR) / "briefings/templates/briefings/pack/_clearance.html"
    return "data-action" in path.read_text()


@pytest.mark.parametrize("action", ["pack.edit", "section.edit", "pack.clear", "pack.issue"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_policy_the_service_and_the_page_agree(request, client, world, officer_a, member_a, role, state, action):
    user = request.getfixturevalue(role)
    pack, section = world(state)
    client.force_login(user)
    response = client.get(pack.get_absolute_url())
    if not sees(role, state):
        assert response.status_code == (403 if role == "directorate_contact" else 404)
        with pytest.raises(PermissionDenied):
            _call(action, user, pack, section, officer_a, member_a)
        return
    allowed = expected(role, state, action)
    obj = section if action.startswith("section.") else pack
    assert (action in policy.available_actions(user, obj)) is allowed
    html = response.content.decode()
    if action in ("pack.edit", "section.edit") or _clearance_partial_written():
        assert (f'data-action="{action}"' in html) is allowed, "the page offers exactly what the policy allows"
    elif not allowed:
        assert f'data-action="{action}"' not in html
    who = role in (OFFICE if action == "section.edit" else ({"head"} if action == "pack.clear" else PREPARES))
    if allowed:
        _call(action, user, pack, section, officer_a, member_a)
    elif not who:
        with pytest.raises(PermissionDenied):
            _call(action, user, pack, section, officer_a, member_a)
    else:
        with pytest.raises(ServiceError) as refused:
            _call(action, user, pack, section, officer_a, member_a)
        assert refused.value.message  # the reason, in words (why_not)


def test_a_clearance_delegate_clears_and_an_intern_never_writes_in_a_sensitive_pack(
    officer_b, intern, member_a, officer_a
):
    from briefings.models import BriefingSettings

    rules = BriefingSettings.objects.create()
    rules.clearance_delegates.add(officer_b)
    pack = make_pack(member_a, lead_officer=officer_a)
    assert "pack.clear" in policy.available_actions(officer_b, pack)
    sensitive = make_pack(member_a, lead_officer=officer_a, marking=Marking.OFFICIAL_SENSITIVE)
    assert "section.edit" not in policy.available_actions(intern, make_section(sensitive))
