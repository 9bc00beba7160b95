"""The scenario for the supplier service, for tests/test_services_audit.py."""

from tests.procurement.factories import make_people


def create(request):
    from procurement.services import suppliers

    people = make_people(head=request.getfixturevalue("head"), requester=request.getfixturevalue("officer_a"))
    suppliers.supplier_create(actor=people.requester, name="Riverside Printers Ltd", company_number="SC123456")
    return people.requester


SCENARIOS = {"supplier_create": create}
