"""The interface language: Qt translators for OpsDesk's catalogue and Qt's own standard texts.

The language is chosen by the stored setting (`opsdesk.services.settings.get_language`):
"system" follows the operating system's locale, "en" and "zh_CN" force one. It is applied at
start-up, before any widget is built, because widgets translate their texts when created.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from opsdesk.paths import resource_path

ENGLISH = "en"
CHINESE = "zh_CN"
SUPPORTED = (ENGLISH, CHINESE)
CATALOGUE = "opsdesk"

log = logging.getLogger("opsdesk.i18n")

# Installed translators stay referenced here: Qt does not own them, and a collected one stops working.
_installed: list[QTranslator] = []
_current = ENGLISH


def resolve_language(setting: str | None, system: QLocale | None = None) -> str:
    """The language to show for a stored setting ("system", "en", "zh_CN"): "en" or "zh_CN"."""
    if setting in SUPPORTED:
        return str(setting)
    locale = system if system is not None else QLocale.system()
    # The display language (Windows: Settings > Language), not the regional format: an English
    # Windows with Chinese number and date formats stays English. Every Chinese language gets
    # the Simplified Chinese catalogue, the only Chinese one shipped.
    languages = locale.uiLanguages()
    first = QLocale(languages[0]) if languages else locale
    return CHINESE if first.language() == QLocale.Language.Chinese else ENGLISH


def catalogue_path(language: str):
    """The compiled OpsDesk catalogue (.qm) of a language."""
    return resource_path("translations", f"{CATALOGUE}_{language}.qm")


def qt_translations_dir() -> str:
    """Qt's own catalogues (standard buttons and dialogs), from the PySide6 installation or the build."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_language(language: str) -> str:
    """Install the translators of a language ("en", "zh_CN") on the running application; return it.

    Replaces whatever language was installed before, and clears the cached code labels so
    they are translated again. English needs no translator: the sources are English.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Create the QApplication before installing a language.")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in SUPPORTED else ENGLISH
    if language != ENGLISH:
        ours = QTranslator(app)
        if ours.load(str(catalogue_path(language))):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning(
                "No OpsDesk catalogue for %s at %s; showing English", language, catalogue_path(language)
            )
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", qt_translations_dir()):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
        else:
            log.info("No Qt catalogue qtbase_%s in %s", language, qt_translations_dir())
    _current = language
    from opsdesk.domain import catalogue
    from opsdesk.ui import labels

    catalogue.set_language(language)  # the sentences of services' problems, in the same language

    labels.reset_cache()
    return language


def apply_stored_language(database) -> str:
    """Install the language the register's settings ask for (the system's when unset); return it."""
    from opsdesk.services.settings import get_language

    try:
        with database.session() as session:
            setting = get_language(session=session)
    except Exception:  # noqa: BLE001 - a register that cannot say still opens, in the system's language
        log.exception("Could not read the language setting")
        setting = "system"
    return install_language(resolve_language(setting))


def current_language() -> str:
    """The language installed now ("en" or "zh_CN"), e.g. for the Excel export's headers."""
    return _current
