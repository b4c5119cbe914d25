"""What an import produced: assets, and every row that did not become one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import DataError, DataIssue
from ..model import Asset

__all__ = ["ImportResult", "SkippedRow"]


@dataclass(frozen=True)
class SkippedRow:
    """One input row that did not become an asset, and why.

    Attributes
    ----------
    row
        1-based data row number (the header is row 0; rows made only of empty
        cells are not counted, as in :func:`~areatour.tables.read_table`).
    reason
        Why the row was not imported, in plain words.
    values
        The row as read (normalised column name → raw text).
    column, value
        The column and value at fault, when one is.
    """

    row: int
    reason: str
    values: Mapping[str, str] = field(repr=False)
    column: str | None = None
    value: str | None = None

    def issue(self, source: str) -> DataIssue:
        """This row as a :class:`~areatour.errors.DataIssue` located in ``source``."""
        return DataIssue(source, self.row, self.column, self.value, self.reason)


@dataclass(frozen=True)
class ImportResult:
    """The outcome of reading one open-data file.

    Every data row of the file is in exactly one of :attr:`assets` and
    :attr:`skipped`, so ``len(assets) + len(skipped)`` is the number of rows.

    Attributes
    ----------
    assets
        The rows that became assets, in file order.
    skipped
        The rows that did not, each with its reason.
    source
        The file that was read.
    kind
        ``"tourism"``, ``"wifi"``, ``"event"`` or ``"heritage"``.
    edition
        The layout recognised from the header (see :data:`~areatour.opendata.EDITIONS`).
    encoding
        The detected encoding of the file.
    asset_rows
        The data row number of each asset (parallel to :attr:`assets`).
    """

    assets: tuple[Asset, ...]
    skipped: tuple[SkippedRow, ...]
    source: str
    kind: str = ""
    edition: str = ""
    encoding: str = ""
    asset_rows: tuple[int, ...] = ()

    @property
    def rows(self) -> int:
        """The number of data rows read."""
        return len(self.assets) + len(self.skipped)

    def issues(self) -> tuple[DataIssue, ...]:
        """The skipped rows as data issues (file, row, column, value, reason)."""
        return tuple(s.issue(self.source) for s in self.skipped)

    def raise_if_skipped(self) -> ImportResult:
        """Return ``self`` when no row was skipped.

        Raises
        ------
        DataError
            Listing every skipped row.
        """
        if self.skipped:
            raise DataError(self.issues())
        return self

    def summary(self) -> str:
        """One line: rows read, imported and skipped, with the commonest reasons."""
        line = (
            f"{self.source}: {self.rows} rows ({self.kind}, {self.edition}): "
            f"{len(self.assets)} imported, {len(self.skipped)} skipped"
        )
        reasons = Counter(_reason_kind(s.reason) for s in self.skipped)
        if reasons:
            line += " (" + "; ".join(f"{n}× {r}" for r, n in reasons.most_common()) + ")"
        return line

    def __str__(self) -> str:
        lines = [self.summary()]
        lines += [
            f"  imported row {row}: {a.id} {a.name_ja} [{a.category}]"
            for row, a in zip(self.asset_rows, self.assets, strict=True)
        ]
        lines += [f"  skipped row {s.row}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def _reason_kind(reason: str) -> str:
    """The general part of a reason (before a colon), for the summary counts."""
    return reason.split(":", 1)[0]
