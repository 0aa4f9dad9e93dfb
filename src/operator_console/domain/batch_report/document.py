"""The batch report as a renderer lays it out: sections of plain-language blocks in the
reader's language, built from the report's content (the JSON twin) alone, so a PDF made by
the plant server (reportlab) and one made at a station (Qt) say the same thing. Times are
shown in the content's time zone with its abbreviation, and in UTC beside them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from operator_console.domain.batch_execution.exception_text import exception_text
from operator_console.domain.batch_report.content import report_hash
from operator_console.domain.batch_report.texts import name, say
from operator_console.domain.canonical import JsonValue
from operator_console.domain.manifestation import parse_utc_iso


@dataclass(frozen=True)
class KeyValues:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: bool = False  # something the reader must not miss (open, outside limits)
    heading: bool = False  # a sub-heading (a step, a phase)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width
    flagged: frozenset[int] = frozenset()  # rows to emphasise


@dataclass(frozen=True)
class Chart:
    """One channel's trend: ``bands`` ``(t, min, max, mean)``; ``alarms`` ``(start, end)``."""

    title: str
    t0: float
    t1: float
    bands: tuple[tuple[float, float, float, float], ...]
    low: float | None
    high: float | None
    alarms: tuple[tuple[float, float], ...]
    x_labels: tuple[tuple[float, str], ...]
    caption: str


Block = KeyValues | Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    batch_id: str
    sha256: str
    sections: tuple[Section, ...] = field(default=())

    def footer(self, page: int, pages: int) -> str:
        return say("footer", self.lang, batch=self.batch_id, hash=self.sha256, page=page,
                   pages=pages)


class _Clock:
    def __init__(self, zone: str, lang: str) -> None:
        self.zone, self.lang = ZoneInfo(zone), lang

    def local(self, when: datetime | str | float) -> str:
        dt = self._dt(when).astimezone(self.zone)
        fmt = "%Y年%m月%d日 %H:%M:%S" if self.lang == "ja" else "%Y-%m-%d %H:%M:%S"
        return f"{dt.strftime(fmt)} {dt.tzname()}"

    def utc(self, when: datetime | str | float) -> str:
        return self._dt(when).strftime("%Y-%m-%d %H:%M:%S UTC")

    def both(self, when: datetime | str | float) -> str:
        return f"{self.local(when)} ({self.utc(when)})"

    def short(self, t: float) -> str:
        dt = self._dt(t).astimezone(self.zone)
        return dt.strftime("%m/%d %H:%M")

    @staticmethod
    def _dt(when: datetime | str | float) -> datetime:
        if isinstance(when, datetime):
            return when
        if isinstance(when, str):
            return parse_utc_iso(when)
        return datetime.fromtimestamp(float(when), UTC)


def _num(v: object) -> str:
    if isinstance(v, bool) or v is None:
        return "—"
    if isinstance(v, (int, float)):
        return f"{v:.4g}" if isinstance(v, float) else str(v)
    return str(v)


def _limits(lim: object, unit: str, lang: str) -> str:
    if not isinstance(lim, Mapping) or (lim.get("low") is None and lim.get("high") is None):
        return say("no_limits", lang)
    lo, hi = lim.get("low"), lim.get("high")
    text = f"{_num(lo) if lo is not None else ''}–{_num(hi) if hi is not None else ''}"
    return f"{text} {unit}".strip()


def _within(value: object, lim: object) -> bool | None:
    if not isinstance(value, (int, float)) or not isinstance(lim, Mapping):
        return None
    lo, hi = lim.get("low"), lim.get("high")
    if lo is None and hi is None:
        return None
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _tr(pair: object, lang: str) -> str:
    return str(pair.get(lang) or pair.get("en") or "") if isinstance(pair, Mapping) else ""


