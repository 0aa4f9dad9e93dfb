"""A master recipe as the console and the plant server see it: frozen dataclasses and enums.

A recipe is an ordered list of steps. Each step has an ID, a name and an instruction in
Japanese and English, a :class:`StepType`, the signature it needs (:class:`SignatureSpec`)
and what its type needs (checklist, fields, channels, reagent, ...). Steps sharing a
``parallel_group`` stand next to each other and may be done in any order once every step
before the group is done. The schema is documented in ``docs/recipes.md``; files are read by
:mod:`operator_console.domain.recipes.parse`, and :mod:`.content` gives the canonical content
and its SHA-256.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: Version of the recipe file layout; a file states it as ``"schema": 1``.
RECIPE_SCHEMA = 1


class StepType(StrEnum):
    BAY_CLEARANCE = "bay_clearance"
    MATERIAL_RECEIPT = "material_receipt"
    CASSETTE_LOAD = "cassette_load"
    CASSETTE_UNLOAD = "cassette_unload"
    REAGENT = "reagent"
    DATA_ENTRY = "data_entry"
    INSTRUMENT_PHASE = "instrument_phase"
    SAMPLE = "sample"
    INSTRUCTION = "instruction"


class SignaturePolicy(StrEnum):
    """Who signs a step record: the performer alone, or the performer and a verifier."""

    PERFORMER = "performer"
    TWO_PERSON = "two_person"


class Severity(StrEnum):
    """Severity of an exception (例外事象: 軽微 / 重大 / 致命的). Ordered minor < critical."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.MINOR: 0, Severity.MAJOR: 1, Severity.CRITICAL: 2}


class MaterialKind(StrEnum):
    """What bag a ``material_receipt`` step scans (both checked against the batch's COI)."""

    APHERESIS = "apheresis"  # the patient's starting material, received
    FINAL_PRODUCT = "final_product"  # the formulated product bag's label, checked


@dataclass(frozen=True)
class Text:
    """A text in both languages. Both are required and non-blank."""

    ja: str
    en: str

    def in_language(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


@dataclass(frozen=True)
class SignatureSpec:
    policy: SignaturePolicy
    qualification: str | None = None  # procedure code performer and verifier must hold


@dataclass(frozen=True)
class Range:
    """A closed interval; either end may be open (``None``). ``low <= high`` when both set."""

    low: float | None = None
    high: float | None = None

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class FieldSpec:
    """A ``data_entry`` field. Outside ``limits`` the value is kept and an exception of
    ``severity`` is raised; outside ``plausibility`` the value is refused outright (a typing
    error, not a process result). The limits lie inside the plausibility range."""

    field_id: str
    name: Text
    unit: str
    limits: Range | None = None
    plausibility: Range | None = None
    severity: Severity = Severity.MAJOR
    decimals: int | None = None  # digits after the point the entry may have


@dataclass(frozen=True)
class ChecklistItem:
    item_id: str
    text: Text


@dataclass(frozen=True)
class ChannelSpec:
    """A monitored channel of an ``instrument_phase`` with its CPP limits."""

    channel: str
    unit: str
    limits: Range
    severity: Severity = Severity.MAJOR


@dataclass(frozen=True)
class PhaseSpec:
    instrument: str
    duration_minutes: float
    channels: tuple[ChannelSpec, ...]


@dataclass(frozen=True)
class ReagentSpec:
    material: str  # material code, e.g. LV-CD19-01
    name: Text
    gtin: str | None = None  # expected GTIN of a scanned label, if fixed
    allow_typed: bool = False  # lot and expiry may be typed (raises a minor exception)


@dataclass(frozen=True)
class SampleSpec:
    sample_code: str  # e.g. IPC-D3; the sample ID is "<COI>-<sample_code>"
    name: Text


@dataclass(frozen=True)
class Step:
    step_id: str
    name: Text
    instruction: Text
    step_type: StepType
    signature: SignatureSpec
    parallel_group: str | None = None
    checklist: tuple[ChecklistItem, ...] = ()  # bay_clearance
    material: MaterialKind | None = None  # material_receipt
    fields: tuple[FieldSpec, ...] = ()  # data_entry
    phase: PhaseSpec | None = None  # instrument_phase
    reagent: ReagentSpec | None = None  # reagent
    sample: SampleSpec | None = None  # sample

    def field(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.field_id == field_id), None)


@dataclass(frozen=True)
class Recipe:
    recipe_id: str
    version: int
    product: str
    name: Text
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.step_id == step_id), None)

    def index(self, step_id: str) -> int:
        """Position of a step; raises KeyError for an unknown step ID."""
        for i, s in enumerate(self.steps):
            if s.step_id == step_id:
                return i
        raise KeyError(step_id)
