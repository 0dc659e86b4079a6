"""The API reference's top-level page says where each public name is documented."""

from __future__ import annotations

import re
from pathlib import Path

import matchledger

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "api" / "matchledger.md"


def test_every_public_name_is_on_the_top_level_page() -> None:
    """A name added to matchledger.__all__ needs a line in the table of where it lives."""
    text = PAGE.read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", text))
    named |= set(re.findall(r"^\s+- ([A-Za-z_][A-Za-z0-9_]*)$", text, re.MULTILINE))
    missing = sorted(set(matchledger.__all__) - named - {"__version__"})
    assert not missing, f"add {missing} to {PAGE.name}"
