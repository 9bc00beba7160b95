"""Every write goes through a service that leaves an audit entry with its actor (docs/architecture.md).

The test finds every public function in every app's services (a module, or each module of a services package),
checks each is a `@service`, and calls each once through its scenario (tests/<app>/service_scenarios.py, where
each scenario sets up what it needs, calls the service and returns the actor it passed). An audit entry with that
actor must have been written during the (last) call of that service: the entries of the scenario's own setup do
not count. A new service without a scenario fails here."""

import importlib
import inspect
import pkgutil
from contextlib import contextmanager

import pytest
from auditlog.models import LogEntry

APPS = ["mayoral_office", "casework", "diary", "decisions", "briefings", "procurement"]


def _service_modules(app: str):
    package = importlib.import_module(f"{app}.services")
    yield package
    if hasattr(package, "__path__"):
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):  # the package's own helpers (casework/services/_base.py)
                yield importlib.import_module(f"{app}.services.{info.name}")


def _public_functions(app: str) -> dict[str, object]:
    found = {}
    for module in _service_modules(app):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = fn
    return found


def _scenarios(app: str) -> dict:
    return importlib.import_module(f"tests.{app}.service_scenarios").SCENARIOS


@contextmanager
def _marking_calls(service):
    """Note the newest audit entry each time `service` starts (inside its transaction), so the entries its call
    writes can be told from those of the scenario's setup."""
    original = service.__wrapped__
    cell = next(c for c in service.__closure__ if c.cell_contents is original)
    marks = []

    def marked(**kwargs):
        marks.append(LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
        return original(**kwargs)

    cell.cell_contents = marked
    try:
        yield marks
    finally:
        cell.cell_contents = original


SERVICES = [(app, name) for app in APPS for name in sorted(_public_functions(app))]


@pytest.mark.parametrize("app", APPS)
def test_every_public_function_of_the_services_is_a_service_with_a_scenario(app):
    functions = _public_functions(app)
    assert [name for name, fn in functions.items() if not getattr(fn, "is_service", False)] == []
    assert set(_scenarios(app)) == set(functions), "each service needs a scenario in tests/<app>/service_scenarios.py"


@pytest.mark.django_db
@pytest.mark.parametrize(("app", "name"), SERVICES)
def test_every_service_writes_an_audit_entry_with_its_actor(request, app, name, clock, mailoutbox):
    with _marking_calls(_public_functions(app)[name]) as marks:
        actor = _scenarios(app)[name](request)
    assert marks, f"the scenario for {name} never called it"
    written = LogEntry.objects.filter(pk__gt=marks[-1])
    assert written.exists(), f"{app}.services.{name} left no audit entry"
    expected = actor.pk if actor is not None else None
    assert expected in set(written.values_list("actor_id", flat=True)), f"{name}: no entry names {actor}"