class _Builder:
    def __init__(self, content: Mapping[str, Any], lang: str) -> None:
        self.c, self.lang = content, lang
        self.clock = _Clock(str(content["made"]["time_zone"]), lang)
        self.step_names = {s["step"]: _tr(s["name"], lang) for s in content["steps"]}

    def s(self, key: str, **params: object) -> str:
        return say(key, self.lang, **params)

    def signatures(self, sigs: Sequence[Mapping[str, Any]]) -> Block:
        if not sigs:
            return Paragraph(self.s("unsigned"), emphasis=True)
        return Table((self.s("meaning"), self.s("name"), self.s("local_time"), self.s("utc"),
                      self.s("method")),
                     tuple((name("meaning", g["meaning"], self.lang), g["printed_name"],
                            self.clock.local(g["signed_at"]), self.clock.utc(g["signed_at"]),
                            name("method", g["method"], self.lang)) for g in sigs),
                     (0.13, 0.17, 0.25, 0.2, 0.25))

    def cover(self) -> Section:
        c, b, r = self.c, self.c["batch"], self.c["recipe"]
        made = c["made"]
        state = name("state", b.get("state"), self.lang) if b.get("state") else \
            self.s("state_unknown")
        release = c.get("release")
        disposition = name("decision", release["decision"], self.lang) if release else \
            self.s("not_released")
        rows = (
            (self.s("batch"), b["id"]), (self.s("patient"), b["patient"]),
            (self.s("din"), b["din"]), (self.s("coi"), b["coi"]),
            (self.s("station"), b["station"]),
            (self.s("recipe"), f"{_tr(r['name'], self.lang)} — "
                               + self.s("recipe_version", id=r["id"], version=r["version"])),
            (self.s("recipe_hash"), r["hash"]),
            (self.s("state"), state), (self.s("disposition"), disposition),
            (self.s("made_by"), name("made_by", made["by"], self.lang, name=made["name"])),
            (self.s("made_at"), self.clock.both(made["at"])),
            (self.s("time_zone"), made["time_zone"]),
        )
        return Section(self.s("title"), (
            KeyValues(rows),
            Paragraph(self.s("hash_title"), emphasis=True),
            Paragraph(self.s("hash_text", hash=report_hash(self.c)))))

    def result(self, step: Mapping[str, Any]) -> list[Block]:
        actual = step["record"]["actual"]
        labels = step.get("labels") or {}
        kind = step["type"]
        if kind == "data_entry":
            fields = (step["expected"] or {}).get("fields") or {}
            values = actual.get("values") or {}
            rows, flagged = [], set()
            for i, (fid, spec) in enumerate(fields.items()):
                value, lim = values.get(fid), spec.get("limits")
                ok = _within(value, lim)
                if ok is False:
                    flagged.add(i)
                rows.append((_tr(labels.get(fid), self.lang) or fid,
                             f"{_num(value)} {spec.get('unit', '')}".strip(),
                             _limits(lim, spec.get("unit", ""), self.lang),
                             "" if ok is None else self.s("within" if ok else "outside")))
            return [Table((self.s("field"), self.s("value"), self.s("limits"),
                           self.s("verdict")), tuple(rows), (0.35, 0.2, 0.25, 0.2),
                          frozenset(flagged))]
        if kind == "bay_clearance":
            items = [_tr(labels.get(i), self.lang) or str(i) for i in actual.get("confirmed", [])]
            sep = "、" if self.lang == "ja" else "; "
            return [Paragraph(self.s("confirmed_items", items=sep.join(items)))]
        if kind == "instruction":
            return [Paragraph(self.s("read_confirmed"))]
        if kind == "material_receipt":
            label = actual.get("label") or {}
            return [Paragraph(self.s("bag", din=label.get("din") or "—",
                                     product=label.get("product_code") or "—",
                                     coi=label.get("coi") or "—"))]
        if kind == "reagent":
            how = self.s("typed" if actual.get("typed") else "scanned")
            material = str(actual.get("material", ""))
            return [Paragraph(self.s("reagent", name=_tr(labels.get(material), self.lang)
                                     or material, material=material, lot=actual.get("lot"),
                                     expiry=actual.get("expiry"), how=how))]
        if kind == "sample":
            code = str((step["expected"] or {}).get("sample_code", ""))
            return [Paragraph(self.s("sample", name=_tr(labels.get(code), self.lang) or code,
                                     sample=actual.get("sample_id")))]
        if kind in ("cassette_load", "cassette_unload"):
            return [Paragraph(self.s("cassette", serial=actual.get("serial") or "—",
                                     bay=actual.get("bay") or "—"))]
        if kind == "instrument_phase":
            return self.phase_result(step, actual)
        return [Paragraph(self.s("none"))]

    def phase_result(self, step: Mapping[str, Any], actual: Mapping[str, Any]) -> list[Block]:
        specs = (step["expected"] or {}).get("channels") or {}
        rows, flagged = [], set()
        for i, (key, summary) in enumerate(sorted((actual.get("channels") or {}).items())):
            spec = specs.get(key) or {}
            lim, unit = spec.get("limits"), spec.get("unit", "")
            oks = [_within(summary.get(k), lim) for k in ("min", "max")]
            if False in oks:
                flagged.add(i)
            rows.append((self.channel(key), _num(summary.get("min")), _num(summary.get("max")),
                         _num(summary.get("mean")), _limits(lim, unit, self.lang),
                         "" if None in oks else self.s("outside" if False in oks
                                                       else "within")))
        out: list[Block] = []
        if isinstance(actual.get("start"), (int, float)):
            out.append(Paragraph(self.s("phase_result", start=self.clock.local(actual["start"]),
                                        end=self.clock.local(actual["end"]))))
        out.append(Table((self.s("channel"), self.s("min"), self.s("max"), self.s("mean"),
                          self.s("limits"), self.s("verdict")), tuple(rows),
                         (0.24, 0.12, 0.12, 0.12, 0.22, 0.18), frozenset(flagged)))
        return out

    def channel(self, key: str) -> str:
        return _tr((self.c.get("channels") or {}).get(key), self.lang) or key

    def steps(self) -> Section:
        blocks: list[Block] = []
        for n, step in enumerate(self.c["steps"], start=1):
            blocks.append(Paragraph(self.s("step_heading", n=n, name=_tr(step["name"],
                                                                        self.lang)),
                                    heading=True))
            rec = step.get("record")
            if rec is None:
                blocks.append(Paragraph(self.s("not_performed"), emphasis=True))
                continue
            if rec.get("corrected"):
                blocks.append(Paragraph(self.s("corrected")))
            blocks.append(KeyValues(((self.s("recorded_at"),
                                      self.clock.both(rec["recorded_at"])),)))
            blocks += self.result(step)
            blocks.append(self.signatures(rec.get("signatures") or []))
        return Section(self.s("steps"), tuple(blocks), new_page=True)

    def details(self, e: Mapping[str, Any]) -> str:
        """The exception's sentence in the reader's language (the recipe's names for its
        field or material, the channel's name), as every screen words it."""
        labels = next((st.get("labels") or {} for st in self.c["steps"]
                       if st["step"] == e.get("step")), {})
        return exception_text(str(e["kind"]), e.get("evidence") or {}, self.lang,
                              description=str(e.get("description") or ""),
                              label=lambda code: _tr(labels.get(code), self.lang) or None,
                              channel=lambda key: self.channel(key))

    def exceptions(self) -> Section:
        exc = self.c["exceptions"]
        if not exc:
            return Section(self.s("exceptions"), (Paragraph(self.s("no_exceptions")),))
        rows, flagged = [], set()
        for i, e in enumerate(exc):
            d = e.get("disposition")
            if d is None:
                flagged.add(i)
                closing = self.s("open")
            else:
                who = "; ".join(f"{g['printed_name']}, {self.clock.local(g['signed_at'])}"
                                for g in d.get("signatures") or [])
                closing = self.s("disposition_by", reason=d["reason"]) + (f" ({who})"
                                                                          if who else "")
            rows.append((name("severity", e["severity"], self.lang),
                         name("kind", e["kind"], self.lang),
                         self.step_names.get(e.get("step"), self.s("none")),
                         self.details(e), self.clock.local(e["raised_at"]), closing))
        return Section(self.s("exceptions"), (Table(
            (self.s("severity"), self.s("kind"), self.s("step"), self.s("details"),
             self.s("raised"), self.s("exc_disposition")), tuple(rows),
            (0.08, 0.14, 0.13, 0.31, 0.13, 0.21), frozenset(flagged)),), new_page=True)

    def trends(self) -> Section:
        blocks: list[Block] = []
        for p in self.c["phases"]:
            step = self.step_names.get(p["step"], p["step"])
            if p.get("data_hash") is None:
                blocks += [Paragraph(step, heading=True),
                           Paragraph(self.s("trend_missing"), emphasis=True)]
                continue
            t0, t1 = float(p["start"]), float(p["end"])
            ticks = tuple((t0 + (t1 - t0) * i / 4, self.clock.short(t0 + (t1 - t0) * i / 4))
                          for i in range(5))
            for ch in p["channels"]:
                lim = ch.get("limits") or {}
                alarms = tuple((float(a["raised_at"]), float(a["cleared_at"] or t1))
                               for a in p["alarms"] if a["channel"] == ch["channel"])
                blocks.append(Chart(
                    self.s("trend_heading", step=step, channel=self.channel(ch["channel"]),
                           unit=ch.get("unit", "")), t0, t1,
                    tuple(tuple(b) for b in ch["trend"]),
                    lim.get("low"), lim.get("high"), alarms, ticks, self.s("legend")))
                for a in p["alarms"]:
                    if a["channel"] == ch["channel"]:
                        end = self.clock.local(a["cleared_at"]) if a["cleared_at"] else \
                            self.s("alarm_open")
                        blocks.append(Paragraph(self.s(
                            "alarm_line", channel=self.channel(ch["channel"]),
                            start=self.clock.local(a["raised_at"]), end=end), emphasis=True))
            blocks.append(Paragraph(self.s("trend_hash", hash=p["data_hash"],
                                           points=p["points"])))
        if not blocks:
            blocks.append(Paragraph(self.s("no_phases")))
        return Section(self.s("trends"), tuple(blocks), new_page=True)

    def audit_review(self) -> Section:
        r = self.c.get("audit_trail_review")
        if r is None:
            return Section(self.s("audit_review"),
                           (Paragraph(self.s("no_audit_review"), emphasis=True),),
                           new_page=True)
        blocks: list[Block] = [
            Paragraph(self.s("reviewed", n=r["entries_reviewed"],
                             flagged=r["entries_flagged"])),
            KeyValues(((self.s("recorded_at"), self.clock.both(r["reviewed_at"])),
                       (self.s("comment"), r.get("comment") or self.s("none")))),
            self.signatures(r.get("signatures") or [])]
        return Section(self.s("audit_review"), tuple(blocks), new_page=True)

    def release(self) -> Section:
        r = self.c.get("release")
        if r is None:
            return Section(self.s("release"), (Paragraph(self.s("not_released"),
                                                         emphasis=True),))
        return Section(self.s("release"), (
            KeyValues(((self.s("decision"), name("decision", r["decision"], self.lang)),
                       (self.s("reason"), r.get("reason") or self.s("none")),
                       (self.s("recorded_at"), self.clock.both(r["decided_at"])))),
            self.signatures(r.get("signatures") or [])))


def build_document(content: Mapping[str, JsonValue], lang: str) -> Document:
    """The report in ``lang`` (``ja`` or ``en``) from its content."""
    if lang not in ("ja", "en"):
        raise ValueError(f"no report language {lang!r} (ja or en)")
    b = _Builder(content, lang)
    return Document(lang, b.s("title"), str(content["batch"]["id"]), report_hash(content),
                    (b.cover(), b.steps(), b.exceptions(), b.trends(), b.audit_review(),
                     b.release()))
