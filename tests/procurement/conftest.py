import pytest

from tests.procurement.factories import make_line, make_people


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every procurement test runs on the frozen clock (Wednesday 2 December 2026, 10:00: the financial year
    2026/27), so needed-by dates, the rules in force and the 12 months of the splitting check never depend on the
    day the suite runs."""
    return clock


@pytest.fixture
def people(db, head, officer_a):
    """The requester (a Cabinet Support Officer), the budget holder and their deputy, a finance approver, a
    Director and the procurement team."""
    return make_people(head=head, requester=officer_a)


@pytest.fixture
def line(people):
    """A line of 2026/27 with £50,000 allocated."""
    return make_line(people, allocation="50000.00")
