"""Checking what an operator enters or scans for a step, per step type (instrument phases
are in :mod:`.phase`). Each check returns a :class:`~.verdicts.Verdict`; exceptions are raised
on the spot, also for refused input:

* data entry: outside the plausibility range is refused (a minor exception records the
  attempt); outside the limits is kept and raises an exception of the field's severity;
* material receipt: the bag label against the batch's chain of identity (a wrong patient is
  critical), expiry; a typed DIN is refused (the checks need the label's COI and expiry);
* reagent: scanned GS1 label (GTIN, lot, expiry) or, where the recipe allows, typed lot and
  expiry (raising a minor ``typed_entry``); expired material is refused;
* sample: the sample ID must be ``<batch COI>-<sample code>``;
* bay clearance, instruction, cassette load/unload: every item confirmed / the cassette
  record made by the cassette flow.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from decimal import Decimal

from operator_console.domain.barcode_labels import LabelError, parse_label
from operator_console.domain.batch_execution.exceptions import ExceptionKind, raise_exception
from operator_console.domain.batch_execution.verdicts import Verdict, accept, refuse
from operator_console.domain.canonical import JsonValue
from operator_console.domain.chain_of_identity import BatchIdentity, check_bag_label
from operator_console.domain.gs1 import Gs1Label
from operator_console.domain.recipes.model import Range, Step, Text


def _range_text(r: Range) -> str:
    low = "" if r.low is None else f"{r.low:g}"
    high = "" if r.high is None else f"{r.high:g}"
    return f"{low}–{high}"


def _range_json(r: Range | None) -> JsonValue:
    return None if r is None else {"low": r.low, "high": r.high}


def expected_values(step: Step) -> dict[str, JsonValue]:
    """What the recipe expects of a step, as the step record states it."""
    if step.fields:
        return {"fields": {f.field_id: {"unit": f.unit, "limits": _range_json(f.limits)}
                           for f in step.fields}}
    if step.checklist:
        return {"checklist": [c.item_id for c in step.checklist]}
    if step.material is not None:
        return {"material": step.material.value}
    if step.reagent is not None:
        return {"material": step.reagent.material, "gtin": step.reagent.gtin}
    if step.sample is not None:
        return {"sample_code": step.sample.sample_code}
    if step.phase is not None:
        return {"instrument": step.phase.instrument,
                "duration_minutes": step.phase.duration_minutes,
                "channels": {c.channel: {"unit": c.unit, "limits": _range_json(c.limits)}
                             for c in step.phase.channels}}
    return {}


def step_labels(step: Step) -> dict[str, Text]:
    """The recipe's own names, in both languages, for the codes a step's record and its
    exceptions use: its fields, checklist items, reagent material and sample code."""
    out: dict[str, Text] = {}
    for f in step.fields:
        out[f.field_id] = f.name
    for c in step.checklist:
        out[c.item_id] = c.text
    if step.reagent is not None:
        out[step.reagent.material] = step.reagent.name
    if step.sample is not None:
        out[step.sample.sample_code] = step.sample.name
    return out


def check_data_entry(step: Step, values: Mapping[str, float]) -> Verdict:
    """Every field entered, plausible and with no more decimals than allowed."""
    for key in values:
        if step.field(key) is None:
            return refuse("field_unknown", field=key)
    entered: dict[str, JsonValue] = {}
    raised = []
    for spec in step.fields:
        if spec.field_id not in values:
            return refuse("field_missing", field=spec.name.en)
        value = values[spec.field_id]
        evidence: dict[str, JsonValue] = {"field": spec.field_id, "value": value,
                                          "unit": spec.unit}
        if spec.plausibility is not None and not spec.plausibility.contains(value):
            attempt = raise_exception(
                ExceptionKind.IMPLAUSIBLE_ENTRY, step_id=step.step_id,
                plausibility=_range_json(spec.plausibility), **evidence)
            return refuse("implausible", attempt, field=spec.name.en, value=f"{value:g}",
                          unit=spec.unit, range=_range_text(spec.plausibility))
        if spec.decimals is not None and _decimals(value) > spec.decimals:
            return refuse("too_many_decimals", field=spec.name.en, decimals=spec.decimals)
        if spec.limits is not None and not spec.limits.contains(value):
            raised.append(raise_exception(
                ExceptionKind.OUT_OF_LIMITS, step_id=step.step_id, severity=spec.severity,
                limits=_range_json(spec.limits), **evidence))
        entered[spec.field_id] = value
    return accept({"values": entered}, *raised)


def _decimals(value: float) -> int:
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_checklist(step: Step, confirmed: Collection[str]) -> Verdict:
    missing = [c.item_id for c in step.checklist if c.item_id not in confirmed]
    if missing:
        return refuse("checklist_incomplete", items=", ".join(missing))
    return accept({"confirmed": [c.item_id for c in step.checklist]})


def check_instruction(confirmed: bool) -> Verdict:
    return accept({"confirmed": True}) if confirmed else refuse("not_confirmed")


_WRONG_PATIENT = frozenset({"din_not_for_patient", "coi_not_for_patient"})


def check_material_receipt(step: Step, raw_scan: str, batch: BatchIdentity, now: datetime,
                           *, typed: bool = False) -> Verdict:
    """The scanned bag label against the batch; ``now`` is the station's local naive time."""
    evidence: dict[str, JsonValue] = {"scan": raw_scan, "typed": typed}
    try:
        label = parse_label(raw_scan, today=now.date())
    except LabelError as exc:
        return _refused_scan(step, exc, evidence)
    check = check_bag_label(label, batch, now)
    if not check.ok:
        kind = (ExceptionKind.WRONG_PATIENT if check.code in _WRONG_PATIENT
                else ExceptionKind.EXPIRED_MATERIAL if check.code == "material_expired"
                else ExceptionKind.REFUSED_SCAN)
        exc_draft = raise_exception(kind, step_id=step.step_id, code=check.code, **evidence)
        return refuse(check.code, exc_draft, message=check.message, **dict(check.params))
    label_json: dict[str, JsonValue] = dict(label.as_dict())
    raised = [raise_exception(ExceptionKind.TYPED_ENTRY, step_id=step.step_id,
                              **evidence)] if typed else []
    return accept({"label": label_json, "scan": raw_scan, "typed": typed}, *raised)


