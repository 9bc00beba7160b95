"""What each role may do in briefings (the shape of every app's policy: mayoral_office/policy.py).

- `briefings.view`: open the section. Officers of the Mayor's Office and the members they serve; not directorate
  contacts (they will answer commissions sent to them once commissioning is built) or budget holders.
"""

from mayoral_office.access import office_roles
from mayoral_office.policy import Policy, Rule, cached_facts


@cached_facts
def facts(user):
    return {"may_open": bool(office_roles(user))}


policy = Policy("briefings", {"briefings.view": Rule(who=lambda f, obj: f["may_open"])}, facts=facts)


def may_open(user) -> bool:
    return policy.allows(user, "briefings.view")
