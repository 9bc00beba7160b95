"""Acceptance 3: for every role, what it can and cannot see. A confidential case is absent from another
officer's
lists, search, exports, counts and attachment URLs (404). Reads of confidential cases go to the access log."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import selectors, services
from casework.models import Case, Sensitivity
from mayoral_office.models import AccessLog
from mayoral_office.roles import Role
from mayoral_office.working_days import add_working_days
from tests.mayoral_office.factories import SupportAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test document\n"


@pytest.fixture
def officer_a2(member_a):
    """A second Cabinet Support Officer for member_a, not allocated to the confidential case."""
    officer = UserFactory(role=Role.CABINET_SUPPORT, full_name="Hannah Ellis")
    SupportAssignmentFactory(officer=officer, member=member_a)
    return officer


@pytest.fixture
def cases(log_case, head, member_a, member_a_user, officer_a):
    made = {}
    for level, word in [("standard", "zebra"), ("sensitive", "yak"), ("confidential", "walrus")]:
        case = log_case(
            member=member_a,
            subject=f"Housing {word} matter",
            body=f"Private letter text about the {word} and my neighbour",
            sensitivity=level,
            officer=officer_a,
            files=[SimpleUploadedFile(f"{word}.pdf", PDF, content_type="application/pdf")],
        )
        made[level] = case
    return made


# persona -> which of (standard, sensitive, confidential) it sees
EXPECTED = {
    "head": {"standard", "sensitive", "confidential"},
    "officer_a": {"standard", "sensitive", "confidential"},  # supports the member and is allocated
    "member_a_user": {"standard", "sensitive", "confidential"},  # the member
    "officer_a2": {"standard", "sensitive"},  # supports the member, not allocated: no confidential
    "intern": {"standard"},  # never sensitive or confidential
    "officer_b": set(),  # supports another member
    "exec_officer": set(),
    "mayor": set(),
    "directorate_contact": set(),  # only contribution requests
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_role_sees_exactly_what_it_should_everywhere(client, request, cases, persona, officer_a2):
    user = request.getfixturevalue(persona)
    expected = EXPECTED[persona]
    client.force_login(user)

    # The queryset every view uses
    visible = set(Case.objects.visible_to(user).values_list("sensitivity", flat=True))
    assert visible == expected

    # Counts
    assert selectors.queue_counts(user)["open"] == len(expected)  # every case here is open
    if persona != "directorate_contact":  # who has no work queue (it sends them to their requests)
        assert client.get("/casework/?queue=all").context["page"].paginator.count == len(expected)

    for level, case in cases.items():
        allowed = level in expected
        word = case.subject.split()[1]
        # The case page and the attachment URL: 404, never 403
        detail = client.get(reverse("casework:detail", args=[case.pk]))
        attachment = case.attachments.get()
        download = client.get(reverse("casework:attachment", args=[case.pk, attachment.pk]))
        letter = client.get(reverse("casework:letter", args=[case.pk]))
        assert detail.status_code == (200 if allowed else 404), (persona, level)
        assert download.status_code == (200 if allowed else 404), (persona, level)
        assert letter.status_code in ((200, 302) if allowed else (404,)), (persona, level)
        if persona == "directorate_contact":
            continue
        # Lists and search
        listing = client.get(reverse("casework:index"), {"queue": "all"}).content.decode()
        assert (case.reference in listing) == allowed, (persona, level)
        found = client.get(reverse("casework:index"), {"queue": "all", "q": word}).content.decode()
        assert (case.reference in found) == allowed, (persona, level)
        # Exports
        exported = client.get(reverse("casework:export-csv"), {"queue": "all"}).getvalue().decode("utf-8-sig")
        assert (case.reference in exported) == allowed, (persona, level)
        xlsx = client.get(reverse("casework:export-xlsx"), {"queue": "all", "q": word})
        assert xlsx.status_code == 200
        # Counts by member
        by_member = client.get(reverse("casework:by-member")).context["rows"]
        assert sum(row["received"] for row in by_member) == len(expected)  # all received this year


def test_directorate_contact_sees_only_their_request_and_the_case_summary(
    client, cases, head, directorate, directorate_contact, clock
):
    from tests.mayoral_office.factories import DirectorateFactory

    in_five_working_days = add_working_days(clock.today, 5)
    other = DirectorateFactory(name="Resources", code="RES")
    case = cases["confidential"]
    ours = services.contribution_request(
        actor=head, case=case, directorate=directorate, question="What happened?", due_on=in_five_working_days
    )
    theirs = services.contribution_request(
        actor=head, case=cases["standard"], directorate=other, question="Budget?", due_on=in_five_working_days
    )
    client.force_login(directorate_contact)
    assert client.get(reverse("casework:index")).url == reverse("casework:contributions")
    listing = client.get(reverse("casework:contributions")).content.decode()
    assert case.reference in listing
    assert cases["standard"].reference not in listing
    page = client.get(reverse("casework:contribution", args=[ours.pk])).content.decode()
    assert case.summary in page
    assert case.body not in page  # the summary only, never the full correspondence
    assert case.correspondent.email not in page
    assert client.get(reverse("casework:contribution", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("casework:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("casework:export-csv")).status_code == 403


def test_reading_a_confidential_case_is_logged(client, cases, officer_a):
    client.force_login(officer_a)
    case = cases["confidential"]
    client.get(reverse("casework:detail", args=[case.pk]))
    client.get(reverse("casework:attachment", args=[case.pk, case.attachments.get().pk]))
    client.get(reverse("casework:export-csv"), {"queue": "all"})
    actions = list(AccessLog.objects.filter(user=officer_a, object_id=str(case.pk)).values_list("action", flat=True))
    assert actions.count("viewed") == 2
    assert "exported" in actions
    client.get(reverse("casework:detail", args=[cases["standard"].pk]))
    assert not AccessLog.objects.filter(object_id=str(cases["standard"].pk)).exists()


def test_an_intern_can_draft_but_not_log_allocate_or_approve(client, cases, intern, log_case):
    client.force_login(intern)
    case = cases["standard"]
    assert client.get(reverse("casework:create")).status_code == 403
    assert client.get(reverse("casework:allocate", args=[case.pk])).status_code == 403
    response = client.post(reverse("casework:draft-create", args=[case.pk]), {"body": "Thank you for writing."})
    assert response.status_code == 302
    assert case.drafts.get().created_by == intern
    with pytest.raises(PermissionDenied):
        services.draft_submit(actor=intern, draft=case.drafts.get())


def test_an_officer_cannot_log_a_case_for_a_member_they_do_not_support(officer_b, member_a, log_case):
    with pytest.raises(PermissionDenied):
        log_case(member=member_a, actor=officer_b)


def test_the_correspondent_page_lists_only_cases_the_user_may_see(client, cases, officer_a2, head):
    correspondent = cases["confidential"].correspondent
    client.force_login(officer_a2)
    assert client.get(reverse("casework:correspondent", args=[correspondent.pk])).status_code == 404
    client.force_login(head)
    assert client.get(reverse("casework:correspondent", args=[correspondent.pk])).status_code == 200


def test_csv_export_neutralises_formulas(client, log_case, head, member_a):
    log_case(member=member_a, subject='=HYPERLINK("http://evil")')
    client.force_login(head)
    rows = list(csv.reader(io.StringIO(client.get(reverse("casework:export-csv")).getvalue().decode("utf-8-sig"))))
    assert rows[1][9].startswith("'=")


def test_sensitivity_choices_follow_the_role(intern):
    from casework.forms import CaseIntakeForm

    form = CaseIntakeForm(user=intern)
    assert [c for c, _ in form.fields["sensitivity"].choices] == [Sensitivity.STANDARD]


def test_an_officer_logging_a_confidential_case_is_allocated_it_so_they_can_still_see_it(
    client, officer_a, member_a, log_case
):
    case = log_case(member=member_a, actor=officer_a, sensitivity="confidential")
    assert case.officer == officer_a
    client.force_login(officer_a)
    assert client.get(reverse("casework:detail", args=[case.pk])).status_code == 200


def test_a_member_starts_on_the_approvals_waiting_for_them(client, member_a_user, officer_a, member_a, log_case):
    client.force_login(member_a_user)
    assert client.get(reverse("casework:index")).context["queue"] == "approval"
