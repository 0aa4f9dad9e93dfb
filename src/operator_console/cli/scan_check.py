"""``operator-console scan-check``: say what a scanned label says, without the GUI.

Exit status 0 when the label is valid; 2 with a one-line reason on stderr otherwise (and, with
``--json``, ``{"error": code, "message": ...}`` on stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from operator_console.domain.barcode_labels import Gs1Label, Isbt128Label, LabelError, parse_label

EXIT_INVALID = 2

_DESCRIPTION = (
    "Check a scanned label (GS1 DataMatrix / GS1-128 or ISBT 128, or a typed DIN with its "
    "check character) and print what it says. TEXT may contain GS (ASCII 29) literally or as "
    "the escape \\x1d; '-' reads the text from standard input."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="operator-console scan-check", description=_DESCRIPTION)
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--data-dir", metavar="DIR", help="accepted for uniformity; not used")
    parser.add_argument("text", metavar="TEXT", help="the scanned text, or - for stdin")
    return parser


def _unescape(text: str) -> str:
    return text.replace("\\x1d", "\x1d").replace("\\x1D", "\x1d")


def _or_absent(value: object) -> str:
    return "(not present)" if value is None else str(value)


def describe(label: Gs1Label | Isbt128Label) -> list[str]:
    """Readable English lines for a parsed label."""
    if isinstance(label, Gs1Label):
        lines = [
            "GS1 label",
            f"  GTIN:          {label.gtin}",
            f"  Lot:           {_or_absent(label.lot)}",
            f"  Expiry date:   {_or_absent(label.expiry and label.expiry.isoformat())}",
            f"  Serial number: {_or_absent(label.serial)}",
        ]
        lines += [f"  AI ({ai}):       {value}" for ai, value in label.other]
        return lines
    lines = ["ISBT 128 label" + (" (keyed DIN)" if label.keyed else "")]
    lines.append(f"  DIN:             {_or_absent(label.din)}")
    if label.din is not None:
        lines.append(f"  Check character: {label.check_character}")
        lines.append(f"  Flags:           {_or_absent(label.flags)}")
    product = label.product_code
    if product is not None:
        lines.append(f"  Product code:    {product.code} (description code "
                     f"{product.description_code}, division {product.division}"
                     + (f", collection type {product.collection_type})"
                        if product.collection_type else ")"))
    else:
        lines.append("  Product code:    (not present)")
    expiry = label.expiry.strftime("%Y-%m-%d %H:%M") if label.expiry else None
    lines.append(f"  Expiry:          {_or_absent(expiry)}")
    if label.coi is not None:
        lines.append(f"  Chain of identity identifier: {label.coi}")
    shown = {"001", "003", "004", "005", "023", "040"}
    lines += [f"  Data structure {s.number}: {s.content}"
              for s in label.structures if s.number not in shown]
    return lines


def run(argv: list[str]) -> int:
    """Run ``scan-check`` with ``argv`` (the arguments after the subcommand name)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2): argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_INVALID
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        label = parse_label(_unescape(text), today=date.today())
    except LabelError as error:
        print(f"scan-check: {error.code}: {error.message}", file=sys.stderr)
        if args.json:
            print(json.dumps({"error": error.code, "message": error.message}))
        return EXIT_INVALID
    if args.json:
        print(label.to_json())
    else:
        print("\n".join(describe(label)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run(sys.argv[1:]))
