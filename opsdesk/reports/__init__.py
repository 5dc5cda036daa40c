"""Excel export and import (openpyxl) and chart figures (matplotlib), without Qt.

Nothing heavy is imported here: openpyxl and matplotlib load inside the functions that
use them, so the GUI can import these modules at start-up for free.

- `excel_export.export_quarter`: the quarterly report workbook.
- `excel_import`: `read_workbook`, `guess_mapping`, `preview_import`, `apply_import`.
- `excel_template.write_import_template`: rebuilds data/import_template.xlsx.
"""