def _refused_scan(step: Step, exc: LabelError, evidence: dict[str, JsonValue]) -> Verdict:
    """A label that did not parse: refused, and the raw scan kept as the evidence."""
    drafted = raise_exception(ExceptionKind.REFUSED_SCAN, step_id=step.step_id, code=exc.code,
                              **evidence)
    return refuse(exc.code, drafted, message=exc.message, **exc.params)


def check_reagent(step: Step, today: date, *, raw_scan: str | None = None,
                  typed_lot: str | None = None, typed_expiry: date | None = None) -> Verdict:
    """A scanned reagent/vector label, or a typed lot and expiry where the recipe allows."""
    spec = step.reagent
    if spec is None:
        raise ValueError(f"step {step.step_id} is not a reagent step")
    material = spec.name.en
    raised = []
    if raw_scan is not None:
        evidence: dict[str, JsonValue] = {"scan": raw_scan, "typed": False}
        try:
            label = parse_label(raw_scan, today=today)
        except LabelError as exc:
            return _refused_scan(step, exc, evidence)
        if not isinstance(label, Gs1Label) or (spec.gtin and label.gtin != spec.gtin):
            gtin = label.gtin if isinstance(label, Gs1Label) else "-"
            verdict = refuse("reagent_wrong_material", gtin=gtin, material=material,
                             expected=spec.gtin or "GS1")
            return _with_exception(verdict, step, ExceptionKind.REFUSED_SCAN, evidence)
        lot, expiry = label.lot, label.expiry
    else:
        evidence = {"lot": typed_lot, "expiry": typed_expiry.isoformat() if typed_expiry
                    else None, "typed": True, "material": spec.material}
        if typed_lot is None or typed_expiry is None:
            return refuse("reagent_no_label", material=material)
        if not spec.allow_typed:
            verdict = refuse("typed_not_allowed", message=LABEL_TYPED.format(material=material))
            return _with_exception(verdict, step, ExceptionKind.TYPED_ENTRY, evidence)
        raised.append(raise_exception(ExceptionKind.TYPED_ENTRY, step_id=step.step_id,
                                      **evidence))
        lot, expiry = typed_lot.strip() or None, typed_expiry
    if not lot:
        return _with_exception(refuse("reagent_no_lot"), step, ExceptionKind.REFUSED_SCAN,
                               evidence)
    if expiry is None:
        return _with_exception(refuse("reagent_no_expiry"), step, ExceptionKind.REFUSED_SCAN,
                               evidence)
    if expiry < today:
        verdict = refuse("reagent_expired", material=material, lot=lot,
                         expiry=expiry.isoformat())
        return _with_exception(verdict, step, ExceptionKind.EXPIRED_MATERIAL, evidence)
    return accept({"material": spec.material, "lot": lot, "expiry": expiry.isoformat(),
                   "typed": raw_scan is None}, *raised)


LABEL_TYPED = ("Typed entry of the {material} label is not allowed by the recipe. Scan the "
               "label; if it cannot be read, set the material aside and call QA.")


def _with_exception(verdict: Verdict, step: Step, kind: ExceptionKind,
                    evidence: dict[str, JsonValue]) -> Verdict:
    drafted = raise_exception(kind, step_id=step.step_id, code=verdict.code, **evidence)
    return Verdict(verdict.code, verdict.params, {}, (*verdict.exceptions, drafted),
                   verdict.message)


def sample_id_for(step: Step, coi: str) -> str:
    if step.sample is None:
        raise ValueError(f"step {step.step_id} is not a sample step")
    return f"{coi}-{step.sample.sample_code}"


def check_sample(step: Step, sample_id: str, batch: BatchIdentity, *,
                 typed: bool = False) -> Verdict:
    """The drawn sample's ID links it to the batch's chain of identity; an ID typed where
    its label should have been scanned is kept and raises a ``typed_entry``."""
    if batch.coi is None:
        raise ValueError(f"batch {batch.batch_id} has no chain-of-identity ID")
    expected = sample_id_for(step, batch.coi)
    given = sample_id.strip().upper()
    evidence: dict[str, JsonValue] = {"sample_id": sample_id, "expected": expected,
                                      "typed": typed}
    if given == expected:
        raised = [raise_exception(ExceptionKind.TYPED_ENTRY, step_id=step.step_id,
                                  **evidence)] if typed else []
        return accept({"sample_id": expected, "typed": typed}, *raised)
    assert step.sample is not None
    if given.endswith(f"-{step.sample.sample_code}") and given.startswith("CH"):
        verdict = refuse("sample_other_patient", sample_id=sample_id)
        return _with_exception(verdict, step, ExceptionKind.WRONG_PATIENT, evidence)
    verdict = refuse("sample_id_mismatch", sample_id=sample_id, expected=expected)
    return _with_exception(verdict, step, ExceptionKind.REFUSED_SCAN, evidence)


def check_cassette_step(cassette_record_id: str | None, serial: str | None = None,
                        bay: str | None = None) -> Verdict:
    """A cassette load/unload step records the cassette flow's own (two-person) record."""
    if not cassette_record_id:
        return refuse("cassette_record_missing")
    return accept({"cassette_record": cassette_record_id, "serial": serial, "bay": bay})
