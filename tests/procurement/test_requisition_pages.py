"""The requisition pages (issue 13): the list with its filters and export, raising and changing a requisition with
its line rows, the requisition page with its route, quotes, budget figures and history, adding and downloading a
quote, submitting and cancelling; who may open each page (404 for a requisition the user may not see)."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement.models import Quote, Requisition, RequisitionLine, Status
from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, category, make_line, make_requisition, make_supplier

pytestmark = pytest.mark.django_db


def _form(line, pick, **overrides):
    data = {
        "rows": "5",
        "budget_line": str(line.pk),
        "supplier": str(pick.pk),
        "category": str(category().pk),
        "description": "Volunteers' reception",
        "justification": "The Mayor thanks the borough's volunteers",
        "needed_by_0": "15",
        "needed_by_1": "1",
        "needed_by_2": "2027",
        "contract_reference": "",
        "line_0_description": "Catering for 200 guests",
        "line_0_quantity": "200",
        "line_0_unit_price": "25.00",
        "line_0_vat_rate": "standard",
        "line_1_description": "Room hire",
        "line_1_quantity": "1",
        "line_1_unit_price": "1000",
        "line_1_vat_rate": "exempt",
    }
    data.update(overrides)
    return data


def test_a_requester_raises_a_requisition_and_sees_each_lines_figures_and_the_totals(client, people, line):
    client.force_login(people.requester)
    response = client.post(reverse("procurement:requisition_create"), _form(line, make_supplier()))
    requisition = Requisition.objects.get()
    assert response.status_code == 302 and response.url == requisition.get_absolute_url()
    assert (requisition.net, requisition.vat, requisition.gross) == (
        Decimal("6000.00"),
        Decimal("1000.00"),
        Decimal("7000.00"),
    )
    page = client.get(requisition.get_absolute_url()).content.decode()
    for text in ("Catering for 200 guests", "£5,000.00", "£1,000.00", "£6,000.00", "£7,000.00", "Exempt"):
        assert text in page
    assert "Before you submit" in page


BAD_INPUT = [
    ({"line_0_quantity": "-2"}, "The quantity on line 1 must be more than 0"),
    ({"line_0_unit_price": "1e20"}, "The unit price on line 1 must be £99,999,999.99 or less"),
    ({"line_0_unit_price": "twelve"}, "Enter the unit price on line 1 as a number, like 12.50"),
    ({"line_0_vat_rate": "twenty"}, "Choose the VAT rate of line 1 from the list"),
    ({"line_0_vat_rate": ""}, "Choose the VAT rate of line 1"),
    ({"line_1_description": ""}, "Enter what is being bought on line 2"),
    (
        {"needed_by_0": "1", "needed_by_1": "12", "needed_by_2": "2026"},
        "The needed-by date must be today or in the future",
    ),
    ({"needed_by_0": "31", "needed_by_1": "2", "needed_by_2": "2027"}, "The needed-by date must be a real date"),
    ({"budget_line": "last_year"}, "Choose a budget line of this financial year from the list"),
    ({"supplier": "99999999999999999999999"}, "Choose a supplier from the list"),
    ({"description": ""}, "Enter what the requisition is for"),
    (
        {
            "line_0_description": "",
            "line_0_quantity": "",
            "line_0_unit_price": "",
            "line_0_vat_rate": "",
            "line_1_description": "",
            "line_1_quantity": "",
            "line_1_unit_price": "",
            "line_1_vat_rate": "",
        },
        "Add at least one line",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUT, ids=[m for _, m in BAD_INPUT])
def test_bad_input_gets_an_error_summary_with_a_clear_message_and_saves_nothing(client, people, line, change, message):
    if change.get("budget_line") == "last_year":
        change = {"budget_line": str(make_line(people, code="4010", year=2025).pk)}
    client.force_login(people.requester)
    response = client.post(reverse("procurement:requisition_create"), _form(line, make_supplier(), **change))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page.replace("&#x27;", "'")
    assert not Requisition.objects.exists() and not RequisitionLine.objects.exists()


def test_add_another_line_shows_one_more_row_keeping_what_was_typed_and_saves_nothing(client, people, line):
    client.force_login(people.requester)
    data = _form(line, make_supplier(), add_line="", line_0_quantity="-5")
    response = client.post(reverse("procurement:requisition_create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and not Requisition.objects.exists()
    assert 'name="line_5_description"' in page and 'name="line_6_description"' not in page
    assert 'value="Catering for 200 guests"' in page and 'value="6"' in page  # the rows field
    assert "govuk-error-summary" not in page  # not checked until saved


def test_the_requester_changes_a_draft_and_the_lines_are_replaced(client, people, line):
    requisition = make_requisition(people, line)
    client.force_login(people.requester)
    url = reverse("procurement:requisition_edit", args=[requisition.pk])
    page = client.get(url).content.decode()
    assert 'value="Reception for 200 guests"' in page and 'value="6000.00"' in page
    data = _form(line, make_supplier(), version=str(requisition.version))
    response = client.post(url, data)
    assert response.status_code == 302
    requisition.refresh_from_db()
    assert requisition.lines.count() == 2 and requisition.gross == Decimal("7000.00")


def test_a_stale_edit_is_refused_on_the_form(client, people, line):
    requisition = make_requisition(people, line)
    client.force_login(people.requester)
    url = reverse("procurement:requisition_edit", args=[requisition.pk])
    response = client.post(url, _form(line, make_supplier(), version=str(requisition.version - 1 or 99)))
    assert response.status_code == 200 and "Someone else changed this record" in response.content.decode()


# --- who may open what --------------------------------------------------------------------------------------------
@pytest.fixture
def draft(people, line):
    return make_requisition(people, line)


@pytest.mark.parametrize("who", ["requester", "holder", "deputy", "head", "finance"])
def test_those_the_policy_lets_see_a_requisition_open_its_page(client, people, draft, who):
    client.force_login(getattr(people, who))
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(reverse("procurement:requisition_list")).status_code == 200


@pytest.mark.parametrize("who", ["intern", "member_a_user", "directorate_contact"])
def test_members_interns_and_contacts_are_refused_procurement(client, request, people, draft, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("procurement:requisition_list"),
        reverse("procurement:requisition_create"),
        draft.get_absolute_url(),
        reverse("procurement:requisition_export"),
    ):
        assert client.get(url).status_code == 403, url


def test_a_requester_never_sees_another_requesters_requisition(client, people, draft, officer_b):
    client.force_login(officer_b)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("procurement:requisition_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("procurement:requisition_submit", args=[draft.pk])).status_code == 404
    assert draft.reference not in client.get(reverse("procurement:requisition_list")).content.decode()
    assert client.get("/procurement/requisitions/99999999999999999999999/").status_code == 404


def test_a_budget_holder_may_not_raise_a_requisition_or_change_one(client, people, draft):
    client.force_login(people.holder)
    assert client.get(reverse("procurement:requisition_create")).status_code == 403
    assert client.get(reverse("procurement:requisition_edit", args=[draft.pk])).status_code == 403
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-action="requisition.edit"' not in page and 'data-action="requisition.submit"' not in page


def test_the_buttons_come_from_the_policy(client, people, draft):
    client.force_login(people.requester)
    page = client.get(draft.get_absolute_url()).content.decode()
    for action in ("requisition.edit", "requisition.add_quote", "requisition.submit", "requisition.cancel"):
        assert f'data-action="{action}"' in page
    for action in ("requisition.approve", "requisition.raise_po", "requisition.invoice"):
        assert f'data-action="{action}"' not in page


# --- the list -----------------------------------------------------------------------------------------------------
@pytest.fixture
def several(people, line):
    other = make_supplier("Riverside Print Co", "07654321")
    first = make_requisition(
        people, line, description="Invitations", supplier=other, category_name="Printing and design"
    )
    second = make_requisition(people, line, description="Canapés")
    add_quotes(people, second, 3)
    services.requisition_submit(actor=people.requester, requisition=second)
    big = make_requisition(
        people,
        line,
        description="Marquee",
        lines=[{"description": "Marquee", "quantity": "1", "unit_price": "20000", "vat_rate": "standard"}],
    )
    return {"first": first, "second": second, "big": big, "other": other}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"first", "second", "big"}),
        ("?status=submitted", {"second"}),
        ("?q=riverside", {"first"}),
        ("?q=canap", {"second"}),
        ("?q=REQ/2026/00003", {"big"}),
        ("?value_min=10000", {"big"}),
        ("?value_max=7200", {"first", "second"}),
        ("?scope=mine", {"first", "second", "big"}),
        ("?submitted_from=2026-12-01&submitted_to=2026-12-02", {"second"}),
        ("?category={printing}", {"first"}),
        ("?supplier={other}", {"first"}),
    ],
)
def test_the_list_filters_and_searches(client, people, several, query, expected):
    client.force_login(people.requester)
    query = query.format(printing=category("Printing and design").pk, other=several["other"].pk)
    response = client.get(reverse("procurement:requisition_list") + query)
    shown = {r.pk for r in response.context["page"]}
    assert shown == {several[name].pk for name in expected}


def test_the_list_sorts_by_value(client, people, several):
    client.force_login(people.requester)
    response = client.get(reverse("procurement:requisition_list") + "?ordering=-value")
    assert [r.pk for r in response.context["page"]][0] == several["big"].pk


@pytest.mark.parametrize(
    "query",
    [
        "?status=nonsense",
        "?value_min=abc",
        "?value_min=1e20",
        "?value_min=NaN",
        "?submitted_from=2026-02-31",
        "?submitted_from=2026-12-02&submitted_to=2026-12-01",
        "?value_min=500&value_max=100",
        "?budget_line=99999999999999999999999",
        "?requester=abc",
        "?ordering=password",
        "?page=99",
    ],
)
def test_invalid_filters_are_shown_as_errors_never_a_500(client, people, several, query):
    client.force_login(people.requester)
    response = client.get(reverse("procurement:requisition_list") + query)
    assert response.status_code == 200
    if "page" not in query:
        assert "There is a problem with the filters" in response.content.decode()


def test_a_holder_sees_only_what_is_charged_to_their_lines(client, people, several, head):
    elsewhere = make_line(people, code="4999", name="Other line")
    elsewhere.holder = head
    elsewhere.deputy = None
    elsewhere.save()
    hidden = make_requisition(people, elsewhere, description="Hidden")
    client.force_login(people.holder)
    shown = {r.pk for r in client.get(reverse("procurement:requisition_list")).context["page"]}
    assert hidden.pk not in shown and several["first"].pk in shown
    shown = {r.pk for r in client.get(reverse("procurement:requisition_list") + "?scope=my_lines").context["page"]}
    assert hidden.pk not in shown and len(shown) == 3


def test_the_export_is_the_filtered_list_with_only_its_columns_and_formula_safe(client, people, line, officer_b):
    make_requisition(people, line, description='=HYPERLINK("http://evil")')
    make_requisition(people, line, description="Flowers")
    client.force_login(people.requester)
    response = client.get(reverse("procurement:requisition_export") + "?q=hyperlink")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] and "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Description", "Supplier"]
    assert "Justification" not in rows[0]
    assert len(rows) == 2 and rows[1][1] == '\'=HYPERLINK("http://evil")'
    client.force_login(officer_b)
    other = client.get(reverse("procurement:requisition_export"))
    assert len(list(csv.reader(io.StringIO(b"".join(other.streaming_content).decode("utf-8-sig"))))) == 1


def test_an_export_with_bad_filters_goes_back_to_the_list_with_a_message(client, people, line):
    client.force_login(people.requester)
    response = client.get(reverse("procurement:requisition_export") + "?value_min=abc", follow=True)
    assert "could not be downloaded" in response.content.decode()


# --- quotes -------------------------------------------------------------------------------------------------------
def test_a_quote_with_its_pdf_is_added_and_downloaded_only_by_those_who_may_see_it(
    client, people, draft, officer_b, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    client.force_login(people.requester)
    url = reverse("procurement:quote_add", args=[draft.pk])
    pdf = SimpleUploadedFile("quote.pdf", b"%PDF-1.4 a quote", content_type="application/pdf")
    response = client.post(url, {"supplier_name": "Eastbridge", "amount": "£7,150.00", "file": pdf})
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.amount == Decimal("7150.00") and quote.file_name == "quote.pdf"
    download = reverse("procurement:quote_file", args=[quote.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 a quote"
    client.force_login(people.holder)
    assert client.get(download).status_code == 200
    client.force_login(officer_b)
    assert client.get(download).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"supplier_name": "", "amount": "100"}, "Enter who gave the quote"),
        ({"supplier_name": "A", "amount": "-1"}, "The quote&#x27;s amount must be £0.01 or more"),
        ({"supplier_name": "A", "amount": "lots"}, "Enter the quote&#x27;s amount as an amount in pounds"),
        ({"supplier_name": "A", "amount": "100", "file": "notpdf"}, "The quote must be a PDF"),
    ],
)
def test_a_bad_quote_is_refused_on_the_form(client, people, draft, data, message):
    if data.get("file") == "notpdf":
        data["file"] = SimpleUploadedFile("quote.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.force_login(people.requester)
    response = client.post(reverse("procurement:quote_add", args=[draft.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Quote.objects.exists()


# --- submit and cancel --------------------------------------------------------------------------------------------
def test_submitting_without_the_quotes_shows_what_is_missing_on_the_form(client, people, draft):
    client.force_login(people.requester)
    url = reverse("procurement:requisition_submit", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Three written quotes; 0 attached" in page and "Patrick Mensah" in page
    response = client.post(url, {"version": draft.version})
    assert response.status_code == 200 and "needs 3 quotes" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_submitting_with_three_quotes_sends_it_to_the_budget_holder(client, people, draft):
    add_quotes(people, draft, 3)
    client.force_login(people.requester)
    response = client.post(reverse("procurement:requisition_submit", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Waiting for: Budget holder" in page and 'data-action="requisition.submit"' not in page


def _two_thousand(people, line, supplier, submit=True):
    requisition = make_requisition(
        people,
        line,
        supplier=supplier,
        lines=[{"description": "Printing", "quantity": "1", "unit_price": "2000", "vat_rate": "zero"}],
    )
    add_quotes(people, requisition, 1, amount="2000")
    if submit:
        services.requisition_submit(actor=people.requester, requisition=requisition)
    return requisition


def test_the_third_2000_requisition_to_one_supplier_asks_for_a_reason_and_the_approver_sees_the_others(
    client, people, line
):
    supplier = make_supplier()
    first, second = _two_thousand(people, line, supplier), _two_thousand(people, line, supplier)
    third = _two_thousand(people, line, supplier, submit=False)
    client.force_login(people.requester)
    page = client.get(third.get_absolute_url()).content.decode()
    assert "Possible splitting" in page and first.reference in page and second.reference in page
    assert f'href="{first.get_absolute_url()}"' in page
    url = reverse("procurement:requisition_submit", args=[third.pk])
    response = client.post(url, {"version": third.version})
    assert "Enter the reason these are separate purchases" in response.content.decode()
    response = client.post(url, {"version": third.version, "split_reason": "Three separate events"})
    assert response.status_code == 302
    client.force_login(people.holder)
    page = client.get(reverse("procurement:requisition_approve", args=[third.pk])).content.decode()
    assert "Possible splitting" in page and first.reference in page and "Three separate events" in page


def test_cancelling_needs_a_reason(client, people, draft):
    client.force_login(people.requester)
    url = reverse("procurement:requisition_cancel", args=[draft.pk])
    assert "Enter why it is cancelled" in client.post(url, {"version": draft.version}).content.decode()
    response = client.post(url, {"version": draft.version, "reason": "The event moved online"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.CANCELLED and draft.cancel_reason == "The event moved online"


def test_an_action_the_state_forbids_returns_to_the_requisition_with_the_reason(client, people, draft):
    add_quotes(people, draft, 3)
    services.requisition_submit(actor=people.requester, requisition=draft)
    client.force_login(people.requester)
    response = client.get(reverse("procurement:requisition_edit", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "it can no longer be changed" in response.content.decode()


def test_with_no_rules_in_force_a_draft_opens_and_says_why_it_cannot_be_submitted(client, people, draft):
    """The Head removed every rule set: the draft's page still opens and says why; submitting is refused with the
    same message; nothing changes."""
    from procurement.models import RuleSet

    RuleSet.objects.all().delete()
    client.force_login(people.requester)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "No procurement rules are in force today" in page.content.decode()
    submit = reverse("procurement:requisition_submit", args=[draft.pk])
    opened = client.get(submit, HTTP_REFERER=draft.get_absolute_url(), follow=True)
    assert opened.redirect_chain == [(draft.get_absolute_url(), 302)]
    assert "No procurement rules are in force today" in opened.content.decode()
    reopened = client.get(submit, HTTP_REFERER=submit)  # reloaded: never back to itself
    assert reopened.status_code == 302 and reopened.url == reverse("home")
    posted = client.post(submit, {"version": draft.version}, HTTP_REFERER=draft.get_absolute_url(), follow=True)
    assert posted.status_code == 200
    assert "No procurement rules are in force today" in posted.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
