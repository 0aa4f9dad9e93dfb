"""Every user-visible string is translated into Japanese, and the .ts is up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "i18n" / "operator_console_ja.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            found[(name, msg.findtext("source") or "")] = msg
    return found


def test_no_unfinished_or_empty_japanese_translation() -> None:
    bad = []
    for key, msg in _messages(TS).items():
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (
            tr.text or "").strip():
            bad.append(key)
    assert not bad, f"untranslated messages: {bad}"


def test_lupdate_would_add_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "check_ja.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "src" / "operator_console").rglob("*.py"))
    subprocess.run([str(LUPDATE), "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(copy)], check=True, capture_output=True)
    before, after = _messages(TS), _messages(copy)
    assert set(after) == set(before), (
        f"new: {sorted(set(after) - set(before))}; gone: {sorted(set(before) - set(after))}. "
        "Run scripts/update-translations.sh and translate.")


def test_placeholders_survive_translation() -> None:
    for (ctx, source), msg in _messages(TS).items():
        text = msg.findtext("translation") or ""
        for ph in ("%1", "%2", "%n"):
            assert (ph in source) == (ph in text), f"{ctx}: {source!r} -> {text!r}"


def test_every_enum_member_has_a_name_in_both_languages() -> None:
    import importlib
    import pkgutil

    import operator_console.ui.names as names_pkg
    from operator_console.ui.names.enum_names import ALL

    for info in pkgutil.iter_modules(names_pkg.__path__):
        importlib.import_module(f"{names_pkg.__name__}.{info.name}")
    assert len(ALL) >= 10, "the display-name tables were not found"
    messages = _messages(TS)
    missing = []
    for table in ALL:
        for member, source in table.items():
            msg = messages.get((table.context, source))
            text = msg.findtext("translation") if msg is not None else None
            if not source.strip() or not (text or "").strip():
                missing.append(f"{table.enum.__name__}.{member.name} ({table.context})")
    assert not missing, f"enum members without an English and a Japanese name: {missing}"


def test_a_table_missing_a_member_does_not_import() -> None:
    from enum import StrEnum

    import pytest

    from operator_console.ui.names.enum_names import ALL, EnumNames

    class Colour(StrEnum):
        RED = "red"
        BLUE = "blue"

    before = len(ALL)
    with pytest.raises(ValueError, match="blue"):
        EnumNames("Colour", Colour, {Colour.RED: "Red"})
    assert len(ALL) == before
