"""The stakeholder directory (issue 16): organisations, people and partnerships with their relationship owners; a
stakeholder's page shows the office's cases, engagements and actions about them as the reader may see them; the
lists have filters and make the same queries however many entries; bad input gets clear messages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mayoral_office import directory
from mayoral_office.errors import ServiceError
from mayoral_office.models import Organisation, OrganisationKind, Partnership, Stakeholder
from tests.casework.factories import CaseFactory, CorrespondentFactory
from tests.decisions.factories import make_action
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import WardFactory

pytestmark = pytest.mark.django_db


def _hospital(head, **fields):
    data = {"name": "Royal London Hospital", "kind": OrganisationKind.ANCHOR, "email": "comms@rlh.example.org"}
    data.update(fields)
    return directory.organisation_save(actor=head, **data)


def _osei(head, organisation):
    return directory.person_save(
        actor=head,
        name="Dr Helen Osei",
        role="Chief Executive",
        organisation=organisation,
        email="h.osei@rlh.example.org",
    )


def test_a_stakeholders_page_shows_their_cases_engagements_and_actions(client, clock, head, member_a, officer_a):
    hospital = _hospital(head)
    osei = _osei(head, hospital)
    CaseFactory(member=member_a, correspondent=CorrespondentFactory(name="Helen Osei", email="H.Osei@rlh.example.org"),
                subject="Discharge delays")  # fmt: skip
    CaseFactory(
        member=member_a, correspondent=CorrespondentFactory(organisation="Royal London Hospital"), subject="Parking"
    )
    CaseFactory(member=member_a, subject="Unrelated")
    make_engagement(
        member_a, start=at(2026, 12, 9, 10), title="Visit to the new wing", organiser="Royal London Hospital"
    )
    make_action("Write to Dr Helen Osei about winter pressures", due_on=date(2026, 12, 18), owner=officer_a)
    make_action("Unrelated action", due_on=date(2026, 12, 18), owner=officer_a)
    client.force_login(officer_a)

    def sections(url):
        return {s.label: [line.title for line in s.lines] for s in client.get(url).context["history"]}

    person = sections(osei.get_absolute_url())
    assert [t.split(": ", 1)[1] for t in person["Cases"]] == ["Discharge delays"]
    assert person["Actions"] == ["Write to Dr Helen Osei about winter pressures"]
    organisation = sections(hospital.get_absolute_url())
    assert sorted(t.split(": ", 1)[1] for t in organisation["Cases"]) == ["Discharge delays", "Parking"]
    assert organisation["Engagements"] == ["Visit to the new wing"]
    page = client.get(hospital.get_absolute_url()).content.decode()
    assert "Dr Helen Osei" in page and "Chief Executive" in page


def test_the_history_leaves_out_what_the_reader_may_not_see(client, clock, head, member_a, member_b, officer_b):
    hospital = _hospital(head)
    CaseFactory(
        member=member_a, correspondent=CorrespondentFactory(organisation="Royal London Hospital"), subject="A's"
    )
    CaseFactory(
        member=member_b, correspondent=CorrespondentFactory(organisation="Royal London Hospital"), subject="B's"
    )
    make_engagement(member_a, start=at(2026, 12, 9, 10), title="A's visit", organiser="Royal London Hospital")
    client.force_login(officer_b)  # supports member B only
    history = {s.label: s for s in client.get(hospital.get_absolute_url()).context["history"]}
    assert [line.title.split(": ", 1)[1] for line in history["Cases"].lines] == ["B's"] and history["Cases"].count == 1
    assert history["Engagements"].count == 0


def test_the_lists_filter_and_make_the_same_queries_for_2_or_12_entries(client, clock, head, officer_a):
    ward = WardFactory(name="Bow East")
    client.force_login(officer_a)

    def add(n):
        for i in range(n):
            org = directory.organisation_save(
                actor=head, name=f"Group {Organisation.objects.count()}", kind=OrganisationKind.VOLUNTARY,
                tags="food, cost of living", ward=ward, owner=officer_a,
            )  # fmt: skip
            directory.person_save(actor=head, name=f"Person {i}", organisation=org, owner=head)
        partnership = directory.partnership_save(actor=head, name=f"Partnership {Partnership.objects.count()}")
        partnership.organisations.set(Organisation.objects.all())

    def counts():
        found = []
        for url in (reverse("directory"), reverse("people"), reverse("partnerships")):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries.captured_queries))
        return found

    add(2)
    _hospital(head, ward=None, tags="health")
    fewer = counts()
    add(10)
    assert counts() == fewer
    listed = lambda url: client.get(url).context["page"].paginator.count  # noqa: E731
    assert listed(reverse("directory") + "?kind=anchor") == 1
    assert listed(reverse("directory") + "?tag=food") == 12
    assert listed(reverse("directory") + f"?ward={ward.pk}") == 12
    assert listed(reverse("directory") + f"?owner={officer_a.pk}&q=Group 1") == 4  # Group 1, 10, 11 and 12
    group_1 = Organisation.objects.get(name="Group 1")
    assert listed(reverse("people") + f"?organisation={group_1.pk}") == 1
    assert listed(reverse("people") + "?q=Person Group 12") == 1  # words match the name or the organisation
    assert client.get(reverse("directory") + "?kind=nonsense").context["filter"].errors


def test_adding_an_entry_gives_clear_messages_and_saves_nothing_half(client, clock, head, officer_a, intern):
    _hospital(head)
    client.force_login(officer_a)
    url = reverse("directory-create", args=["organisation"])
    response = client.post(url, {"name": "royal london hospital", "kind": "anchor", "email": "not an email"})
    errors = response.context["form"].errors
    assert "email" in errors
    response = client.post(url, {"name": "royal london hospital", "kind": "anchor"})
    assert response.context["form"].errors["name"] == ["'Royal London Hospital' is in the directory already"]
    assert Organisation.objects.count() == 1
    response = client.post(url, {"name": "Bow Foodbank", "kind": "voluntary", "tags": "food ,, cost of living ,"})
    created = Organisation.objects.get(name="Bow Foodbank")
    assert response.status_code == 302 and created.tags == "food, cost of living"
    assert client.get("/directory/nonsense/new/").status_code == 404
    client.force_login(intern)  # reads the directory; the office's officers keep it
    assert client.get(reverse("directory")).status_code == 200
    assert client.get(url).status_code == 403
    with pytest.raises(ServiceError):
        directory.person_save(actor=head, name="  ")
    assert not Stakeholder.objects.exists()


def test_a_directory_contact_may_not_read_the_directory(client, clock, head, directorate_contact):
    hospital = _hospital(head)
    client.force_login(directorate_contact)
    assert client.get(reverse("directory")).status_code == 403
    assert client.get(hospital.get_absolute_url()).status_code in (403, 404)


def test_the_header_search_finds_an_organisation_and_a_person(client, clock, head, officer_a):
    _osei(head, _hospital(head))
    client.force_login(officer_a)
    groups = {
        g.label: [h.title for h in g.hits] for g in client.get(reverse("search"), {"q": "Osei"}).context["groups"]
    }
    assert groups["People in the directory"] == ["Dr Helen Osei"]
    groups = {
        g.label: [h.title for h in g.hits] for g in client.get(reverse("search"), {"q": "London"}).context["groups"]
    }
    assert groups["Organisations"] == ["Royal London Hospital"]


def test_correspondence_from_someone_in_the_directory_starts_from_their_entry(client, clock, head, officer_a):
    osei = _osei(head, _hospital(head))
    client.force_login(officer_a)
    page = client.get(osei.get_absolute_url()).content.decode()
    link = f"/casework/new/?stakeholder={osei.pk}"
    assert link in page
    form = client.get(link).context["form"]
    assert {name: form.initial.get(name) for name in ("name", "organisation", "email", "kind")} == {
        "name": "Dr Helen Osei",
        "organisation": "Royal London Hospital",
        "email": "h.osei@rlh.example.org",
        "kind": "agency",
    }
    assert client.get("/casework/new/?stakeholder=999999").context["form"].initial.get("name") is None


def test_an_engagement_with_people_from_the_directory_is_in_their_history(client, clock, head, mayor, exec_officer):
    from diary.models import Engagement

    osei = _osei(head, _hospital(head, name="Barts Health"))
    client.force_login(exec_officer)
    response = client.post(
        reverse("diary:engagement-create"),
        {
            "title": "Winter pressures round table", "kind": "external_meeting", "members": [mayor.member.pk],
            "start_date_0": "9", "start_date_1": "12", "start_date_2": "2026", "start_time": "10:00",
            "end_time": "11:00", "status": "confirmed", "stakeholders": [osei.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and list(engagement.stakeholders.all()) == [osei]
    assert osei.get_absolute_url() in client.get(engagement.get_absolute_url()).content.decode()
    for url in (osei.get_absolute_url(), osei.organisation.get_absolute_url()):
        history = {s.label: [line.title for line in s.lines] for s in client.get(url).context["history"]}
        assert history["Engagements"] == ["Winter pressures round table"]
    edit = client.get(reverse("diary:engagement-edit", args=[engagement.pk]))
    assert list(edit.context["form"].initial["stakeholders"]) == [osei]


def test_a_tag_finds_only_that_whole_tag_and_tags_too_long_are_refused(client, clock, head, officer_a):
    directory.organisation_save(actor=head, name="Arts Council", kind=OrganisationKind.GOVERNMENT, tags="Arts, culture")
    directory.organisation_save(actor=head, name="Bow Art Club", kind=OrganisationKind.VOLUNTARY, tags="art")
    client.force_login(officer_a)
    found = [o.name for o in client.get(reverse("directory") + "?tag=art").context["page"]]
    assert found == ["Bow Art Club"]
    with pytest.raises(ServiceError, match="Keep the tags to 200 characters"):
        directory.organisation_save(
            actor=head, name="Long", kind=OrganisationKind.OTHER, tags=",".join("ab" * 1 for _ in range(70))
        )
    assert not Organisation.objects.filter(name="Long").exists()
