"""Files from outside and files we write: size limits, zip bombs, hostile XML, private databases.

The importer refuses a workbook above its size limit, and one whose parts would unpack to
more than its unpacked limit, before openpyxl reads any of it; openpyxl parses XML through
defusedxml, so entity tricks (billion laughs, external entities) are refused without
expanding. On POSIX the database, its -wal/-shm and every backup are readable by the owner
only, whatever the umask.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import tomllib
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from opsdesk.reports import excel_source
from opsdesk.reports.excel_source import WorkbookUnreadableError, read_workbook
from opsdesk.services import backups
from opsdesk.services.settings import ensure_defaults, set_company_name
from opsdesk.store.backup import backup_folder, backup_sqlite, restore_database
from opsdesk.store.database import open_database

REPO = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024
# Well above anything the importer should ever inflate for these files.
MEMORY_CEILING = 64 * MB


def _good_parts() -> dict[str, bytes]:
    """The parts of a small, genuine workbook written by openpyxl."""
    book = Workbook()
    book.active.append(["Title", "Department", "Category", "Identified on", "Likelihood", "Impact"])
    book.active.append(["Supplier fails", "Operations", "Operational", "2026-01-05", 4, 4])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Size limits ------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(excel_source.MAX_FILE_BYTES + 1)  # sparse: nothing is written to disk
    with pytest.raises(WorkbookUnreadableError) as refused:
        read_workbook(path)
    limit = excel_source.MAX_FILE_BYTES // MB
    assert str(refused.value) == (
        f"huge.xlsx is {(excel_source.MAX_FILE_BYTES + 1) / MB:.0f} MB; OpsDesk imports workbooks of up to "
        f"{limit} MB. Split it or remove pictures and other sheets."
    )


def test_a_file_at_the_size_limit_is_not_refused_for_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(excel_source.MAX_FILE_BYTES)
    with pytest.raises(WorkbookUnreadableError) as refused:
        read_workbook(path)
    assert "damaged or incomplete" in str(refused.value)


# Zip bombs --------------------------------------------------------------------------------


def _raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from already deflated entries: (name, deflated bytes, crc32, size it declares, method)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, crc, size, method in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0
            )
        )
        out.write(encoded)
        out.write(data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(encoded)
    start = out.tell()
    out.write(central.getvalue())
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central.getvalue()), start, 0
        )
    )
    return out.getvalue()


def _deflated(content: bytes) -> tuple[bytes, int, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush(), zlib.crc32(content), len(content), zipfile.ZIP_DEFLATED


@pytest.fixture(scope="module")
def spaces_600mb() -> tuple[bytes, int, int]:
    """600 MB of spaces deflated (about 600 KB), its CRC-32 and its size, built in a fraction of a second.

    Once the compressor's window is all spaces, each further megabyte flushes to the same
    bytes: deflate the first two megabytes and repeat the second block.
    """
    chunk, count = b" " * MB, 600
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    repeated = packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    assert packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH) == repeated
    data = first + repeated * (count - 1) + packer.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return data, crc, count * MB


def _workbook_with(sheet: tuple[bytes, int, int, int]) -> bytes:
    entries = [(name, *_deflated(content)) for name, content in _good_parts().items() if name != SHEET]
    return _raw_zip([*entries, (SHEET, *sheet)])


def test_the_bomb_built_here_is_a_real_zip_of_600_mb(spaces_600mb: tuple[bytes, int, int]) -> None:
    data, crc, size = spaces_600mb
    inflater = zlib.decompressobj(-15)
    head = inflater.decompress(data, 4 * MB)  # bounded: never the whole 600 MB
    assert head == b" " * (4 * MB)
    archive = zipfile.ZipFile(io.BytesIO(_workbook_with((data, crc, size, zipfile.ZIP_DEFLATED))))
    assert archive.getinfo(SHEET).file_size == 600 * MB
    assert archive.getinfo(SHEET).compress_size == len(data) < MB


def test_a_zip_bomb_is_refused_from_its_declared_size_without_unpacking(
    tmp_path: Path, spaces_600mb: tuple[bytes, int, int]
) -> None:
    data, crc, size = spaces_600mb
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_workbook_with((data, crc, size, zipfile.ZIP_DEFLATED)))
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookUnreadableError) as refused:
            read_workbook(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(refused.value) == (
        f"bomb.xlsx would unpack to 600 MB, far more than a register needs "
        f"(at most {excel_source.MAX_UNPACKED_BYTES // MB} MB); it was not opened."
    )
    assert peak < 8 * MB


def test_many_parts_that_add_up_to_a_bomb_are_refused(tmp_path: Path) -> None:
    """No single part is big: 520 pictures of 1 MB each, which together pass the limit."""
    picture = _deflated(b"\0" * MB)
    count = excel_source.MAX_UNPACKED_BYTES // MB + 20
    entries = [(name, *_deflated(content)) for name, content in _good_parts().items()]
    entries += [(f"xl/media/image{number}.png", *picture) for number in range(count)]
    path = tmp_path / "pictures.xlsx"
    path.write_bytes(_raw_zip(entries))
    with pytest.raises(WorkbookUnreadableError, match="would unpack to"):
        read_workbook(path)


def test_a_zip_that_understates_its_size_is_read_no_further_than_it_says(
    tmp_path: Path, spaces_600mb: tuple[bytes, int, int]
) -> None:
    """The directory claims 1 KB but the data inflates to 600 MB: reading stops at 1 KB and fails."""
    data, crc, _size = spaces_600mb
    path = tmp_path / "liar.xlsx"
    path.write_bytes(_workbook_with((data, crc, 1024, zipfile.ZIP_DEFLATED)))
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookUnreadableError, match="could not be read as an Excel workbook"):
            read_workbook(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_CEILING


# Hostile XML ------------------------------------------------------------------------------


def test_openpyxl_parses_through_defusedxml() -> None:
    import openpyxl
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    # The parsers the reader really calls come from defusedxml (lxml would resolve nothing either).
    assert functions.iterparse.__module__.startswith("defusedxml")
    assert openpyxl.LXML or functions.fromstring.__module__.startswith("defusedxml")
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    assert any(requirement.startswith("defusedxml") for requirement in dependencies)


def _billion_laughs_doctype() -> str:
    """lol9 is ten lol8s, ... lol1 is ten lol0s: 10**9 "lol"s in all."""
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        body = f"&lol{level - 1};" * 10
        entities.append(f'<!ENTITY lol{level} "{body}">')
    return '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entities) + "\n]>\n"


def _laughs(root: str) -> bytes:
    """A document whose one text expands to 10**9 "lol"s (3 GB) if entities are expanded."""
    return (_billion_laughs_doctype() + root.replace("LAUGH", "&lol9;")).encode()


def _external(root: str, secret: Path) -> bytes:
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
    return (doctype + root.replace("LAUGH", "&xxe;")).encode()


_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HOSTILE_PARTS = {
    SHEET: f'<worksheet {_MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>LAUGH</t></is></c></row>'
    f'<row r="2"><c r="A2" t="inlineStr"><is><t>Title</t></is></c></row></sheetData></worksheet>',
    "xl/workbook.xml": f'<workbook {_MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    f'relationships"><sheets><sheet name="LAUGH" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="LAUGH" ContentType="application/xml"/></Types>',
}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-PAYROLL")
    return path


@pytest.mark.parametrize("part", sorted(HOSTILE_PARTS))
@pytest.mark.parametrize("attack", ["billion laughs", "external entity"])
def test_entity_tricks_in_any_part_are_refused_without_expanding(
    tmp_path: Path, secret: Path, part: str, attack: str
) -> None:
    parts = _good_parts()
    root = HOSTILE_PARTS[part]
    parts[part] = _laughs(root) if attack == "billion laughs" else _external(root, secret)
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_zip(parts))
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookUnreadableError) as refused:
            read_workbook(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "could not be read as an Excel workbook" in str(refused.value)
    assert "TOP-SECRET" not in str(refused.value)
    assert peak < MEMORY_CEILING


# Private files ----------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that hides nothing: whatever is private is private because OpsDesk made it so."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_database_and_its_journal_files_are_owner_only(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "register.db"
    database = open_database(path, user="tester")
    try:
        with database.session() as session:
            ensure_defaults(session=session)
            set_company_name(session=session, name="Acme")
            sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
            assert all(sidecar.exists() for sidecar in sidecars)  # WAL mode, a connection still open
            assert {sidecar.name: _mode(sidecar) for sidecar in sidecars} == {
                sidecar.name: 0o600 for sidecar in sidecars
            }
        assert _mode(path) == 0o600
    finally:
        database.dispose()


@posix_only
def test_every_kind_of_backup_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "register.db"
    database = open_database(path, user="tester")
    try:
        with database.session() as session:
            ensure_defaults(session=session)
        backups.forget_automatic_backups()
        automatic = backups.take_automatic_backup(database)
        on_request = backups.backup_now(database)
        elsewhere = backup_sqlite(path, target=tmp_path / "usb" / "copy.db")
    finally:
        database.dispose()
        backups.forget_automatic_backups()
    restored = restore_database(path, on_request)
    assert automatic is not None and restored.safety_backup is not None
    assert _mode(backup_folder(path)) == 0o700
    files = {
        "auto": automatic,
        "backup": on_request,
        "copy": elsewhere,
        "before-restore": restored.safety_backup,
        "restored database": path,
    }
    assert {name: _mode(file) for name, file in files.items()} == {name: 0o600 for name in files}


@posix_only
def test_a_database_restored_in_place_of_a_missing_one_is_owner_only(
    tmp_path: Path, open_umask: None
) -> None:
    source = tmp_path / "register.db"
    open_database(source, user="tester").dispose()
    copy = backup_sqlite(source, target=tmp_path / "shared" / "copy.db")
    os.chmod(copy, 0o644)  # a copy that travelled by mail or USB stick
    target = tmp_path / "new" / "register.db"
    target.parent.mkdir()
    restore_database(target, copy)
    assert _mode(target) == 0o600


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files through /proc")
@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/workbook.xml", SHEET])
def test_a_refused_workbook_is_closed_at_once(tmp_path: Path, part: str) -> None:
    """Not left open until garbage collection (on Windows an open file cannot be moved or deleted)."""
    parts = _good_parts()
    parts[part] = b"<not xml"
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_zip(parts))
    with pytest.raises(WorkbookUnreadableError):
        read_workbook(path)
    assert str(path) not in _open_files()


def _open_files() -> set[str]:
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue  # closed meanwhile (the listing's own descriptor)
    return found
