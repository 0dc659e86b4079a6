"""The how-to guides' code runs as shown.

Their ``>>>`` examples run as doctests (``--doctest-glob=*.md``); the blocks written as
plain scripts run here: the blocks of a page in order, in one namespace, in a folder of
their own, and then every ``test_*`` function they define, as pytest would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import Phase, settings

HOW_TO = Path(__file__).resolve().parent.parent / "docs" / "how-to"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _scripts(page: Path) -> list[str]:
    """The page's Python blocks that are scripts rather than doctest sessions."""
    blocks = _BLOCK.findall(page.read_text(encoding="utf-8"))
    return [b for b in blocks if not b.lstrip().startswith(">>>")]


def _run(page: Path) -> list[str]:
    """Run the page's scripts, then the tests they define; the names of those tests."""
    namespace: dict[str, object] = {"__name__": f"how_to_{page.stem.replace('-', '_')}"}
    for n, code in enumerate(_scripts(page), start=1):
        exec(compile(code, f"{page.name}, block {n}", "exec"), namespace)  # noqa: S102
    tests = [name for name, value in namespace.items() if name.startswith("test_")]
    for name in tests:
        test = namespace[name]
        assert callable(test), name
        test()
    return tests


def test_every_page_has_code_that_runs() -> None:
    """Each guide shows runnable code: doctest sessions, scripts, or both."""
    for page in sorted(HOW_TO.glob("*.md")):
        if page.name == "index.md":
            continue
        text = page.read_text(encoding="utf-8")
        assert _BLOCK.search(text), f"{page.name} has no Python block"


def test_the_strategies_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's own fold, exporter and helpers pass their property tests."""
    monkeypatch.chdir(tmp_path)
    tests = _run(HOW_TO / "test-with-strategies.md")
    assert len(tests) >= 6, tests


def test_the_first_goal_counter_in_the_strategies_guide_fails() -> None:
    """The guide's first attempt misses own goals or disallowed goals, as the page says."""
    first, test = _scripts(HOW_TO / "test-with-strategies.md")[:2]
    assert "a first attempt" in first
    namespace: dict[str, object] = {"__name__": "how_to_first_attempt"}
    exec(first, namespace)  # noqa: S102
    exec(test, namespace)  # noqa: S102
    found = namespace["test_goals_by_team_agrees_with_the_score"]
    assert callable(found)
    # no shrinking: that the first version fails is the point, not the smallest example
    quick = settings(max_examples=500, database=None, phases=[Phase.generate])
    with pytest.raises(AssertionError):
        quick(found)()


def test_the_provider_guide_on_statsbomb_open_data(
    shared_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The StatsBomb guide's code imports two real matches laid out as the open data is."""
    pytest.importorskip("kloppy")
    source = shared_data / "events" / "statsbomb"
    for match in ("15986", "3788741"):
        for kind, folder in (("event", "events"), ("lineup", "lineups")):
            target = tmp_path / "data" / folder / f"{match}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / f"statsbomb_{match}_{kind}.json", target)
    monkeypatch.chdir(tmp_path)
    _run(HOW_TO / "provider-events.md")
    out = capsys.readouterr().out
    assert out.count("Barcelona 2-2 Girona (HT 1-1)") == 2
    assert "Turkey 0-3 Italy (HT 0-0)" in out
    assert "('Cristhian Stuani', 2)" in out
    assert (tmp_path / "statsbomb-15986.jsonl").is_file()


def test_the_provider_guide_keeps_the_attribution() -> None:
    """The terms each provider's data comes with stay on the page."""
    text = (HOW_TO / "provider-events.md").read_text(encoding="utf-8")
    assert "## Attribution and terms" in text
    assert '**"Data: StatsBomb"**' in text
    assert "Pappalardo" in text
