"""The contract every event store keeps, as a hypothesis state machine over a model.

``contract_machine(open_store)`` builds a ``RuleBasedStateMachine`` for any store:
``open_store(name)`` must open the same store again on every call with the same
``name`` (a path, a database), as a second process would. The machine appends valid
events, appends with a stale expected version, appends an invalid batch, reads, and
reopens, and checks the store against a plain list of the events acknowledged.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import matchledger as ml
from matchledger.errors import ConcurrencyError, EventRejected
from store_writer import renamed_copies

_EVENTS = renamed_copies("", 6)
_names = itertools.count()


def contract_machine(open_store: Callable[[str], Any]) -> type[RuleBasedStateMachine]:  # noqa: C901
    """A state machine checking a store opened by ``open_store(name)`` against a model."""

    class StoreContract(RuleBasedStateMachine):
        @initialize()
        def start(self) -> None:
            self.name = f"contract-{next(_names)}"
            self.store = open_store(self.name)
            self.model: list[ml.Event] = []

        def teardown(self) -> None:
            store = getattr(self, "store", None)
            if store is not None:
                store.close()

        @rule(n=st.integers(min_value=1, max_value=12), expect=st.booleans())
        def append(self, n: int, expect: bool) -> None:
            batch = list(_EVENTS[len(self.model) : len(self.model) + n])
            if not batch:
                return
            version = self.store.append(batch, expected_version=len(self.model) if expect else None)
            self.model.extend(batch)
            assert version == len(self.model)

        @precondition(lambda self: len(self.model) > 0)
        @rule(behind=st.integers(min_value=1, max_value=5))
        def append_with_a_stale_version(self, behind: int) -> None:
            stale = max(0, len(self.model) - behind)
            batch = list(_EVENTS[len(self.model) : len(self.model) + 1])
            with pytest.raises(ConcurrencyError) as caught:
                self.store.append(batch, expected_version=stale)
            assert (caught.value.expected, caught.value.actual) == (stale, len(self.model))

        @rule(n=st.integers(min_value=1, max_value=5))
        def append_a_batch_with_an_invalid_event(self, n: int) -> None:
            good = list(_EVENTS[len(self.model) : len(self.model) + n])
            # the same id twice: the whole batch is refused, nothing is written
            bad = [*good, good[0]] if good else [_EVENTS[0]]
            if not self.model and not good:
                return
            with pytest.raises(EventRejected):
                self.store.append(bad, expected_version=len(self.model))

        @rule()
        def reopen(self) -> None:
            self.store.close()
            self.store = open_store(self.name)

        @rule(start=st.integers(min_value=0, max_value=40))
        def read_events_after(self, start: int) -> None:
            start = min(start, len(self.model))
            assert list(self.store.events(start)) == self.model[start:]

        @invariant()
        def matches_the_model(self) -> None:
            if not hasattr(self, "store"):
                return
            assert self.store.version == len(self.model)
            assert list(self.store.read()) == self.model

        @invariant()
        def a_second_reader_sees_the_same(self) -> None:
            if not hasattr(self, "store") or len(self.model) % 7:
                return
            other = open_store(self.name)
            try:
                assert list(other.read()) == self.model
            finally:
                other.close()

    return StoreContract
