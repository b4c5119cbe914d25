"""A small LRU cache of travel matrices keyed by the points and the season."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from .base import FloatArray

__all__ = ["MatrixCache", "points_key"]

Matrices = tuple[FloatArray, FloatArray]


def points_key(points: FloatArray) -> str:
    """A digest of a points array (shape and bytes): equal arrays give equal keys."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(points.shape).encode())
    h.update(points.tobytes())
    return h.hexdigest()


class MatrixCache:
    """Least-recently-used cache of ``(minutes, km)`` pairs.

    Cached arrays are made read-only, so a caller cannot corrupt the cache by
    writing into a returned matrix (copy it first).

    Parameters
    ----------
    maxsize
        Number of entries kept; ``0`` disables caching.
    """

    def __init__(self, maxsize: int = 16) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, Matrices] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Matrices]) -> Matrices:
        """Return the cached matrices for ``key``, computing and storing them if absent."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
        minutes, km = compute()
        minutes.setflags(write=False)
        km.setflags(write=False)
        with self._lock:
            self.misses += 1
            if self.maxsize > 0:
                self._data[key] = (minutes, km)
                self._data.move_to_end(key)
                while len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
        return minutes, km

    def clear(self) -> None:
        """Drop every entry and reset the counters."""
        with self._lock:
            self._data.clear()
            self.hits = self.misses = 0

    def __repr__(self) -> str:
        return f"MatrixCache(maxsize={self.maxsize}, size={len(self)}, hits={self.hits})"
