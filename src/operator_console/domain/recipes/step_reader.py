"""Reading one recipe step and what its type needs (checklist, material, fields, phase,
reagent, sample), for :mod:`operator_console.domain.recipes.parse`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from operator_console.domain.gs1 import gtin_check_digit
from operator_console.domain.recipes.loaders import Path
from operator_console.domain.recipes.model import (
    ChannelSpec,
    ChecklistItem,
    FieldSpec,
    MaterialKind,
    PhaseSpec,
    Range,
    ReagentSpec,
    SampleSpec,
    Severity,
    SignaturePolicy,
    SignatureSpec,
    Step,
    StepType,
)
from operator_console.domain.recipes.reader import FieldReader

#: The key each step type needs besides the common ones (and no other type may carry).
TYPE_KEYS: dict[StepType, str | None] = {
    StepType.BAY_CLEARANCE: "checklist", StepType.MATERIAL_RECEIPT: "material",
    StepType.CASSETTE_LOAD: None, StepType.CASSETTE_UNLOAD: None, StepType.REAGENT: "reagent",
    StepType.DATA_ENTRY: "fields", StepType.INSTRUMENT_PHASE: "phase",
    StepType.SAMPLE: "sample", StepType.INSTRUCTION: None,
}
_STEP_KEYS = {"id", "type", "name", "instruction", "signature", "parallel_group"}


def _signature(r: FieldReader, value: Any, path: Path) -> SignatureSpec:
    obj = r.obj(value, path, {"policy"}, {"qualification"})
    policy = r.choice(obj.get("policy"), (*path, "policy"), SignaturePolicy) \
        if "policy" in obj else None
    qualification = r.ident(obj["qualification"], (*path, "qualification")) \
        if "qualification" in obj else None
    if policy is SignaturePolicy.TWO_PERSON and "qualification" not in obj:
        r.bad(path, "a two_person signature needs the 'qualification' the verifier must hold")
    return SignatureSpec(policy or SignaturePolicy.TWO_PERSON, qualification)


def _field(r: FieldReader, value: Any, path: Path) -> FieldSpec:
    obj = r.obj(value, path, {"id", "name", "unit"},
                {"limits", "plausibility", "severity", "decimals"})
    limits = r.range(obj["limits"], (*path, "limits")) if "limits" in obj else None
    plaus = r.range(obj["plausibility"], (*path, "plausibility")) \
        if "plausibility" in obj else None
    if limits and plaus and not _inside(limits, plaus):
        r.bad((*path, "limits"), "the limits must lie inside the plausibility range")
    decimals = obj.get("decimals")
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)
                                 or not 0 <= decimals <= 6):
        r.bad((*path, "decimals"), "must be a whole number from 0 to 6")
        decimals = None
    severity = r.choice(obj["severity"], (*path, "severity"), Severity) \
        if "severity" in obj else Severity.MAJOR
    return FieldSpec(r.ident(obj.get("id"), (*path, "id")), r.text(obj.get("name"),
                     (*path, "name")), r.string(obj.get("unit"), (*path, "unit")), limits,
                     plaus, severity or Severity.MAJOR, decimals)


def _inside(inner: Range, outer: Range) -> bool:
    # An open end of the limits is bounded by the plausibility range; a set end must lie in it.
    return all(outer.contains(end) for end in (inner.low, inner.high) if end is not None)


def _phase(r: FieldReader, value: Any, path: Path) -> PhaseSpec:
    obj = r.obj(value, path, {"instrument", "duration_minutes", "channels"})
    duration = r.number(obj.get("duration_minutes"), (*path, "duration_minutes")) \
        if "duration_minutes" in obj else None
    if duration is not None and duration <= 0:
        r.bad((*path, "duration_minutes"), "must be more than 0")
    channels = []
    for i, item in enumerate(r.items(obj.get("channels"), (*path, "channels"))):
        cpath = (*path, "channels", i)
        c = r.obj(item, cpath, {"channel", "unit", "limits"}, {"severity"})
        severity = r.choice(c["severity"], (*cpath, "severity"), Severity) \
            if "severity" in c else Severity.MAJOR
        channels.append(ChannelSpec(
            r.ident(c.get("channel"), (*cpath, "channel")), r.string(c.get("unit"),
            (*cpath, "unit")), r.range(c.get("limits"), (*cpath, "limits")),
            severity or Severity.MAJOR))
    r.unique([(c.channel, (*path, "channels", i, "channel")) for i, c in enumerate(channels)],
             "channel")
    return PhaseSpec(r.ident(obj.get("instrument"), (*path, "instrument")), duration or 0.0,
                     tuple(channels))


def _reagent(r: FieldReader, value: Any, path: Path) -> ReagentSpec:
    obj = r.obj(value, path, {"material", "name"}, {"gtin", "allow_typed"})
    gtin = obj.get("gtin")
    if gtin is not None and not (isinstance(gtin, str) and len(gtin) == 14 and gtin.isdigit()
                                 and gtin_check_digit(gtin[:13]) == gtin[13]):
        r.bad((*path, "gtin"), "must be a 14-digit GTIN with a valid check digit")
    typed = obj.get("allow_typed", False)
    if not isinstance(typed, bool):
        r.bad((*path, "allow_typed"), "must be true or false")
    return ReagentSpec(r.ident(obj.get("material"), (*path, "material")),
                       r.text(obj.get("name"), (*path, "name")), gtin, typed is True)


def read_step(r: FieldReader, value: Any, path: Path) -> Step:
    raw_type = value.get("type") if isinstance(value, dict) else None
    step_type = r.choice(raw_type, (*path, "type"), StepType) \
        if isinstance(value, dict) and "type" in value else None
    extra = TYPE_KEYS.get(step_type) if step_type else None
    optional = {"parallel_group"} | ({extra} if extra else set())
    obj = r.obj(value, path, (_STEP_KEYS - {"parallel_group"}) | ({extra} if extra else set()),
                optional if step_type else optional | set(filter(None, TYPE_KEYS.values())))
    step = Step(
        r.ident(obj.get("id"), (*path, "id")), r.text(obj.get("name"), (*path, "name")),
        r.text(obj.get("instruction"), (*path, "instruction")),
        step_type or StepType.INSTRUCTION,
        _signature(r, obj.get("signature"), (*path, "signature")),
        r.ident(obj["parallel_group"], (*path, "parallel_group"))
        if "parallel_group" in obj else None)
    if step_type is None or extra is None or extra not in obj:
        return step
    spec, spath = obj[extra], (*path, extra)
    if extra == "checklist":
        items = []
        for i, item in enumerate(r.items(spec, spath)):
            o = r.obj(item, (*spath, i), {"id", "text"})
            items.append(ChecklistItem(r.ident(o.get("id"), (*spath, i, "id")),
                                       r.text(o.get("text"), (*spath, i, "text"))))
        r.unique([(c.item_id, (*spath, i, "id")) for i, c in enumerate(items)], "item")
        return _with(step, checklist=tuple(items))
    if extra == "material":
        return _with(step, material=r.choice(spec, spath, MaterialKind))
    if extra == "fields":
        fields = [_field(r, item, (*spath, i)) for i, item in enumerate(r.items(spec, spath))]
        r.unique([(f.field_id, (*spath, i, "id")) for i, f in enumerate(fields)], "field")
        return _with(step, fields=tuple(fields))
    if extra == "phase":
        return _with(step, phase=_phase(r, spec, spath))
    if extra == "reagent":
        return _with(step, reagent=_reagent(r, spec, spath))
    o = r.obj(spec, spath, {"code", "name"})
    return _with(step, sample=SampleSpec(r.ident(o.get("code"), (*spath, "code")),
                                         r.text(o.get("name"), (*spath, "name"))))


def _with(step: Step, **changes: Any) -> Step:
    return replace(step, **changes)
