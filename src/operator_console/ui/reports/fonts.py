"""The fonts of the station's Qt PDFs (the batch record and the batch report).

Latin text in a Latin font: letters and digits drawn from a CJK font lose their text mapping
in Qt's PDF output (a batch ID would not be searchable or copyable). Japanese in IPAex Gothic
(``fonts-ipaexfont-gothic``, installed by ``scripts/bootstrap.sh``; the font the plant
server's report embeds too), *without its Kangxi radicals*: a Japanese font draws 人 and the
radical ⼈ (U+2F08) with one glyph, and Qt's PDF writer names each glyph in the text layer by
the lowest code point that maps to it, so ``pdftotext``, search and copy would give ⼈ where
人 was printed. So the report font is IPAex Gothic with the code points of U+2E80–U+2FDF
(CJK radicals, Kangxi radicals) taken out of its character map, under a family name of its
own (made once with fontTools into the user's cache folder, then loaded with
``QFontDatabase.addApplicationFont``). Without fontTools or IPAex Gothic the PDF falls back to
the plain font (IPAex Gothic, else Noto Sans CJK JP): it reads right and extracts partly as
radicals. Ligatures are off, so that a hash's "ff" extracts as two letters, not as ﬀ.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans")
REPORT_FAMILY = "Operator Console Report Gothic"
FALLBACK_FAMILIES = ("IPAexGothic", "Noto Sans CJK JP")
RADICALS = range(0x2E80, 0x2FE0)
CANDIDATES = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)
_loaded: list[bool] = []


def _source() -> Path | None:
    from operator_console.paths import resources_dir

    for path in (resources_dir() / "fonts" / "ipaexg.ttf", *map(Path, CANDIDATES)):
        if path.is_file():
            return path
    return None


def derive_font(source: Path, target: Path) -> None:
    """``source`` without the radicals in its character map, named :data:`REPORT_FAMILY`."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), lazy=False)
    for table in font["cmap"].tables:
        if table.format != 14:
            table.cmap = {c: g for c, g in table.cmap.items() if c not in RADICALS}
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (1, 3, 4, 6, 16, 17)]
    for name_id, text in ((1, REPORT_FAMILY), (3, REPORT_FAMILY), (4, REPORT_FAMILY),
                          (6, REPORT_FAMILY.replace(" ", "")), (16, REPORT_FAMILY)):
        names.setName(text, name_id, 3, 1, 0x409)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_suffix(".part")
    font.save(str(part))
    part.replace(target)


def _load_report_font() -> None:
    if _loaded:
        return
    _loaded.append(True)
    source = _source()
    if source is None:
        return
    from platformdirs import user_cache_path

    target = user_cache_path("operator-console") / "fonts" / f"{source.stem}-report.ttf"
    try:
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            derive_font(source, target)
    except (ImportError, OSError, KeyError) as exc:  # no fontTools, a read-only cache, ...
        log.warning("report font not derived from %s: %s", source, exc)
        return
    if QFontDatabase.addApplicationFont(str(target)) < 0:
        log.warning("report font %s did not load", target)


def report_families() -> list[str]:
    """The families a PDF's text is set in, in order of preference (those present)."""
    _load_report_font()
    available = set(QFontDatabase.families())
    return [f for f in (*LATIN_FAMILIES, REPORT_FAMILY, *FALLBACK_FAMILIES) if f in available]


def report_font(point_size: float = 9.0) -> QFont:
    font = QFont()
    families = report_families()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    # No ligatures: "ff" in a hash would extract as the one character ﬀ (U+FB00).
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font
