"""Locating the embedded data folder.

In a wheel the project's top-level ``data/`` folder is installed as
``areatour/data``; in a source checkout (or an editable install) it is the
``data/`` folder next to the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir"]


def data_dir() -> Path:
    """The folder that holds the embedded data.

    Examples
    --------
    >>> (data_dir() / "categories.csv").is_file()
    True
    """
    packaged = Path(str(resources.files("areatour") / "data"))
    if (packaged / "categories.csv").is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "categories.csv").is_file():
        return checkout
    raise FileNotFoundError(
        "areatour's embedded data is missing: reinstall the package "
        f"(looked in {packaged} and {checkout})"
    )
