"""The command line's own messages in the user's language (the Qt translations the GUI uses).

The console's commands speak English by default; a Japanese locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG`` or ``LANGUAGE`` starting with ``ja``) gets the same Japanese as the
GUI from ``i18n/operator_console_ja.qm``. Only QtCore's ``QTranslator`` is used: no
application object, nothing shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTranslator

from operator_console.paths import i18n_dir

CONTEXT = "Cli"
DISK_FULL = str(QT_TRANSLATE_NOOP(
    "Cli", "the disk is full: nothing was saved by this command; free space on the data "
    "folder's disk and try again"))
INTERRUPTED = str(QT_TRANSLATE_NOOP("Cli", "interrupted"))

_loaded: dict[str, QTranslator | None] = {}


def cli_language(env: Mapping[str, str] = os.environ) -> str:
    """``ja`` or ``en``, from the POSIX locale variables in their order of precedence."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    first = env.get("LANGUAGE", "").split(":")[0]
    return "ja" if first.lower().startswith("ja") else "en"


def _translator(language: str) -> QTranslator | None:
    if language not in _loaded:
        translator = QTranslator()
        qm = i18n_dir() / f"operator_console_{language}.qm"
        _loaded[language] = translator if translator.load(str(qm)) else None
    return _loaded[language]


def tr(text: str, language: str | None = None) -> str:
    """``text`` (one of this module's messages) in ``language`` (default: the locale's);
    English when no translation is at hand."""
    code = language or cli_language()
    if code == "en":
        return text
    translator = _translator(code)
    translated = translator.translate(CONTEXT, text) if translator is not None else ""
    return translated or text
