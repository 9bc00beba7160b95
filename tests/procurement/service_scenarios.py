"""One scenario per public procurement service, for tests/test_services_audit.py. They live beside the services
they exercise (tests/procurement/scenarios_<concern>.py, each with its own SCENARIOS), put together here."""

import importlib
import pkgutil
from pathlib import Path

SCENARIOS: dict = {}
for _info in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _info.name.startswith("scenarios_"):
        SCENARIOS.update(importlib.import_module(f"tests.procurement.{_info.name}").SCENARIOS)
