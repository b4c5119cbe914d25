"""Exceptions and warnings raised by areatour.

All errors derive from :class:`AreatourError`. Errors about bad input are also
:class:`ValueError` so that generic ``except ValueError`` handlers keep working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AreatourError",
    "AreatourWarning",
    "DataError",
    "DataIssue",
    "DataWarning",
    "InfeasibleError",
    "ValidationError",
]


class AreatourError(Exception):
    """Base class of every error raised by areatour.

    Examples
    --------
    >>> import areatour
    >>> try:
    ...     areatour.load_catalog().area("atlantis")
    ... except areatour.AreatourError as exc:
    ...     print(type(exc).__name__)
    UnknownNameError
    """


class ValidationError(AreatourError, ValueError):
    """An argument or object failed validation (a request, a problem, a graph).

    Examples
    --------
    >>> import areatour
    >>> try:
    ...     areatour.PlanRequest(area="nemuro", start="2027-07-12", days=30)
    ... except ValueError as exc:  # a ValidationError is also a ValueError
    ...     print(exc)
    days must be 1..14, got 30
    """


@dataclass(frozen=True)
class DataIssue:
    """One problem found in a data file.

    Parameters
    ----------
    file
        The file (or other source) that holds the bad value.
    row
        1-based data row number (the header is row 0), or ``None`` when the
        problem concerns the file as a whole.
    column
        The column name, or ``None``.
    value
        The offending value as read, or ``None``.
    message
        What is wrong, in plain words.

    Examples
    --------
    >>> str(DataIssue("assets.csv", 2, "hours", "Mo 9-17", "bad time span"))
    "assets.csv, row 2, column 'hours': bad time span (value 'Mo 9-17')"
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.message}{value}"


class DataError(AreatourError, ValueError):
    """One or more problems in data files, collected and raised together.

    Parameters
    ----------
    issues
        Every problem found; each names file, row, column and value.

    Examples
    --------
    >>> err = DataError(DataIssue("towns.csv", 3, "lat", "35.68", "latitude is outside Hokkaido"))
    >>> print(err)
    1 problem in the data:
      towns.csv, row 3, column 'lat': latitude is outside Hokkaido (value '35.68')
    """

    def __init__(self, issues: Sequence[DataIssue] | DataIssue) -> None:
        if isinstance(issues, DataIssue):
            issues = [issues]
        self.issues: tuple[DataIssue, ...] = tuple(issues)
        n = len(self.issues)
        head = f"{n} problem{'s' if n != 1 else ''} in the data"
        lines = [str(issue) for issue in self.issues[:50]]
        if n > 50:
            lines.append(f"... and {n - 50} more")
        super().__init__(head + ":\n  " + "\n  ".join(lines))


class InfeasibleError(AreatourError):
    """A request or problem cannot be satisfied; the message names the constraint.

    Parameters
    ----------
    message
        Which constraint made the request impossible, in plain words.
    constraint
        A short machine-readable name of the constraint (e.g. ``"work_block"``).

    Examples
    --------
    >>> err = InfeasibleError("no lodging is open on 2027-02-08", constraint="lodging")
    >>> isinstance(err, AreatourError), err.constraint
    (True, 'lodging')
    """

    def __init__(self, message: str, *, constraint: str | None = None) -> None:
        super().__init__(message)
        self.constraint = constraint


class AreatourWarning(UserWarning):
    """Base class of warnings issued by areatour.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.warn("a point lies outside its town", DataWarning)
    >>> issubclass(caught[0].category, AreatourWarning)
    True
    """


class DataWarning(AreatourWarning):
    """Something in the data looks wrong but was loaded unchanged.

    Examples
    --------
    >>> issubclass(DataWarning, UserWarning)
    True
    """
