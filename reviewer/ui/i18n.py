"""The interface language: which translations are installed on the application, and the
domain's names (pillars, review statuses, citation verdicts) as the interface shows them.

The language follows the system locale (``LANG=zh_CN.UTF-8`` gives Simplified Chinese,
anything else English) unless the ``interface/language`` setting says ``en`` or ``zh_CN``.
:func:`install` is called once, right after the QApplication is made; :func:`switch` changes
the language while the app runs (Qt then sends every widget a ``QEvent.LanguageChange``).
Only the interface is translated: record values, ids, file names and git's words are data
and stay as written. The command line stays English.

The translations live in ``reviewer/resources/i18n`` (``tools/translations.py`` extracts the
strings with ``pyside6-lupdate`` and compiles them with ``pyside6-lrelease``); Qt's own
dialogs and buttons come from the ``qtbase_*.qm`` that PySide6 ships.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

SETTING = "interface/language"
SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
CHOICES = (SYSTEM, ENGLISH, CHINESE)
# Each language's name as written in that language (for the Preferences' language menu).
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
# The record languages (a workspace's ``[records] languages``) an interface language reads,
# best first: the configuration's per-language names are looked up under these.
RECORD_LANGUAGES = {ENGLISH: ("en",), CHINESE: ("zh_CN", "zh-CN", "zh-Hans", "zh_Hans", "zh")}

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "i18n"
CATALOG = "reviewer"          # reviewer_zh_CN.qm

_installed: list[QTranslator] = []
_current = ENGLISH


def system_language(locale: QLocale | None = None) -> str:
    """The interface language the system locale asks for: Simplified Chinese for a Chinese
    locale not written in traditional characters, English for anything else."""
    locale = locale or QLocale.system()
    if locale.language() == QLocale.Chinese and locale.script() != QLocale.TraditionalChineseScript \
            and locale.territory() not in (QLocale.Taiwan, QLocale.HongKong, QLocale.Macau):
        return CHINESE
    return ENGLISH


def chosen(settings: QSettings | None = None) -> str:
    """The ``interface/language`` setting: system, en or zh_CN (anything else: system)."""
    value = str((settings or QSettings()).value(SETTING, SYSTEM) or SYSTEM)
    return value if value in CHOICES else SYSTEM


def resolve(choice: str, locale: QLocale | None = None) -> str:
    """The language a choice means: ``system`` follows the locale."""
    return choice if choice in (ENGLISH, CHINESE) else system_language(locale)


def current() -> str:
    """The interface language installed now (en or zh_CN)."""
    return _current


def install(app: QCoreApplication | None = None, settings: QSettings | None = None) -> str:
    """Install the translations the setting (else the system locale) asks for on ``app``;
    returns the language installed. Call right after the QApplication is made."""
    return switch(chosen(settings), app)


def switch(choice: str, app: QCoreApplication | None = None) -> str:
    """Replace the installed translations with those of ``choice`` (system, en, zh_CN) while
    the app runs. Qt sends every widget a ``QEvent.LanguageChange``; widgets that build
    their text once show the new language when next built (or at the next start)."""
    global _current
    app = app or QCoreApplication.instance()
    language = resolve(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # English needs its catalog too: it holds the plural forms ("1 record", "2 records").
    catalogs = [(CATALOG, str(TRANSLATIONS))]
    if language != ENGLISH:
        catalogs.append(("qtbase", QLibraryInfo.path(QLibraryInfo.TranslationsPath)))
    for name, folder in catalogs:
        translator = QTranslator(app)
        if translator.load(QLocale(language), name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    _current = language
    return language


# ---- the domain's words as the interface shows them ------------------------------------------
# Marked here so lupdate sees them; translated where shown with QCoreApplication.translate.
# A pillar in running text ("Cite for mrv"): English says the key, as the filter language
# and the command line do; other languages a name (the configuration's, else these).
PILLAR_NAMES = {
    "incentive": QT_TRANSLATE_NOOP("Pillar", "incentive"),
    "statutory": QT_TRANSLATE_NOOP("Pillar", "statutory"),
    "liability": QT_TRANSLATE_NOOP("Pillar", "liability"),
    "mrv": QT_TRANSLATE_NOOP("Pillar", "mrv"),
    "market": QT_TRANSLATE_NOOP("Pillar", "market"),
    "strategic": QT_TRANSLATE_NOOP("Pillar", "strategic"),
    "technical": QT_TRANSLATE_NOOP("Pillar", "technical"),
}
REVIEW_STATUS_NAMES = {
    "draft": QT_TRANSLATE_NOOP("ReviewStatus", "draft"),
    "verified": QT_TRANSLATE_NOOP("ReviewStatus", "verified"),
}
REVIEW_ACTION_NAMES = {   # an interrupted action in the core's recovery messages
    "verify": QT_TRANSLATE_NOOP("ReviewAction", "verify"),
    "reopen": QT_TRANSLATE_NOOP("ReviewAction", "reopen"),
}
CITATION_STATUS_NAMES = {
    "resolved": QT_TRANSLATE_NOOP("CitationStatus", "resolved"),
    "mismatch": QT_TRANSLATE_NOOP("CitationStatus", "mismatch"),
    "ambiguous": QT_TRANSLATE_NOOP("CitationStatus", "ambiguous"),
    "unresolved": QT_TRANSLATE_NOOP("CitationStatus", "unresolved"),
    "external": QT_TRANSLATE_NOOP("CitationStatus", "external"),
    "missing": QT_TRANSLATE_NOOP("CitationStatus", "missing"),
}


def _configured(pillar: str, config) -> str | None:
    """The workspace configuration's name for ``pillar`` in the interface language."""
    names = getattr(config, "pillar_names", None) or {}
    for language in RECORD_LANGUAGES.get(_current, ()):
        if names.get(language, {}).get(pillar):
            return names[language][pillar]
    return None


def pillar_name(pillar: str, config=None) -> str:
    """A pillar in running text and lists: the key in English (``mrv``, as the filter
    language writes it); in another language the workspace configuration's name for it
    (``[pillars.names.zh]``), else the interface's own."""
    if _current == ENGLISH:
        return pillar
    if named := _configured(pillar, config):
        return named
    if pillar in PILLAR_NAMES:
        return QCoreApplication.translate("Pillar", PILLAR_NAMES[pillar])
    return pillar


def pillar_title(pillar: str, config=None) -> str:
    """A pillar as a heading: the configuration's name in the interface language, else
    ``MRV`` / ``Incentive`` in English and the translated name in another language."""
    if named := _configured(pillar, config):
        return named
    if _current == ENGLISH:
        return pillar.upper() if pillar == "mrv" else pillar.capitalize()
    return pillar_name(pillar, config)


def review_status_name(status: object) -> str:
    """draft / verified as the interface says them; any other value as written (data)."""
    text = REVIEW_STATUS_NAMES.get(str(status))
    return QCoreApplication.translate("ReviewStatus", text) if text else str(status)


def review_action_name(action: str) -> str:
    text = REVIEW_ACTION_NAMES.get(action)
    return QCoreApplication.translate("ReviewAction", text) if text else action


def citation_status_name(status: str) -> str:
    text = CITATION_STATUS_NAMES.get(status)
    return QCoreApplication.translate("CitationStatus", text) if text else status
