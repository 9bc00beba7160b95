"""The diary's part of a subject access pack: the engagements and invitations where the person appears."""

import pytest

from diary import personal_data
from mayoral_office import registry
from tests.diary.factories import at, make_engagement
from tests.diary.test_invitations import record

pytestmark = pytest.mark.django_db

MARGARET = registry.DataSubject(name="Margaret Okafor", emails=("margaret@example.org",), names=("Mrs M Okafor",))


def test_the_diary_lists_the_engagements_and_invitations_where_the_person_appears(exec_officer, mayor, member_a):
    as_guest = make_engagement(
        member_a,
        start=at(2027, 1, 13, 10),
        title="Estate walkabout",
        external_guests="Margaret Okafor <Margaret@Example.org>\nTom Jones, tenants' association",
    )
    as_contact = make_engagement(mayor.member, start=at(2027, 1, 14, 10), title="Library opening")
    as_contact.contact_name = "Mrs M Okafor"
    as_contact.save()
    make_engagement(member_a, start=at(2027, 1, 15, 10), title="Someone else's", contact_email="other@example.org")
    invitation = record(exec_officer, mayor.member, contact_name="Priya Shah", contact_email="margaret@example.org")
    record(exec_officer, mayor.member, event_name="Charity dinner")  # Priya's, not Margaret's

    found = personal_data.personal_data(MARGARET)
    titles = [(r["type"], r["title"]) for r in found.records]
    assert titles == [
        ("engagement", "Estate walkabout"),
        ("engagement", "Library opening"),
        ("invitation", f"{invitation.event_name} ({invitation.organisation})"),
    ]
    guest = found.records[0]
    assert guest["role"] == "guest" and guest["redaction_review"]  # the guest list names someone else
    assert f"Engagement {as_guest.pk}" in found.review[0]
    assert diary_in_pack(MARGARET) == found


def diary_in_pack(subject):
    (found,) = [p for p in registry.personal_data_for(subject) if p.app_label == "diary"]
    return found


def test_a_stranger_gets_nothing_and_no_error(member_a):
    make_engagement(member_a, start=at(2027, 1, 13, 10), external_guests="Tom Jones <tom@example.org>")
    assert personal_data.personal_data(registry.DataSubject(name="Nobody Known", emails=("x@example.org",))) is None
    assert personal_data.personal_data(registry.DataSubject(name="")) is None
    assert [p for p in registry.personal_data_for(registry.DataSubject(name="Nobody")) if p.app_label == "diary"] == []
