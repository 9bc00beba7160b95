import pytest


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every decisions test runs on the frozen clock (tests/conftest.py): statutory dates, overdue actions and
    meetings 'in the past' never depend on the day the suite runs."""
    return clock
