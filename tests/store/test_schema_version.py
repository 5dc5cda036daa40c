"""Opening an up-to-date register reads its schema version without Alembic; the constants match the scripts."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from opsdesk.store import migrations
from opsdesk.store.database import open_database
from opsdesk.store.schema_version import HEAD_REVISION, SHIPPED_REVISIONS

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_revisions_are_the_migration_scripts_in_order() -> None:
    script = migrations._shipped_scripts()
    chain = [revision.revision for revision in script.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == SHIPPED_REVISIONS
    assert HEAD_REVISION == migrations.head_revision()


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_opening_an_up_to_date_register_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    open_database(path).dispose()  # created and upgraded to the head here, in this process

    out = _run(
        "import sys\n"
        "from opsdesk.store.database import open_database\n"
        f"database = open_database({str(path)!r})\n"
        "with database.engine.connect() as connection:\n"
        "    print('SCHEMA', connection.exec_driver_sql('SELECT version_num FROM alembic_version').scalar())\n"
        "print('ALEMBIC', 'alembic' in sys.modules)\n"
    )
    assert f"SCHEMA {HEAD_REVISION}" in out
    assert "ALEMBIC False" in out


def test_an_older_register_is_still_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path).dispose()
    connection = sqlite3.connect(str(path))
    connection.execute("DROP TABLE closedquarter")  # what 0009 adds, with its version put back
    connection.execute("DROP TABLE quarterreport")
    connection.execute("UPDATE alembic_version SET version_num = '0008'")
    connection.commit()
    connection.close()

    out = _run(
        "import sys\n"
        "from opsdesk.store.database import open_database\n"
        f"database = open_database({str(path)!r})\n"
        "print('TABLES', sorted(n for n in database.table_names() if n in ('closedquarter', 'quarterreport')))\n"
        "print('ALEMBIC', 'alembic' in sys.modules)\n"
    )
    assert "TABLES ['closedquarter', 'quarterreport']" in out
    assert "ALEMBIC True" in out
    with sqlite3.connect(str(path)) as check:
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
