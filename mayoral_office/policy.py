"""The shape of every app's permission policy (`<app>/policy.py`).

An app declares its abilities once, as a table of named actions ("case.hold", "draft.approve"). Each `Rule` says
*who* may (from the user's roles and relationship to the record) and *when* (from the record's state, usually its
transitions table), with the plain-English reason shown when the state forbids it:

    RULES = {
        "case.hold": Rule(who=is_worker, when=lambda case: can_move(case.status, ON_HOLD),
                          why_not="This case cannot be put on hold now"),
    }
    policy = Policy("case", RULES, facts=CaseworkFacts.of)

- `policy.available_actions(user, obj)` is the one answer to "what may this user do to this now?". Views pass it
  to templates as `actions`; templates only test membership (`{% if "case.hold" in actions %}`).
- `policy.require(user, action, obj)` is what services call first: `PermissionDenied` (403) when the user may
  not see the record or may never do this to it, `ServiceError` with `why_not` when its state forbids it now.

So a button is shown exactly when the service would accept the action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mayoral_office.errors import Conflict, PermissionDenied, ServiceError


def always(obj) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    who: Callable[[Any, Any], bool]  # (facts about the user, obj) -> bool
    when: Callable[[Any], bool] = always  # (obj) -> bool
    why_not: str | Callable[[Any], str] = "This cannot be done now"

    def reason(self, obj) -> str:
        return self.why_not(obj) if callable(self.why_not) else self.why_not


class Policy:
    """A table of rules for one kind of record (or for the app as a whole, with obj None)."""

    def __init__(
        self,
        name: str,
        rules: dict[str, Rule],
        *,
        facts: Callable[[Any], Any],
        visible: Callable[[Any, Any], bool] | None = None,
    ):
        self.name = name
        self.rules = rules
        self.facts = facts  # user -> the facts the rules read (computed once per user and request)
        # (user, obj) -> may the user see obj at all. `require` checks it, because a service may be handed any
        # record; `available_actions` does not, because its obj always comes from the authorising fetch.
        self.visible = visible

    @property
    def vocabulary(self) -> set[str]:
        return set(self.rules)

    def available_actions(self, user, obj=None) -> set[str]:
        if user is None or not user.is_authenticated or not user.is_active:
            return set()
        facts = self.facts(user)
        return {action for action, rule in self.rules.items() if rule.who(facts, obj) and rule.when(obj)}

    def allows(self, user, action: str, obj=None) -> bool:
        return action in self.available_actions(user, obj)

    def require(self, user, action: str, obj=None, *, seen: bool = False) -> None:
        """`seen`: obj came from the authorising fetch for this user, so its visibility is already known."""
        self.require_permission(user, action, obj, seen=seen)
        self.require_state(action, obj)

    def require_permission(self, user, action: str, obj=None, *, seen: bool = False) -> None:
        """Who may: the user may see obj and may do this kind of thing to it (PermissionDenied otherwise)."""
        rule = self.rules[action]  # a KeyError here is a typo in the code, not a user's mistake
        if user is None or not user.is_authenticated or not user.is_active:
            raise PermissionDenied(f"You cannot do this ({action})")
        if obj is not None and not seen and self.visible is not None and not self.visible(user, obj):
            raise PermissionDenied(f"You cannot do this ({action})")
        if not rule.who(self.facts(user), obj):
            raise PermissionDenied(f"You cannot do this ({action})")

    def require_state(self, action: str, obj=None) -> None:
        """When: obj's state allows the action now (ServiceError with the reason otherwise). Services check it
        on the record as they locked it, since the page the officer loaded may be out of date."""
        rule = self.rules[action]
        if not rule.when(obj):
            raise ServiceError(rule.reason(obj))


def cached_facts(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Compute a user's facts once per user object (one request, or one job), however many records are checked."""
    attribute = f"_facts_{build.__module__}_{build.__qualname__}"

    def facts(user):
        cached = getattr(user, attribute, None)
        if cached is None:
            cached = build(user)
            setattr(user, attribute, cached)
        return cached

    return facts


class AppPolicy:
    """An app's policies together: one for the app as a whole (obj None) and one per kind of record. Its methods
    are the app's public `available_actions`, `require` and `allows`, choosing the policy by the record's type."""

    def __init__(self, app: Policy, by_type: dict[type, Policy]):
        self.app = app
        self.by_type = by_type

    @property
    def vocabulary(self) -> set[str]:
        return set(self.app.rules).union(*(policy.rules for policy in self.by_type.values()))

    def policy_for(self, obj) -> Policy:
        return self.app if obj is None else self.by_type[type(obj)]

    def available_actions(self, user, obj=None) -> set[str]:
        """What `user` may do to `obj` (None: the app as a whole) now."""
        return self.policy_for(obj).available_actions(user, obj)

    def require(self, user, action: str, obj=None, *, seen: bool = False) -> None:
        """Refuse unless `user` may do `action` to `obj` now: PermissionDenied, or ServiceError saying why not.
        `seen`: obj came from the authorising fetch for this user, so its visibility is already known."""
        self.policy_for(obj).require(user, action, obj, seen=seen)

    def allows(self, user, action: str, obj=None) -> bool:
        return self.policy_for(obj).allows(user, action, obj)

    def claim(self, actor, action: str, obj, expected_version: int | None = None):
        """For a service: `obj` locked for this change, after checking who may (before the lock: a stranger learns
        nothing) and then its state as it is now, not as the officer's page showed it. With `expected_version`,
        refuses a record someone else has saved since the page was loaded (`Conflict`)."""
        self.policy_for(obj).require_permission(actor, action, obj)
        fresh = type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)
        if expected_version is not None and getattr(fresh, "version", expected_version) != expected_version:
            raise Conflict()
        self.policy_for(fresh).require_state(action, fresh)
        return fresh


def bump(obj) -> None:
    """A saved change: the next form opened on the old version is refused."""
    if hasattr(obj, "version"):
        obj.version += 1
