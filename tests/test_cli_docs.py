"""The command line reference shows each command's real ``--help``, so it cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchledger.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
# "$ matchledger ARGS --help" then its output, up to the next prompt or the block's end
_HELP = re.compile(
    r"^\$ matchledger (?P<args>[^\n]*--help)\n(?P<out>.*?)(?=^\$ |\Z)", re.MULTILINE | re.DOTALL
)


def _documented() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL):
        found.extend((m["args"], m["out"]) for m in _HELP.finditer(block))
    return found


def test_every_command_is_documented() -> None:
    documented = {args.split()[0] for args, _ in _documented() if args != "--help"}
    assert documented == {
        "demo", "score", "validate", "stats", "import", "import-events", "table", "append",
        "watch", "plot",
    }  # fmt: skip


@pytest.mark.parametrize(("args", "shown"), _documented(), ids=[a for a, _ in _documented()])
def test_help_in_the_docs_is_the_real_help(
    args: str, shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(args.split()) == 0
    assert capsys.readouterr().out == shown
