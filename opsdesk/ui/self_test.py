"""`opsdesk --self-test`: open the database, build every page, render a chart, check the resources, exit.

A build is checked without a person: the exit code is 0 only when all of it worked, and one
line says what was checked (on stdout when there is one, and in the log either way).
"""

from __future__ import annotations

import logging
from io import BytesIO

from PySide6.QtWidgets import QApplication

from opsdesk.logging_setup import emit_line

log = logging.getLogger(__name__)


class SelfTestFailure(Exception):
    """Something the build needs is missing or broken."""


def run_self_test(window) -> int:
    """0 when the window, every page, one chart and the bundled resources are fine; 1 otherwise."""
    try:
        summary = _exercise(window)
    except Exception as exc:  # any failure is the answer the build check wants, with its traceback in the log
        log.exception("Self-test failed")
        emit_line(f"self-test: FAILED: {type(exc).__name__}: {exc}", level=logging.ERROR)
        return 1
    finally:
        window.close()
        window.context.database.dispose()
    emit_line(f"self-test: ok: {summary}")
    return 0


def _exercise(window) -> str:
    from opsdesk import __version__
    from opsdesk.paths import log_file_path
    from opsdesk.reports.charts.heatmap import build_heatmap_figure
    from opsdesk.services.risks import heatmap_counts
    from opsdesk.store import migrations
    from opsdesk.ui import icons, theme
    from opsdesk.ui.main_window import PAGES

    app = QApplication.instance()
    context = window.context
    schema = migrations.current_revision(context.database)
    if schema != migrations.head_revision():
        raise SelfTestFailure(f"the database schema is {schema}, not {migrations.head_revision()}")

    # Every page: their modules are imported by name, which a build can miss.
    for spec in window.specs:
        window.show_page(spec.key)
        QApplication.processEvents()
        if icons.page_icon(spec.key).isNull():
            raise SelfTestFailure(f"no navigation icon for {spec.key}")
    missing = [spec.key for spec in PAGES if spec.key not in {s.key for s in window.specs}]
    window.show_page(window.specs[0].key)
    QApplication.processEvents()

    counts = context.call(heatmap_counts, kind="residual")
    figure = build_heatmap_figure(context.matrix(), {"residual": counts}, kinds=("residual",))
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    if buffer.tell() == 0:
        raise SelfTestFailure("the heatmap rendered to an empty PNG")

    image = window.grab()
    if image.isNull():
        raise SelfTestFailure("the main window did not render")
    if app is None or app.windowIcon().isNull():
        raise SelfTestFailure("the application icon is missing")
    if not app.styleSheet():
        raise SelfTestFailure("no style sheet was applied")

    files = _bundled_files()
    server_driver, keyring_backend = _team_mode_pieces()
    encryption = _encryption_piece(context.database)
    pages = f"{len(window.pages)}/{len(PAGES)} pages" + (
        f" (not in this build: {', '.join(missing)})" if missing else ""
    )
    return (
        f"OpsDesk {__version__}, database {context.database.display_name} (schema {schema}), {pages}, "
        f"window {image.width()}x{image.height()}, heatmap PNG {buffer.tell()} bytes, "
        f"{theme.current_theme()} theme, {files}, PostgreSQL driver {server_driver}, keyring {keyring_backend}, "
        f"{encryption}, "
        f"log {log_file_path()}"
    )


def _bundled_files() -> str:
    """The files opened later than start-up (demo, Chinese catalogue) are where the app looks."""
    from opsdesk.paths import bundle_root, data_path, installation
    from opsdesk.ui.i18n import catalogue_path

    needed = (data_path("demo.toml"), catalogue_path("zh_CN"))
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise SelfTestFailure(f"bundled files missing: {', '.join(missing)}")
    return f"{installation()} files in {bundle_root()}"


def _team_mode_pieces() -> tuple[str, str]:
    """The PostgreSQL driver with its libpq, and the keyring: a build must carry both for team mode."""
    import keyring

    try:
        import psycopg

        libpq = psycopg.pq.version()
    except Exception as exc:
        raise SelfTestFailure(f"the PostgreSQL driver has no libpq: {exc}") from exc
    backend = type(keyring.get_keyring())
    # No usable store (a bare Linux) is fine: the password is then asked each time.
    return (
        f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {libpq})",
        f"{backend.__module__}.{backend.__name__}",
    )


def _encryption_piece(database) -> str:
    """SQLCipher in the build (encrypted registers), and whether this register is one, proven on its file."""
    from opsdesk.store import cipher

    try:
        connection = cipher.connect(":memory:", "self-test")
        try:
            version = connection.execute("PRAGMA cipher_version").fetchone()[0]
        finally:
            connection.close()
    except Exception as exc:
        raise SelfTestFailure(f"SQLCipher (encrypted registers) is missing: {exc}") from exc
    if not database.encrypted:
        return f"SQLCipher {version}"
    if database.path is None or not cipher.looks_encrypted(database.path):
        raise SelfTestFailure("the register was opened with a password but its file is not encrypted")
    return f"SQLCipher {version}, register encrypted"
