"""The station's master recipes as record content names them, and the words of a record's
content keys.

A step record or an exception names its step, fields, checklist items and material by the
pinned recipe's codes (``BAY-CLEARANCE``; ``EMPTY``, ``VCD``); the signature dialog, the Records
page and the PDF show the recipe's own names for them in the reader's language instead. The
recipes are remembered here as they are read off the UI thread (the Batches page's batches,
the Records page's load, an export); a record whose recipe is not known reads with its codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.application.record_content import RecipeWords, recipe_words
from operator_console.domain.recipes.model import Recipe

Translate = Callable[[str, str], str]

_known: dict[tuple[str, int], Recipe] = {}

#: Content keys of a step record's recorded and required values (and yes / no).
_KEYS: dict[str, object] = {
    "true": QT_TRANSLATE_NOOP("RecordValueKey", "yes"),
    "false": QT_TRANSLATE_NOOP("RecordValueKey", "no"),
    "material": QT_TRANSLATE_NOOP("RecordValueKey", "material"),
    "lot": QT_TRANSLATE_NOOP("RecordValueKey", "lot"),
    "expiry": QT_TRANSLATE_NOOP("RecordValueKey", "expiry"),
    "typed": QT_TRANSLATE_NOOP("RecordValueKey", "typed by hand"),
    "gtin": QT_TRANSLATE_NOOP("RecordValueKey", "GTIN"),
    "scan": QT_TRANSLATE_NOOP("RecordValueKey", "scan"),
    "label": QT_TRANSLATE_NOOP("RecordValueKey", "label"),
    "sample_id": QT_TRANSLATE_NOOP("RecordValueKey", "sample ID"),
    "sample_code": QT_TRANSLATE_NOOP("RecordValueKey", "sample code"),
    "serial": QT_TRANSLATE_NOOP("RecordValueKey", "serial number"),
    "bay": QT_TRANSLATE_NOOP("RecordValueKey", "bay"),
    "cassette_record": QT_TRANSLATE_NOOP("RecordValueKey", "cassette record"),
    "instrument": QT_TRANSLATE_NOOP("RecordValueKey", "instrument"),
    "duration_minutes": QT_TRANSLATE_NOOP("RecordValueKey", "duration (min)"),
    "channels": QT_TRANSLATE_NOOP("RecordValueKey", "channels"),
    "alarms": QT_TRANSLATE_NOOP("RecordValueKey", "alarms"),
    "start": QT_TRANSLATE_NOOP("RecordValueKey", "start"),
    "end": QT_TRANSLATE_NOOP("RecordValueKey", "end"),
    "kind": QT_TRANSLATE_NOOP("RecordValueKey", "label type"),
    "din": QT_TRANSLATE_NOOP("RecordValueKey", "DIN"),
    "coi": QT_TRANSLATE_NOOP("RecordValueKey", "COI"),
    "product_code": QT_TRANSLATE_NOOP("RecordValueKey", "product code"),
    "flags": QT_TRANSLATE_NOOP("RecordValueKey", "flags"),
    "check_character": QT_TRANSLATE_NOOP("RecordValueKey", "check character"),
    "confirmed": QT_TRANSLATE_NOOP("RecordValueKey", "confirmed"),
    "limits": QT_TRANSLATE_NOOP("RecordValueKey", "limits"),
    "count": QT_TRANSLATE_NOOP("RecordValueKey", "count"),
    "min": QT_TRANSLATE_NOOP("RecordValueKey", "min"),
    "max": QT_TRANSLATE_NOOP("RecordValueKey", "max"),
    "mean": QT_TRANSLATE_NOOP("RecordValueKey", "mean"),
}


def remember_recipes(recipes: Iterable[Recipe]) -> None:
    for recipe in recipes:
        _known[(recipe.recipe_id, recipe.version)] = recipe


def pinned_recipe(body: Mapping[str, Any]) -> Recipe | None:
    """The remembered recipe ``body`` pins (None: not a recipe record, or not known)."""
    pinned = body.get("recipe")
    if not isinstance(pinned, Mapping):
        return None
    try:
        return _known.get((str(pinned.get("id")), int(pinned.get("version") or 0)))
    except (TypeError, ValueError):
        return None


def _default_tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def words_for(body: Mapping[str, Any], lookup: Translate = _default_tr,
              lang: str | None = None) -> RecipeWords:
    """The words of ``body``'s codes in ``lang`` (the screen's language by default)."""
    if lang is None:
        lang = "ja" if QLocale().language() == QLocale.Language.Japanese else "en"

    def key(word: str) -> str:
        source = _KEYS.get(word)
        return lookup("RecordValueKey", str(source)) if source else word

    return recipe_words(pinned_recipe(body), body, lang, key)
