"""Event stores: the shared contract, run against every store that runs here."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from matchledger.store import FileStore, SQLiteStore
from store_contract import contract_machine


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def test_file_store_contract(tmp_path: Path) -> None:
    machine = contract_machine(lambda name: FileStore(tmp_path / f"{name}.jsonl"))
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
    machine.TestCase().runTest()


def test_sqlite_store_contract(tmp_path: Path) -> None:
    machine = contract_machine(lambda name: SQLiteStore(tmp_path / f"{name}.sqlite"))
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
    machine.TestCase().runTest()
