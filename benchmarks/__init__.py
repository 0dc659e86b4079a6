"""Reproducible performance runs: ``uv run python -m benchmarks`` (``--quick`` for a smoke run)."""
