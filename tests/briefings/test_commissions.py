"""Commissioning a section (issue 12, "Commissioning"): the whole flow through the pages on the frozen clock
(Wednesday 2 December 2026), the one-open-commission rule, late commissions and who sees them, the emails, what a
contributor may see, and bad input (a clear message, nothing saved, never a 500)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from briefings.models import Commission, CommissionState, PackStatus
from briefings.selectors import commissions as selectors
from briefings.services import commissions as services
from mayoral_office.errors import Conflict, PermissionDenied, ServiceError
from mayoral_office.models import Notification
from mayoral_office.roles import Role
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db
S = CommissionState
OTHER_TEXT = "Confidential aside: the leader may announce the new library."


@pytest.fixture
def pack(member_a, officer_a):
    """A pack due on Wednesday 9 December 2026 (five working days on), led by officer_a, with two sections."""
    pack = make_pack(member_a, lead_officer=officer_a)
    make_section(pack, body=OTHER_TEXT, title="Summary briefing note")
    return pack


@pytest.fixture
def section(pack):
    return make_section(pack, kind="key_messages", title="Key messages", body="")


def _date(day: date, name="due_on") -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _emails(kind):
    return list(Notification.objects.filter(kind=kind).order_by("pk"))


def test_the_whole_commissioning_flow_through_the_pages(client, officer_a, directorate_contact, section):
    # The officer asks the directorate contact, with the default due date shown (a working day before the pack's).
    client.force_login(officer_a)
    url = reverse("briefings:commission_create", args=[section.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["default_due"] == date(2026, 12, 8)
    assert "Tuesday 8 December 2026" in page.content.decode()
    response = client.post(
        url, {"assignee": directorate_contact.pk, "brief": "Three key messages on the hub", **_date(date(2026, 12, 8))}
    )
    commission = Commission.objects.get()
    assert response.status_code == 302 and response["Location"] == commission.get_absolute_url()
    assert (commission.state, commission.assignee, commission.requested_by) == (
        S.REQUESTED,
        directorate_contact,
        officer_a,
    )
    (asked,) = _emails("briefings.commission_requested")
    assert asked.to == [directorate_contact.email] and commission.get_absolute_url() in asked.body

    # The contact writes the section (requested -> in draft) and submits it (-> submitted; the lead officer told).
    client.force_login(directorate_contact)
    draft_url = reverse("briefings:commission_draft", args=[commission.pk])
    assert client.get(draft_url).status_code == 200
    client.post(draft_url, {"body": "- The hub opens on **Saturday**", "version": commission.version})
    commission.refresh_from_db()
    section.refresh_from_db()
    assert commission.state == S.IN_DRAFT and section.body == "- The hub opens on **Saturday**"
    assert section.updated_by == directorate_contact
    client.post(reverse("briefings:commission_submit", args=[commission.pk]), {"version": commission.version})
    commission.refresh_from_db()
    assert commission.state == S.SUBMITTED and commission.submitted_at is not None
    (submitted,) = _emails("briefings.commission_submitted")
    assert submitted.to == [officer_a.email]

    # The officer returns it with comments (-> returned; the contact told), who changes it and submits it again.
    client.force_login(officer_a)
    return_url = reverse("briefings:commission_return", args=[commission.pk])
    client.post(return_url, {"comments": "Add the opening hours", "version": commission.version})
    commission.refresh_from_db()
    assert commission.state == S.RETURNED and commission.comments == "Add the opening hours"
    (returned,) = _emails("briefings.commission_returned")
    assert returned.to == [directorate_contact.email] and "Add the opening hours" in returned.body

    client.force_login(directorate_contact)
    assert "Add the opening hours" in client.get(commission.get_absolute_url()).content.decode()
    client.post(draft_url, {"body": "- Open 9am to 5pm", "version": commission.version})
    commission.refresh_from_db()
    assert commission.state == S.IN_DRAFT
    client.post(reverse("briefings:commission_submit", args=[commission.pk]), {"version": commission.version})
    commission.refresh_from_db()
    assert commission.state == S.SUBMITTED

    # The officer accepts it.
    client.force_login(officer_a)
    client.post(reverse("briefings:commission_accept", args=[commission.pk]), {"version": commission.version})
    commission.refresh_from_db()
    assert commission.state == S.ACCEPTED and commission.decided_at is not None
    section.refresh_from_db()
    assert section.body == "- Open 9am to 5pm"
    # Every change is audited with the person who made it.
    from auditlog.models import LogEntry

    actors = set(LogEntry.objects.get_for_object(commission).values_list("actor_id", flat=True))
    assert actors == {officer_a.pk, directorate_contact.pk}


def test_the_preview_shows_the_typed_text_rendered_and_saves_nothing(client, officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)
    url = reverse("briefings:commission_draft", args=[commission.pk])
    response = client.post(url, {"body": "## Funding\n\n**£2m**", "version": commission.version, "preview": ""})
    assert response.status_code == 200
    assert "<h2>Funding</h2>" in response.content.decode() and "<strong>£2m</strong>" in response.content.decode()
    section.refresh_from_db()
    commission.refresh_from_db()
    assert section.body == "" and commission.state == S.REQUESTED


def test_script_typed_into_the_section_never_reaches_the_page(client, officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)
    body = '<script>alert(1)</script><img src=x onerror="alert(2)"> [link](javascript:alert(3)) ![i](https://evil.example/x.png)'
    client.post(reverse("briefings:commission_draft", args=[commission.pk]), {"body": body, "version": 1})
    section.refresh_from_db()
    assert "<script" not in section.body and "onerror" not in section.body
    html = client.get(commission.get_absolute_url()).content.decode()
    text = html[html.index('id="section-text"') :]
    text = text[: text.index("</div>")]
    assert "link" in text
    assert (
        "<script" not in text and 'href="javascript' not in text and "<img" not in text and "evil.example" not in text
    )


def test_one_open_commission_a_section_is_refused_with_a_clear_message(
    client, officer_a, officer_b, directorate_contact, section
):
    make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    with pytest.raises(ServiceError, match="already been asked of Aisha Patel"):
        services.commission_create(actor=officer_a, section=section, assignee=officer_a, brief="Again")
    # The page says so too (the link is not offered; a forged request goes back to the pack with the reason).
    client.force_login(officer_a)
    response = client.get(reverse("briefings:commission_create", args=[section.pk]), follow=False)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["This section is already commissioned"]
    assert Commission.objects.count() == 1
    # Once cancelled, the section may be asked of someone else.
    services.commission_cancel(actor=officer_a, commission=Commission.objects.get(), reason="Written in the office")
    (cancelled,) = _emails("briefings.commission_cancelled")
    assert cancelled.to == [directorate_contact.email] and "Written in the office" in cancelled.body
    assert Commission.objects.get().comments == "Cancelled: Written in the office"
    services.commission_create(actor=officer_a, section=section, assignee=officer_b, brief="Write it, please")
    assert Commission.objects.open().get().assignee == officer_b


def test_late_commissions_are_flagged_and_listed_for_the_lead_officer_and_the_head_only(
    client, clock, head, officer_a, officer_b, exec_officer, directorate_contact, section
):
    commission = make_commission(
        section, assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 4)
    )
    assert not commission.is_late
    clock.move_to("2026-12-07 09:00")  # Monday: it was due on Friday
    commission.refresh_from_db()
    assert commission.is_late
    assert list(selectors.late_commissions(officer_a)) == [commission]
    assert list(selectors.late_commissions(head)) == [commission]
    for other in (officer_b, exec_officer, directorate_contact):
        assert list(selectors.late_commissions(other)) == []
    # The late tab lists it for the lead officer and the Head, not for another officer (whose tab lists the late
    # commissions of the packs they lead); a contributor is not offered the tab at all.
    for user, expected in ((officer_a, True), (head, True), (exec_officer, False)):
        client.force_login(user)
        response = client.get(reverse("briefings:commission_list") + "?scope=late")
        assert (commission in response.context["page"].object_list) is expected, user
        assert 'data-action="commission.list_late"' in response.content.decode()
    client.force_login(directorate_contact)
    response = client.get(reverse("briefings:commission_list") + "?scope=mine")
    assert 'data-action="commission.list_late"' not in response.content.decode()
    assert list(response.context["page"].object_list) == [commission]
    assert "Late" in response.content.decode()
    # Submitted, it is no longer late (it is with the office).
    Commission.objects.filter(pk=commission.pk).update(state=S.SUBMITTED)
    assert list(selectors.late_commissions(officer_a)) == []


def test_the_contributor_sees_only_the_section_asked_of_them(
    client, officer_a, directorate_contact, directorate, pack, section
):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)
    html = client.get(commission.get_absolute_url()).content.decode()
    for shown in (
        pack.title,
        "OFFICIAL",
        "Cllr Alice Able",
        "Key messages",
        escape(commission.brief),
        "7 December 2026",
    ):
        assert shown in html
    assert OTHER_TEXT not in html and "Summary briefing note" not in html
    assert reverse("briefings:pack", args=[pack.pk]) not in html  # no link to the pack
    # The pack page is refused, the same way as for a pack that does not exist (nothing about the pack revealed):
    # a contact is not in the briefings section at all.
    refused = client.get(reverse("briefings:pack", args=[pack.pk]))
    assert refused.status_code in (403, 404)
    assert client.get(reverse("briefings:pack", args=[pack.pk + 1000])).status_code == refused.status_code
    assert pack.title not in refused.content.decode()
    assert client.get(reverse("briefings:index")).status_code == 403  # not in the briefings section
    # Another directorate contact does not find the commission at all.
    other = UserFactory(role=Role.DIRECTORATE_CONTACT, full_name="Tom Reid", directorate=directorate)
    client.force_login(other)
    for name in ("commission", "commission_draft"):
        assert client.get(reverse(f"briefings:{name}", args=[commission.pk])).status_code == 404
    assert client.post(reverse("briefings:commission_submit", args=[commission.pk])).status_code == 404
    assert list(client.get(reverse("briefings:commission_list")).context["page"].object_list) == []


def test_the_office_sees_the_pack_link_and_the_decisions_only_once_submitted(
    client, officer_a, directorate_contact, pack, section
):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(officer_a)
    response = client.get(commission.get_absolute_url())
    html = response.content.decode()
    assert reverse("briefings:pack", args=[pack.pk]) in html
    assert response.context["actions"] == {"commission.view", "commission.cancel"}
    assert 'data-action="commission.accept"' not in html and 'data-action="commission.draft"' not in html
    Commission.objects.filter(pk=commission.pk).update(state=S.SUBMITTED)
    html = client.get(commission.get_absolute_url()).content.decode()
    assert 'data-action="commission.accept"' in html and 'data-action="commission.return"' in html


def test_commissioning_is_for_the_office_that_prepares_the_pack(
    client, intern, officer_a, directorate_contact, section
):
    client.force_login(intern)
    assert client.get(reverse("briefings:commission_create", args=[section.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.commission_create(actor=directorate_contact, section=section, assignee=officer_a, brief="x")
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a, state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.commission_accept(actor=directorate_contact, commission=commission)
    client.force_login(directorate_contact)
    assert client.post(reverse("briefings:commission_accept", args=[commission.pk])).status_code == 403


def test_the_state_moves_only_along_the_transitions(officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    with pytest.raises(ServiceError, match="Only a submitted section can be accepted"):
        services.commission_accept(actor=officer_a, commission=commission)
    with pytest.raises(ServiceError, match="Only a submitted section can be returned"):
        services.commission_return(actor=officer_a, commission=commission, comments="No")
    Commission.objects.filter(pk=commission.pk).update(state=S.ACCEPTED)
    commission.refresh_from_db()
    with pytest.raises(ServiceError, match="not with you to write"):
        services.commission_save_draft(actor=directorate_contact, commission=commission, body="More")
    with pytest.raises(ServiceError, match="no longer open"):
        services.commission_cancel(actor=officer_a, commission=commission, reason="Late")


def test_a_commission_on_a_pack_no_longer_in_preparation_cannot_be_written(officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    type(section.pack).objects.filter(pk=section.pack_id).update(status=PackStatus.WITHDRAWN)
    commission = Commission.objects.get(pk=commission.pk)
    with pytest.raises(ServiceError, match="not with you to write"):
        services.commission_save_draft(actor=directorate_contact, commission=commission, body="Text")


def test_a_stale_page_is_refused_with_nothing_saved(client, officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    services.commission_save_draft(actor=directorate_contact, commission=commission, body="First", expected_version=1)
    with pytest.raises(Conflict):
        services.commission_save_draft(
            actor=directorate_contact, commission=commission, body="Second", expected_version=1
        )
    client.force_login(directorate_contact)
    response = client.post(reverse("briefings:commission_draft", args=[commission.pk]), {"body": "Third", "version": 1})
    assert response.status_code == 200 and "Someone else changed this record" in response.content.decode()
    section.refresh_from_db()
    assert section.body == "First"


# --- bad input -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"assignee": "", "brief": "x", **_date(date(2026, 12, 8))}, "Choose who to ask for the section"),
        (
            {"assignee": "99999999999999999999999", "brief": "x", **_date(date(2026, 12, 8))},
            "Choose a person from the list",
        ),
        ({"assignee": "abc", "brief": "x", **_date(date(2026, 12, 8))}, "Choose a person from the list"),
        ({"brief": "", **_date(date(2026, 12, 8))}, "Enter what you are asking for"),
        ({"brief": "x" * 20_001, **_date(date(2026, 12, 8))}, "The brief must be 20,000 characters or fewer"),
        ({"brief": "x", "due_on_0": "31", "due_on_1": "2", "due_on_2": "2026"}, "The due date must be a real date"),
        ({"brief": "x", "due_on_0": "", "due_on_1": "", "due_on_2": ""}, "Enter the due date"),
        ({"brief": "x", **_date(date(2026, 12, 1))}, "The due date must be today or in the future"),
        (
            {"brief": "x", **_date(date(2026, 12, 10))},
            "on or before the pack&#x27;s due date, Wednesday 9 December 2026",
        ),
        ({"brief": "x", **_date(date(2026, 12, 5))}, "Saturday 5 December 2026 is not a working day"),
    ],
)
def test_bad_input_when_commissioning_gets_a_clear_message_and_saves_nothing(
    client, officer_a, directorate_contact, section, data, message
):
    client.force_login(officer_a)
    data = {"assignee": directorate_contact.pk, **data}
    response = client.post(reverse("briefings:commission_create", args=[section.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Commission.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("inactive", "can no longer sign in"),
        ("member_a_user", "is a member"),
        ("intern", "cannot be asked for a section"),
    ],
)
def test_who_may_be_asked(request, officer_a, section, who, message):
    if who == "inactive":
        assignee = UserFactory(role=Role.DIRECTORATE_CONTACT, full_name="Gone Away", is_active=False)
    else:
        assignee = request.getfixturevalue(who)
    with pytest.raises(ServiceError, match=message) as refused:
        services.commission_create(actor=officer_a, section=section, assignee=assignee, brief="Write it")
    assert refused.value.field == "assignee"
    assert not Commission.objects.exists()
    assert assignee not in selectors.possible_assignees()


def test_the_default_due_date_follows_the_briefing_rules_and_is_never_past(officer_a, directorate_contact, member_a):
    from briefings.models import BriefingSettings

    rules = BriefingSettings.objects.create(commission_working_days_before_due=2)
    section = make_section(make_pack(member_a, lead_officer=officer_a))  # due Wednesday 9 December
    commission = services.commission_create(actor=officer_a, section=section, assignee=directorate_contact, brief="x")
    assert commission.due_on == date(2026, 12, 7)
    rules.commission_working_days_before_due = 5
    rules.save()
    section = make_section(make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 4)))
    commission = services.commission_create(actor=officer_a, section=section, assignee=directorate_contact, brief="x")
    assert commission.due_on == timezone.localdate()


def test_a_late_pack_cannot_be_commissioned_without_a_clear_message(officer_a, directorate_contact, member_a):
    section = make_section(make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 1)))
    with pytest.raises(ServiceError, match="on or before the pack's due date, Tuesday 1 December 2026"):
        services.commission_create(actor=officer_a, section=section, assignee=directorate_contact, brief="x")


def test_bad_input_when_writing_and_deciding(client, officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)
    # An empty section cannot be submitted.
    response = client.post(reverse("briefings:commission_submit", args=[commission.pk]), {"version": "1"})
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == ["Write the section before submitting it"]
    commission.refresh_from_db()
    assert commission.state == S.REQUESTED
    # Text too long.
    url = reverse("briefings:commission_draft", args=[commission.pk])
    response = client.post(url, {"body": "x" * 100_001, "version": commission.version})
    assert "The section text must be 100,000 characters or fewer" in response.content.decode()
    # Returning needs comments; cancelling needs a reason.
    Commission.objects.filter(pk=commission.pk).update(state=S.SUBMITTED)
    client.force_login(officer_a)
    for name, field, message in (
        ("commission_return", "comments", "Enter what needs to change"),
        ("commission_cancel", "reason", "Enter why the commission is cancelled"),
    ):
        response = client.post(reverse(f"briefings:{name}", args=[commission.pk]), {field: "  ", "version": 1})
        assert response.status_code == 200 and message in response.content.decode()
    commission.refresh_from_db()
    assert commission.state == S.SUBMITTED and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("due_from=2026-13-01", "Enter a real date"),
        (
            "due_from=2026-12-10&due_to=2026-12-01",
            "The &#x27;due from&#x27; date must be before the &#x27;due to&#x27; date",
        ),
        ("pack=BPX", "Enter a pack reference like BP00012"),
        ("assignee=999999999999999999999999", "Choose a person from the list"),
        ("scope=late", "Choose what to show from the list"),
        ("state=nonsense", "Select a valid choice"),
    ],
)
def test_bad_filters_on_the_list_show_an_error_not_a_500(
    client, directorate_contact, officer_a, section, query, message
):
    make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)  # a contact: "late" is not theirs to choose
    response = client.get(reverse("briefings:commission_list") + "?" + query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(response.context["page"].object_list) == []


def test_the_list_filters_and_searches(client, head, officer_a, directorate_contact, pack, section, member_a):
    mine = make_commission(section, assignee=officer_a, requested_by=head, due_on=date(2026, 12, 7))
    other_pack = make_pack(member_a, lead_officer=head, title="Budget consultation")
    theirs = make_commission(
        make_section(other_pack, title="Press lines"),
        assignee=directorate_contact,
        requested_by=head,
        due_on=date(2026, 12, 8),
    )
    client.force_login(officer_a)
    url = reverse("briefings:commission_list")

    def rows(query=""):
        return list(client.get(f"{url}?{query}").context["page"].object_list)

    assert rows() == [mine, theirs]
    assert rows("scope=mine") == [mine]
    assert rows("q=budget press") == [theirs]
    assert rows(f"pack={other_pack.reference}") == [theirs]
    assert rows(f"assignee={directorate_contact.pk}") == [theirs]
    assert rows("due_to=2026-12-07") == [mine]
    assert rows("ordering=-due") == [theirs, mine]
    assert rows("state=open") == [mine, theirs]
    assert rows("state=accepted") == []


def test_my_commissions_lists_open_ones_first(officer_a, directorate_contact, member_a):
    packs = [make_pack(member_a, lead_officer=officer_a, title=f"Pack {n}") for n in range(3)]
    accepted = make_commission(
        make_section(packs[0]),
        assignee=directorate_contact,
        requested_by=officer_a,
        state=S.ACCEPTED,
        due_on=date(2026, 12, 3),
    )
    later = make_commission(make_section(packs[1]), assignee=directorate_contact, requested_by=officer_a)
    sooner = make_commission(
        make_section(packs[2]), assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 4)
    )
    assert list(selectors.my_commissions(directorate_contact)) == [sooner, later, accepted]
    assert list(selectors.my_commissions(officer_a)) == []


def test_the_pack_page_partial_shows_the_state_and_the_link(officer_a, directorate_contact, section):
    from django.template.loader import render_to_string

    make_commission(section, assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 1))
    section = type(section).objects.prefetch_related("commissions__assignee").get(pk=section.pk)
    section.allowed = {"section.edit"}
    html = render_to_string("briefings/pack/_section_commission.html", {"section": section})
    assert "Asked of Aisha Patel" in html and "Late" in html and 'data-action="commission.view"' in html
    assert 'data-action="section.commission"' not in html
    section.allowed = {"section.commission"}
    Commission.objects.update(state=S.CANCELLED)
    section = type(section).objects.prefetch_related("commissions__assignee").get(pk=section.pk)
    section.allowed = {"section.commission"}
    html = render_to_string("briefings/pack/_section_commission.html", {"section": section})
    assert "Cancelled" in html and 'data-action="section.commission"' in html


def test_an_email_is_not_queued_to_a_disabled_lead_officer(officer_a, directorate_contact, section):
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a, state=S.IN_DRAFT)
    section.body = "Text"
    section.save()
    type(officer_a).objects.filter(pk=officer_a.pk).update(is_active=False)
    services.commission_submit(actor=directorate_contact, commission=commission)
    assert not Notification.objects.exists()
    assert timedelta(0) <= timezone.now() - Commission.objects.get().submitted_at < timedelta(minutes=1)


def test_reading_a_commission_on_an_official_sensitive_pack_is_access_logged(
    client, officer_a, directorate_contact, member_a
):
    from mayoral_office.models import AccessLog

    pack = make_pack(member_a, lead_officer=officer_a, marking="OFFICIAL-SENSITIVE")
    commission = make_commission(make_section(pack), assignee=directorate_contact, requested_by=officer_a)
    client.force_login(directorate_contact)
    html = client.get(commission.get_absolute_url()).content.decode()
    assert "OFFICIAL-SENSITIVE" in html
    (entry,) = AccessLog.objects.all()
    assert (entry.user, entry.object_id) == (directorate_contact, str(commission.pk))


@pytest.mark.parametrize("pk", ["0", "99999999", "9" * 40])
def test_an_unknown_or_impossible_id_is_not_found(client, officer_a, pk):
    client.force_login(officer_a)
    for name in ("commission", "commission_draft", "commission_return", "commission_cancel", "commission_create"):
        assert client.get(f"{reverse(f'briefings:{name}', args=[1])[:-2]}{pk}/").status_code == 404, name
