"""Run-time language switching: the console's own translator plus Qt's ``qtbase`` one.

Installing or removing a translator makes Qt send ``LanguageChange`` to every widget; each
view re-translates itself in ``changeEvent``. ``QLocale.setDefault`` makes dates and numbers
follow the language too.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from operator_console.paths import i18n_dir

LANGUAGES = ("ja", "en")
LOCALES = {"ja": QLocale(QLocale.Language.Japanese, QLocale.Country.Japan),
           "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}


class TranslationMissingError(RuntimeError):
    """A compiled translation could not be loaded."""


class LanguageManager(QObject):
    """Owns the installed translators; ``set_language`` switches the whole application."""

    sig_language_changed = Signal(str)
    """Emitted with the new language code after every translator is installed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = "en"
        self._translators: list[QTranslator] = []

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unsupported language {code!r}")
        app = QCoreApplication.instance()
        assert app is not None
        for old in self._translators:
            app.removeTranslator(old)
        self._translators = []
        QLocale.setDefault(LOCALES[code])
        if code != "en":
            own = QTranslator(self)
            qm = i18n_dir() / f"operator_console_{code}.qm"
            if not own.load(str(qm)):
                raise TranslationMissingError(f"cannot load {qm}")
            qtbase = QTranslator(self)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if not qtbase.load(QLocale(code), "qtbase", "_", qt_dir):
                raise TranslationMissingError(f"cannot load qtbase_{code} from {qt_dir}")
            for translator in (qtbase, own):
                app.installTranslator(translator)
                self._translators.append(translator)
        self._language = code
        # Qt posts LanguageChange; deliver it now so every open window switches at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LocaleChange)
        self.sig_language_changed.emit(code)
