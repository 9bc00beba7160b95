"""Procurement's reads, one module per concern: `routes` (the route a requisition takes, the splitting check),
`requisitions`, `budgets`, `reports`, `home`. The services use the route reads through this package."""

from procurement.selectors.routes import (
    NoRulesInForce,
    Route,
    SplitCheck,
    needs_contract_notice,
    route_for,
    rules_in_force,
)

__all__ = ["NoRulesInForce", "Route", "SplitCheck", "needs_contract_notice", "route_for", "rules_in_force"]
