"""Read and validate a master recipe: :func:`parse_recipe` (file text) and
:func:`recipe_from_data` (already-parsed JSON values, e.g. pulled from the plant server).

Every rule of ``docs/recipes.md`` is checked and *all* problems are reported together in one
:class:`~operator_console.domain.recipes.loaders.RecipeError`, each naming its line and field
path (``line 40: steps[3].fields[1].limits.high: must be a number``). Unknown keys are
refused, so a misspelt key never silently drops a limit.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

from operator_console.domain.gs1 import gtin_check_digit
from operator_console.domain.recipes.loaders import (
    Lines,
    Path,
    Problem,
    RecipeError,
    load_json,
    load_yaml,
)
from operator_console.domain.recipes.model import (
    RECIPE_SCHEMA,
    ChannelSpec,
    ChecklistItem,
    FieldSpec,
    MaterialKind,
    PhaseSpec,
    Range,
    ReagentSpec,
    Recipe,
    SampleSpec,
    Severity,
    SignaturePolicy,
    SignatureSpec,
    Step,
    StepType,
    Text,
)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
#: The key each step type needs besides the common ones (and no other type may carry).
TYPE_KEYS: dict[StepType, str | None] = {
    StepType.BAY_CLEARANCE: "checklist", StepType.MATERIAL_RECEIPT: "material",
    StepType.CASSETTE_LOAD: None, StepType.CASSETTE_UNLOAD: None, StepType.REAGENT: "reagent",
    StepType.DATA_ENTRY: "fields", StepType.INSTRUMENT_PHASE: "phase",
    StepType.SAMPLE: "sample", StepType.INSTRUCTION: None,
}
_STEP_KEYS = {"id", "type", "name", "instruction", "signature", "parallel_group"}


def _choices(enum: Any) -> str:
    return ", ".join(m.value for m in enum)


class _Reader:
    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def bad(self, path: Path, message: str) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1)
                     if path[:n] in self.lines), None)
        self.problems.append(Problem(line, path, message))

    def obj(self, value: Any, path: Path, required: set[str],
            optional: AbstractSet[str] = frozenset()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, "must be an object")
            return {}
        for key in sorted(value.keys() - required - optional):
            self.bad((*path, key), "unknown key")
        for key in sorted(required - value.keys()):
            self.bad(path, f"missing {key!r}")
        return value

    def items(self, value: Any, path: Path, *, non_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            self.bad(path, "must be a list")
            return []
        if non_empty and not value:
            self.bad(path, "must not be empty")
        return value

    def string(self, value: Any, path: Path) -> str:
        if not isinstance(value, str) or not value.strip():
            self.bad(path, "must be non-blank text")
            return ""
        return value

    def ident(self, value: Any, path: Path) -> str:
        text = self.string(value, path)
        if text and not _ID.fullmatch(text):
            self.bad(path, "must be 1-64 letters, digits, '.', '_' or '-', starting with a "
                     "letter or digit")
        return text

    def number(self, value: Any, path: Path) -> float | None:
        """The number, or None (reported) so that no follow-on error is raised from it."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(path, "must be a number")
            return None
        return value

    def choice(self, value: Any, path: Path, enum: Any) -> Any:
        try:
            return enum(value)
        except ValueError:
            self.bad(path, f"must be one of: {_choices(enum)}")
            return None

    def text(self, value: Any, path: Path) -> Text:
        obj = self.obj(value, path, {"ja", "en"})
        return Text(self.string(obj.get("ja"), (*path, "ja")) if "ja" in obj else "",
                    self.string(obj.get("en"), (*path, "en")) if "en" in obj else "")

    def range(self, value: Any, path: Path) -> Range:
        obj = self.obj(value, path, set(), {"low", "high"})
        if isinstance(value, dict) and not obj:
            self.bad(path, "needs 'low', 'high' or both")
        low = self.number(obj["low"], (*path, "low")) if "low" in obj else None
        high = self.number(obj["high"], (*path, "high")) if "high" in obj else None
        if low is not None and high is not None and low > high:
            self.bad(path, f"low ({low}) is above high ({high})")
        return Range(low, high)

    def unique(self, ids: list[tuple[str, Path]], what: str) -> None:
        seen: set[str] = set()
        for ident, path in ids:
            if ident and ident in seen:
                self.bad(path, f"duplicate {what} {ident!r}")
            seen.add(ident)


