"""One scenario per public briefings service, for tests/test_services_audit.py. They live beside the services they
exercise, one module per services module (tests/briefings/scenarios_<module>.py, each with its own SCENARIOS),
and are put together here."""

import importlib
import pkgutil
from pathlib import Path

SCENARIOS: dict = {}
for _info in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _info.name.startswith("scenarios_"):
        SCENARIOS.update(importlib.import_module(f"tests.briefings.{_info.name}").SCENARIOS)
