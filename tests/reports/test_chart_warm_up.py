"""matplotlib is imported under one lock: a chart built while the font warm-up runs waits for it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import opsdesk.reports.charts as charts_package

REPO = Path(__file__).resolve().parents[2]


def test_every_chart_builder_configures_matplotlib_before_importing_it() -> None:
    builders = []
    for module_info in pkgutil.iter_modules(charts_package.__path__):
        module = importlib.import_module(f"{charts_package.__name__}.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("build_") and function.__module__ == module.__name__:
                builders.append(name)
                assert hasattr(function, "__wrapped__"), f"{module.__name__}.{name} is not @uses_matplotlib"
    assert {"build_heatmap_figure", "build_kri_trend_figure", "build_pareto_figure"} <= set(builders)


WARM_UP_AND_BUILD = """
    from opsdesk.domain.matrix import default_matrix
    from opsdesk.reports.charts import common
    from opsdesk.reports.charts.heatmap import build_heatmap_figure
    from opsdesk.reports.charts.pareto import build_pareto_figure

    common.configure_matplotlib_in_background()
    # At once, as the dashboard and the heatmap page do on a first start: no half-imported matplotlib.
    build_heatmap_figure(default_matrix(), {"residual": {}}, kinds=("residual",))
    build_pareto_figure([("late", 3, 60.0)], labels={}, title="", count_label="", cumulative_label="")
    print("built")
"""


def test_a_chart_built_while_the_warm_up_imports_matplotlib_waits_for_it(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(WARM_UP_AND_BUILD)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "OPSDESK_HOME": str(tmp_path), "MPLCONFIGDIR": str(tmp_path / "mpl")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "built"
