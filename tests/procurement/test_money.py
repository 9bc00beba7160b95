"""Money exact to the penny (issue 13, acceptance 5): VAT rounded line by line, half up, as the council's finance
system does, checked against a reference worked out by hand with Decimal for many random lines."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from procurement.money import gbp, line_figures, pennies, totals

RATE = {"standard": Decimal("0.2"), "reduced": Decimal("0.05"), "zero": Decimal(0), "exempt": Decimal(0)}


def by_hand(quantity: Decimal, price: Decimal, rate: str) -> tuple[Decimal, Decimal]:
    net = (quantity * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return net, (net * RATE[rate]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


quantities = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
prices = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999.99"), places=2)
rates = st.sampled_from(list(RATE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(quantities, prices, rates), min_size=1, max_size=40))
def test_totals_are_the_sum_of_each_lines_rounded_figures(lines):
    expected_net = sum((by_hand(*line)[0] for line in lines), Decimal("0.00"))
    expected_vat = sum((by_hand(*line)[1] for line in lines), Decimal("0.00"))
    found = totals(lines)
    assert (found.net, found.vat, found.gross) == (expected_net, expected_vat, expected_net + expected_vat)
    assert found.net.as_tuple().exponent == -2 and found.vat.as_tuple().exponent == -2


def test_vat_is_rounded_on_each_line_not_on_the_total():
    # 3 lines of £0.03 at 20%: 0.006 each rounds up to 0.01 a line (3p in all), where 20% of 9p would be 2p.
    found = totals([(Decimal(1), Decimal("0.03"), "standard")] * 3)
    assert (found.net, found.vat) == (Decimal("0.09"), Decimal("0.03"))


def test_half_a_penny_rounds_up_and_the_reduced_rate_is_five_percent():
    assert pennies(Decimal("0.005")) == Decimal("0.01")
    figures = line_figures(Decimal("3"), Decimal("33.33"), "reduced")
    assert (figures.net, figures.vat) == (Decimal("99.99"), Decimal("5.00"))


def test_exempt_and_zero_rated_lines_have_no_vat():
    assert line_figures(Decimal(2), Decimal("100"), "exempt").vat == Decimal("0.00")
    assert line_figures(Decimal(2), Decimal("100"), "zero").vat == Decimal("0.00")


def test_amounts_are_shown_in_pounds():
    assert gbp(Decimal("7200")) == "£7,200.00"
    assert gbp(Decimal("-12.5")) == "-£12.50"
