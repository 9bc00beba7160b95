import pytest


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every diary test runs on the frozen clock (tests/conftest.py): default weeks, notice periods and the
    forward look never depend on the day the suite runs."""
    return clock
