"""What each role may do in procurement (the shape of every app's policy: mayoral_office/policy.py).

- `procurement.view`: open the section. Officers of the Mayor's Office, the members they serve, and budget holders;
  not directorate contacts.
"""

from mayoral_office.access import office_roles
from mayoral_office.policy import Policy, Rule, cached_facts
from mayoral_office.roles import Role


@cached_facts
def facts(user):
    return {"may_open": bool(office_roles(user) or user.has_role(Role.BUDGET_HOLDER))}


policy = Policy("procurement", {"procurement.view": Rule(who=lambda f, obj: f["may_open"])}, facts=facts)


def may_open(user) -> bool:
    return policy.allows(user, "procurement.view")
