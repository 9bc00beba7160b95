"""Suppliers (issue 13): the list with search for everyone in procurement, adding a supplier through the service
(a Companies House number checked, a duplicate refused naming the supplier that has it), pinned query counts the
same at 10 and at 100 suppliers."""

import pytest
from django.urls import reverse

from mayoral_office.errors import PermissionDenied, ServiceError
from procurement.models import Supplier
from procurement.services.suppliers import supplier_create
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"), [("01234567", "01234567"), ("sc 123456", "SC123456"), ("1234567", "01234567")]
)
def test_a_company_number_is_kept_as_companies_house_writes_it(people, typed, kept):
    supplier = supplier_create(actor=people.requester, name="Acme Ltd", company_number=typed, vat_number="123456789")
    assert supplier.company_number == kept and supplier.vat_number == "GB123456789"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the supplier's name"),
        ({"company_number": "ABC"}, "company_number", "8 digits, like 01234567, or 2 letters and 6 digits"),
        ({"company_number": "S1234567"}, "company_number", "like SC123456"),
        ({"company_number": "012345678"}, "company_number", "8 digits"),
        ({"company_number": "01234567", "is_sole_trader": True}, "company_number", "A sole trader has no company"),
        ({"vat_number": "GB12"}, "vat_number", "Enter the VAT number as 9 digits"),
        ({"charity_number": "abc!"}, "charity_number", "Enter the charity number"),
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.com"),
    ],
)
def test_bad_supplier_details_are_refused_with_a_clear_message(people, fields, field, message):
    with pytest.raises(ServiceError, match=message) as refused:
        supplier_create(actor=people.requester, **{"name": "Acme Ltd", **fields})
    assert refused.value.field == field
    assert not Supplier.objects.exists()


def test_a_duplicate_company_number_is_refused_naming_the_supplier_that_has_it(people):
    supplier_create(actor=people.requester, name="Eastbridge Catering Ltd", company_number="01234567")
    with pytest.raises(ServiceError, match="Eastbridge Catering Ltd already has company number 01234567"):
        supplier_create(actor=people.requester, name="E. Catering", company_number="1234567")
    assert Supplier.objects.count() == 1


def test_a_holder_only_or_an_intern_cannot_add_a_supplier(people, intern):
    for user in (people.director, intern):
        with pytest.raises(PermissionDenied):
            supplier_create(actor=user, name="Acme Ltd")


def test_the_page_adds_a_supplier_and_shows_a_duplicate_on_the_form(client, people):
    client.force_login(people.requester)
    url = reverse("procurement:supplier_create")
    assert client.get(url).status_code == 200
    data = {"name": "Riverside Printers Ltd", "company_number": "SC123456", "email": "orders@riverside.example"}
    response = client.post(url, data)
    assert response.status_code == 302
    response = client.post(url, {**data, "name": "Riverside Print"})
    assert response.status_code == 200
    assert "Riverside Printers Ltd already has company number SC123456" in response.content.decode()
    assert Supplier.objects.count() == 1


def test_the_list_searches_by_name_and_number(client, people):
    Supplier.objects.create(name="Eastbridge Catering Ltd", company_number="01234567")
    Supplier.objects.create(name="Riverside Printers", company_number="SC123456")
    client.force_login(people.holder)
    url = reverse("procurement:supplier_list")
    assert [s.name for s in client.get(url, {"q": "river"}).context["page"]] == ["Riverside Printers"]
    assert [s.name for s in client.get(url, {"q": "01234567"}).context["page"]] == ["Eastbridge Catering Ltd"]
    assert 'data-action="supplier.create"' not in client.get(url).content.decode()  # a holder does not add


def test_members_and_interns_cannot_see_suppliers(client, member_a_user, intern):
    for user in (member_a_user, intern):
        client.force_login(user)
        assert client.get(reverse("procurement:supplier_list")).status_code == 403
        assert client.get(reverse("procurement:supplier_create")).status_code == 403


def test_the_list_runs_its_pinned_queries_at_10_and_at_100(client, people, django_assert_num_queries):
    def add(n, start):
        Supplier.objects.bulk_create(
            [Supplier(name=f"Supplier {i:04d}", company_number=f"{i:08d}") for i in range(start, start + n)]
        )

    queries = (
        SIGNED_IN
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of suppliers",
        ]
        + OFFICER  # the menu's other sections read a Cabinet Support Officer's relationships
    )
    client.force_login(people.requester)
    url = reverse("procurement:supplier_list")
    add(10, 0)
    client.get(url)
    for more in (0, 90):
        add(more, 10)
        client.get(url)
        with django_assert_num_queries(len(queries)):
            response = client.get(url)
        assert len(response.context["page"].object_list) == (10 if more == 0 else 25)