def _signature(r: _Reader, value: Any, path: Path) -> SignatureSpec:
    obj = r.obj(value, path, {"policy"}, {"qualification"})
    policy = r.choice(obj.get("policy"), (*path, "policy"), SignaturePolicy) \
        if "policy" in obj else None
    qualification = r.ident(obj["qualification"], (*path, "qualification")) \
        if "qualification" in obj else None
    if policy is SignaturePolicy.TWO_PERSON and "qualification" not in obj:
        r.bad(path, "a two_person signature needs the 'qualification' the verifier must hold")
    return SignatureSpec(policy or SignaturePolicy.TWO_PERSON, qualification)


def _field(r: _Reader, value: Any, path: Path) -> FieldSpec:
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


def _phase(r: _Reader, value: Any, path: Path) -> PhaseSpec:
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


def _reagent(r: _Reader, value: Any, path: Path) -> ReagentSpec:
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


def _step(r: _Reader, value: Any, path: Path) -> Step:
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


def _groups(r: _Reader, steps: list[Step]) -> None:
    closed: set[str] = set()
    for i, step in enumerate(steps):
        group = step.parallel_group
        previous = steps[i - 1].parallel_group if i else None
        if group and group != previous and group in closed:
            r.bad(("steps", i, "parallel_group"), f"the steps of parallel group {group!r} "
                  "must stand next to each other")
        if previous and previous != group:
            closed.add(previous)
        if group and group != previous and (i + 1 == len(steps)
                                             or steps[i + 1].parallel_group != group):
            r.bad(("steps", i, "parallel_group"), f"parallel group {group!r} has only one step")


def recipe_from_data(data: Any, lines: Lines | None = None) -> Recipe:
    """Validate parsed JSON values as a recipe; raises RecipeError naming every problem."""
    r = _Reader(lines or {})
    obj = r.obj(data, (), {"schema", "recipe_id", "version", "product", "name", "steps"})
    if "schema" in obj and (obj["schema"] != RECIPE_SCHEMA or isinstance(obj["schema"], bool)):
        r.bad(("schema",), f"must be {RECIPE_SCHEMA} (the only recipe schema this version "
              "reads)")
    version = obj.get("version")
    if "version" in obj and (isinstance(version, bool) or not isinstance(version, int)
                             or version < 1):
        r.bad(("version",), "must be a whole number, 1 or more")
        version = None
    steps = [_step(r, item, ("steps", i))
             for i, item in enumerate(r.items(obj.get("steps"), ("steps",)))]
    r.unique([(s.step_id, ("steps", i, "id")) for i, s in enumerate(steps)], "step id")
    r.unique([(s.sample.sample_code, ("steps", i, "sample", "code"))
              for i, s in enumerate(steps) if s.sample], "sample code")
    _groups(r, steps)
    recipe_id = r.ident(obj["recipe_id"], ("recipe_id",)) if "recipe_id" in obj else ""
    product = r.string(obj["product"], ("product",)) if "product" in obj else ""
    name = r.text(obj["name"], ("name",)) if "name" in obj else Text("", "")
    if r.problems or not isinstance(version, int):
        raise RecipeError(r.problems)
    return Recipe(recipe_id, version, product, name, tuple(steps))


def parse_recipe(text: str, *, fmt: str | None = None) -> Recipe:
    """Parse a recipe file's text. ``fmt`` is ``"json"`` or ``"yaml"``; ``None`` guesses from
    the first character (``{`` is JSON, anything else YAML)."""
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "yaml"
    if fmt not in ("json", "yaml"):
        raise ValueError(f"unknown recipe format {fmt!r}")
    data, lines = load_json(text) if fmt == "json" else load_yaml(text)
    return recipe_from_data(data, lines)
