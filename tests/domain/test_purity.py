"""The domain layer must stay importable without Qt, a database or third-party packages."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "opsdesk" / "domain"


@pytest.mark.parametrize("module", ["matrix", "kri", "periods", "quality", "regional", "numbers"])
def test_domain_module_imports_only_stdlib_and_domain(module: str) -> None:
    tree = ast.parse((DOMAIN / f"{module}.py").read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    for name in imported:
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or name.startswith("opsdesk.domain"), name
