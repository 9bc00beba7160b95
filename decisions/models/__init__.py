"""The decisions app's records: bodies and their meetings, agendas and minutes (meetings.py), the Decision Pathway
and the decision register (pathway.py), the action tracker (actions.py) and the incident log (incidents.py).

Who may see what is one rule for every restricted record (an agenda item, pathway item, decision or action that is
confidential or exempt): `restricted_q` in access.py."""

from decisions.models.actions import Action, ActionStatus, ActionUpdate, Rag
from decisions.models.incidents import Incident, IncidentEntry
from decisions.models.meetings import (
    AgendaItem,
    Body,
    DecisionSettings,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
)
from decisions.models.pathway import (
    Decision,
    DecisionStatus,
    ExceptionKind,
    PathwayItem,
    PathwayNote,
    PathwayStage,
    PathwayStatus,
    PathwayStep,
    StepOutcome,
)

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "AgendaItem",
    "Body",
    "Decision",
    "DecisionSettings",
    "DecisionStatus",
    "ExceptionKind",
    "Incident",
    "IncidentEntry",
    "ItemKind",
    "Meeting",
    "MeetingStatus",
    "MinutesStatus",
    "PathwayItem",
    "PathwayNote",
    "PathwayStage",
    "PathwayStatus",
    "PathwayStep",
    "Rag",
    "StepOutcome",
]
