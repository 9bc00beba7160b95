"""One scenario per incident-log service (decisions/services/incidents.py), for tests/test_services_audit.py: each
sets up what it needs through the services, calls its service once and returns the actor it passed."""

from decisions.services import incidents as services
from tests.decisions.factories import at


def _officer(request):
    return request.getfixturevalue("exec_officer")


def _head(request):
    return request.getfixturevalue("head")


def _incident(request):
    return services.incident_open(
        actor=_officer(request),
        title="Flooding on the Riverside estate",
        location="Riverside estate",
        started_at=at(2026, 12, 1, 6),
        commander="Gold: Sam Okafor",
    )


def _entry(request, incident):
    return services.incident_write(
        actor=_officer(request),
        incident=incident,
        kind="decision",
        happened_at=at(2026, 12, 1, 7),
        what_happened="Rest centre needed for 40 households",
        decision="Open the Riverside leisure centre as a rest centre",
        rationale="Nearest council building above the flood line",
        by_whom="Sam Okafor, Gold",
        source="Multi-agency call",
    )


def incident_open(request):
    _incident(request)
    return _officer(request)


def incident_write(request):
    _entry(request, _incident(request))
    return _officer(request)


def incident_close(request):
    services.incident_close(actor=_officer(request), incident=_incident(request))
    return _officer(request)


def incident_sign_off(request):
    incident = _incident(request)
    _entry(request, incident)
    services.incident_close(actor=_officer(request), incident=incident)
    services.incident_sign_off(actor=_head(request), incident=incident)
    return _head(request)


SCENARIOS = {
    "incident_open": incident_open,
    "incident_write": incident_write,
    "incident_close": incident_close,
    "incident_sign_off": incident_sign_off,
}
