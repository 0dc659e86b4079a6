"""Shared test set-up: hypothesis profiles and the real data beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# "ci" is derandomized with no deadline and no example database, so a run is
# repeatable and never flaky on a slow machine; "dev" is quicker and random.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
# "fuzz" is the long campaign of the fuzz tests (tests/test_fuzz_*.py), run by hand, not
# in CI: `uv run pytest tests/test_fuzz_*.py --hypothesis-profile=fuzz`. Each input has
# its own time bound (tests/fuzzing.py), so no deadline here.
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# "mutation" is for mutation runs (docs/mutation-testing.md): each mutant reruns the tests
# that cover it, so few examples, repeatable, no database that remembers a mutant's failure,
# and no shrinking (a failure is all a mutant needs; shrinking it costs the most time).
settings.register_profile(
    "mutation",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=20,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "ci" if os.getenv("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.getenv("MATCHLEDGER_SHARED_DATA", ROOT.parent / "shared" / "data"))
REQUIRE_DATA = os.getenv("MATCHLEDGER_REQUIRE_DATA", "") not in ("", "0")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder (``../shared/data``); skips, or fails in CI, when it is absent."""
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    reason = f"real data folder {SHARED_DATA} not found (it sits beside the checkout in CI)"
    if REQUIRE_DATA:
        pytest.fail(f"{reason}; MATCHLEDGER_REQUIRE_DATA is set, so this is an error")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The seed match ledger in examples/."""
    return ROOT / "examples" / "inter-atalanta.json"
