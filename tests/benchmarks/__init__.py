"""The benchmark of the work users wait for (issue 7): `python -m tests.benchmarks [--scale F] [--json PATH]`.

Not part of the pytest run (pyproject's `norecursedirs`); `tests/test_benchmark_smoke.py`
only checks that it runs at a tiny scale and reports every row, never a time.
"""
