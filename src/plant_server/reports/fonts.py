"""An embeddable Japanese font for reportlab.

reportlab embeds TrueType-outline fonts only (not CFF outlines such as Noto Sans CJK's .ttc/
.otf), so the report uses IPAex Gothic (Debian ``fonts-ipaexfont-gothic``, installed by
``scripts/bootstrap.sh``) or another TrueType Japanese font: ``$PLANT_SERVER_REPORT_FONT``
if set, else the first of the known files that exists and loads as TrueType. With none, the
report cannot be made in Japanese and says why (never a page of empty boxes).
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_NAME = "ReportGothic"
CANDIDATES = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msgothic.ttc",
)


class ReportFontError(RuntimeError):
    """No embeddable Japanese font was found."""


def _candidates() -> list[str]:
    override = os.environ.get("PLANT_SERVER_REPORT_FONT")
    found = [override] if override else []
    found += list(CANDIDATES)
    for root in ("/usr/share/fonts", "/usr/local/share/fonts"):
        if Path(root).is_dir():
            found += sorted(str(p) for p in Path(root).rglob("ipaex*.ttf"))
    return found


def report_font() -> str:
    """The registered font's name (registered once per process)."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    tried = []
    for path in _candidates():
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
        except (TTFError, OSError) as exc:  # e.g. CFF outlines: not embeddable
            tried.append(f"{path}: {exc}")
            continue
        return FONT_NAME
    raise ReportFontError(
        "no embeddable Japanese TrueType font found (install fonts-ipaexfont-gothic or set "
        "PLANT_SERVER_REPORT_FONT to a .ttf file)" + (f"; tried {'; '.join(tried)}"
                                                      if tried else ""))
