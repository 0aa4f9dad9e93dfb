"""What a batch report states, as typed facts (the inputs of :func:`.content.report_content`).

Each product fills them from its own data: the plant server from what the stations pushed and
what it decided, a station from its local store. Times are UTC datetimes; codes are the
domain's enums. ``audit_trail_review`` and ``release`` are ``None`` while none is recorded
(the report then says so in words).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.canonical import JsonValue
from operator_console.domain.process_data import PhaseData
from operator_console.domain.recipes.model import Recipe, Severity
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod


@dataclass(frozen=True)
class SignatureLine:
    """One signature's manifestation (21 CFR 11.50)."""

    printed_name: str
    signer_id: str
    meaning: Meaning
    signed_at: datetime  # UTC
    auth_method: AuthMethod  # online (password checked by the server) or offline
    station: str


@dataclass(frozen=True)
class StepFacts:
    """A step's effective step record (the last of its correction chain)."""

    step_id: str
    record_id: str
    recorded_at: datetime
    actual: Mapping[str, JsonValue]
    signatures: tuple[SignatureLine, ...] = ()
    corrected: bool = False  # the record shown is a correction of the original


@dataclass(frozen=True)
class DispositionFacts:
    record_id: str
    reason: str
    recorded_at: datetime
    signatures: tuple[SignatureLine, ...] = ()


@dataclass(frozen=True)
class ExceptionReportFacts:
    exception_id: str
    kind: ExceptionKind
    severity: Severity
    step_id: str | None
    description: str
    evidence: Mapping[str, JsonValue]
    raised_at: datetime
    raised_by: str
    disposition: DispositionFacts | None = None


@dataclass(frozen=True)
class ChannelInfo:
    """A channel's display names (from the plant's channel master data)."""

    name_en: str
    name_ja: str


@dataclass(frozen=True)
class PhaseFacts:
    """An instrument phase's process data; ``data`` None while it has not (all) arrived."""

    step_id: str
    step_record_id: str
    data: PhaseData | None
    alarms: tuple[tuple[str, float, float | None], ...] = ()  # (channel, raised, cleared)


@dataclass(frozen=True)
class AuditTrailReviewFacts:
    """The batch's audit-trail review: a signed record with meaning ``reviewed``."""

    record_id: str
    reviewed_at: datetime
    entries_reviewed: int
    entries_flagged: int
    comment: str
    signatures: tuple[SignatureLine, ...]


@dataclass(frozen=True)
class ReleaseFacts:
    """The batch's disposition by QA: ``decision`` is released, rejected or on_hold."""

    decision: str
    reason: str
    decided_at: datetime
    signatures: tuple[SignatureLine, ...]


@dataclass(frozen=True)
class BatchReportFacts:
    batch_id: str
    patient_id: str
    din: str
    coi: str
    station: str
    recipe: Recipe
    recipe_hash: str
    made_by: str  # "plant_server" or "station"
    made_at: datetime  # UTC
    time_zone: str  # IANA zone the local times are shown in
    lifecycle_state: str | None = None  # the server's batch state code, if known
    source_name: str = ""  # the server's or station's name
    steps: tuple[StepFacts, ...] = ()
    exceptions: tuple[ExceptionReportFacts, ...] = ()
    phases: tuple[PhaseFacts, ...] = ()
    channels: Mapping[str, ChannelInfo] = field(default_factory=dict)
    audit_trail_review: AuditTrailReviewFacts | None = None
    release: ReleaseFacts | None = None
