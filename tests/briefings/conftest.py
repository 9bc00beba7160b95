import pytest


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every briefings test runs on the frozen clock (tests/conftest.py, Wednesday 2 December 2026 10:00): due
    dates, late commissions and engagements 'to come' never depend on the day the suite runs."""
    return clock
