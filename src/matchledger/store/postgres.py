"""PostgresStore: a ledger in PostgreSQL (being written)."""

from __future__ import annotations

from matchledger.store._base import StoreBase

__all__ = ["PostgresStore"]


class PostgresStore(StoreBase):
    """An event store in PostgreSQL."""

    def __init__(self, dsn: str) -> None:
        """Connect."""
        super().__init__()
        self.name = dsn
        raise NotImplementedError
