"""Developer helper: fill translations into i18n/operator_console_ja.ts from a Python dict.

Usage: .venv/bin/python scripts/ts_fill.py FILE.py  — FILE.py defines ``JA = {(context,
source): translation}`` or ``JA = {source: translation}`` (any context). Existing finished
translations are kept unless the dict gives a new one. Prints what is still unfinished.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "i18n" / "operator_console_ja.ts"


def main() -> int:
    table = runpy.run_path(sys.argv[1])["JA"]
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            assert tr is not None
            text = table.get((name, src), table.get(src))
            if text is not None:
                tr.text = text
                tr.attrib.pop("type", None)
            elif tr.get("type") == "unfinished":
                missing.append(f"{name} | {src}")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    with open(TS, "r+", encoding="utf-8") as f:
        body = f.read().replace("<?xml version='1.0' encoding='utf-8'?>",
                                '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
        f.seek(0)
        f.write(body)
        f.truncate()
    for line in missing:
        print("unfinished:", line)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
