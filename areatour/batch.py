"""Planning many requests at once on any :class:`concurrent.futures.Executor`.

The default runs in-process; a :class:`~concurrent.futures.ProcessPoolExecutor`
uses local cores; a Dask ``distributed.Client``'s ``client.get_executor()``
spreads the work over a Dask cluster. Results come back in request order and
a failing request does not lose the others.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .catalog import Catalog
from .errors import AreatourError
from .itinerary import Itinerary
from .request import PlanRequest

__all__ = ["BatchResult", "plan_many"]

T = TypeVar("T")


@dataclass(frozen=True)
class BatchResult:
    """The outcome of one request of :func:`plan_many`: an itinerary or an error."""

    request: PlanRequest
    itinerary: Itinerary | None
    error: str | None = None
    error_type: str | None = None

    @property
    def ok(self) -> bool:
        """Whether planning succeeded."""
        return self.itinerary is not None


@functools.lru_cache(maxsize=4)
def _catalog(path: str | None) -> Catalog:
    """The catalog at ``path``, loaded once per worker process."""
    from .catalog import load_catalog

    return load_catalog(path)


def _plan_one(
    request: PlanRequest,
    catalog_path: str | None,
    time_limit: float,
    seed: int,
    max_iterations: int | None,
) -> tuple[dict | None, str | None, str | None]:
    """Worker: plan one request; return plain data so any executor can ship it back."""
    from .planner import plan

    try:
        catalog = _catalog(catalog_path)
        itinerary = plan(
            request,
            catalog=catalog,
            time_limit=time_limit,
            seed=seed,
            max_iterations=max_iterations,
        )
        return itinerary.to_dict(), None, None
    except (AreatourError, ValueError, KeyError) as exc:
        return None, str(exc), type(exc).__name__


class _InProcess(Executor):
    """Runs each task immediately in the calling process."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller via the future
            future.set_exception(exc)
        return future


def plan_many(
    requests: Iterable[PlanRequest],
    *,
    executor: Executor | None = None,
    catalog: str | Path | None = None,
    time_limit: float = 3.0,
    seed: int = 0,
    max_iterations: int | None = None,
) -> list[BatchResult]:
    """Plan every request, possibly in parallel, and return results in request order.

    Parameters
    ----------
    requests
        The requests to plan.
    executor
        Any :class:`concurrent.futures.Executor` (default: in-process). With Dask:
        ``client = distributed.Client(...); plan_many(reqs, executor=client.get_executor())``.
    catalog
        Path of the catalog each worker loads (default: the embedded data). A path,
        not a :class:`~areatour.catalog.Catalog`, so that workers on other machines
        can load it themselves.
    time_limit, seed, max_iterations
        Passed to :func:`areatour.plan` for every request (same seed → same plans,
        whichever executor runs them, when ``max_iterations`` bounds the search).

    Returns
    -------
    list of BatchResult
        One per request, in order; a failure carries its error message.

    Examples
    --------
    >>> from areatour import PlanRequest
    >>> reqs = [PlanRequest(area="nemuro", start="2027-07-12", days=2, style="kyuka")]
    >>> [r.ok for r in plan_many(reqs, time_limit=1, max_iterations=100)]
    [True]
    """
    requests = list(requests)
    _catalog.cache_clear()  # pick up edits made since an earlier call (in this process)
    executor = executor or _InProcess()
    path = None if catalog is None else str(catalog)
    futures = [
        executor.submit(_plan_one, r, path, time_limit, seed, max_iterations) for r in requests
    ]
    results = []
    for request, future in zip(requests, futures, strict=True):
        try:
            data, error, kind = future.result()
        except Exception as exc:  # a worker crash must not lose the other results
            data, error, kind = None, f"worker failed: {exc}", type(exc).__name__
        itinerary = Itinerary.from_dict(data) if data is not None else None
        results.append(BatchResult(request, itinerary, error, kind))
    return results
