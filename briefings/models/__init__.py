"""The briefings app's records: packs and their sections (packs.py), commissions (commissions.py), issued versions
(versions.py) and the speech library (library.py). Who sees what: access.py."""

from briefings.models.commissions import Commission, CommissionState
from briefings.models.library import Passage, PassageKind, PassageUse
from briefings.models.packs import (
    BriefingSettings,
    Marking,
    Pack,
    PackStatus,
    Section,
    SectionKind,
    Stage,
)
from briefings.models.versions import PackVersion, RenderState

__all__ = [
    "BriefingSettings",
    "Commission",
    "CommissionState",
    "Marking",
    "Pack",
    "PackStatus",
    "PackVersion",
    "Passage",
    "PassageKind",
    "PassageUse",
    "RenderState",
    "Section",
    "SectionKind",
    "Stage",
]
