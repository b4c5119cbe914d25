"""Objectives: how a tour is valued.

An objective sees the distinct visited nodes, the total travel minutes and the lodging
chosen per night. The solver asks it for marginal gains of unvisited nodes (to guide
insertions) and recomputes the exact value of every candidate tour with :meth:`value`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from areatour.engine.problem import Problem
from areatour.errors import ValidationError

__all__ = ["LinearObjective", "Objective", "WorkationObjective", "lodging_value"]


def lodging_value(problem: Problem, lodging: Sequence[int]) -> float:
    """Sum of ``lodging_scores`` over the nights, ``lodging`` being node indices per night."""
    if not len(lodging):
        return 0.0
    assert problem.lodging is not None and problem.lodging_scores is not None
    index = {int(node): k for k, node in enumerate(problem.lodging)}
    return float(sum(problem.lodging_scores[index[int(node)]] for node in lodging))


@runtime_checkable
class Objective(Protocol):
    """What the solver maximises.

    ``decay`` and ``travel_weight`` let the solver update gains incrementally during an
    insertion phase: after inserting a node of category ``c``, the gains of the other
    nodes of ``c`` are multiplied by ``decay``, and ``travel_weight`` times the added
    travel is subtracted from an insertion's gain.
    """

    @property
    def decay(self) -> float:
        """Factor applied to same-category gains after each visit (1 = none)."""
        ...

    @property
    def travel_weight(self) -> float:
        """Value lost per travel minute."""
        ...

    def value(
        self,
        problem: Problem,
        nodes: NDArray[np.int64],
        travel_minutes: float,
        lodging: Sequence[int],
    ) -> float:
        """Value of a tour visiting the distinct ``nodes`` with ``travel_minutes`` of travel."""
        ...

    def gains(self, problem: Problem, visited: NDArray[np.bool_]) -> NDArray[np.float64]:
        """Marginal value of adding each node to the visited set (travel ignored)."""
        ...


@dataclass(frozen=True)
class LinearObjective:
    """Sum of the scores of the distinct visited nodes plus lodging scores.

    ``value = sum(scores[j] for visited j) + sum(lodging_scores per night)``. This is the
    benchmark objective (OPHS, TOPTW).
    """

    @property
    def decay(self) -> float:
        """No decay: every visit is worth its score."""
        return 1.0

    @property
    def travel_weight(self) -> float:
        """Travel is free."""
        return 0.0

    def value(
        self,
        problem: Problem,
        nodes: NDArray[np.int64],
        travel_minutes: float,
        lodging: Sequence[int],
    ) -> float:
        """Sum of scores of ``nodes`` plus lodging scores."""
        return float(problem.scores[np.asarray(nodes, np.int64)].sum()) + lodging_value(
            problem, lodging
        )

    def gains(self, problem: Problem, visited: NDArray[np.bool_]) -> NDArray[np.float64]:
        """The scores themselves (zero for visited nodes)."""
        return np.where(visited, 0.0, problem.scores)


@dataclass(frozen=True)
class WorkationObjective:
    """Score with diminishing returns per category, a town bonus and a travel penalty.

    For each category ``c`` (``categories >= 0``) sort the scores of its visited nodes in
    descending order, ``s_0 >= s_1 >= ...``; the value is::

        sum_c sum_k s_k * w_c * decay**k
        + sum(scores of visited nodes without category)
        + town_bonus * (number of distinct towns >= 0 among visited nodes)
        - travel_weight * (total travel minutes)
        + sum(lodging_scores per night)

    Parameters
    ----------
    weights
        Weight ``w_c`` per category; categories not listed weigh 1.
    decay
        Each further visit of the same category is worth ``decay**k`` of its score.
    town_bonus
        Value of each distinct town visited.
    travel_weight
        Value lost per travel minute.
    """

    weights: Mapping[int, float] = field(default_factory=dict)
    decay: float = 0.5
    town_bonus: float = 0.0
    travel_weight: float = 0.0

    def __post_init__(self) -> None:
        if not 0 <= self.decay <= 1:
            raise ValidationError(f"decay must be in [0, 1], got {self.decay!r}")
        if self.travel_weight < 0 or not np.isfinite(self.travel_weight):
            raise ValidationError(f"travel_weight must be >= 0, got {self.travel_weight!r}")
        if not np.isfinite(self.town_bonus):
            raise ValidationError(f"town_bonus must be finite, got {self.town_bonus!r}")
        object.__setattr__(self, "weights", dict(self.weights))

    def _weight_array(self, problem: Problem) -> NDArray[np.float64]:
        assert problem.categories is not None
        weights = np.ones(problem.n_nodes)
        for category, weight in self.weights.items():
            weights[problem.categories == category] = weight
        return weights

    def value(
        self,
        problem: Problem,
        nodes: NDArray[np.int64],
        travel_minutes: float,
        lodging: Sequence[int],
    ) -> float:
        """Evaluate the formula in the class docstring."""
        assert problem.categories is not None and problem.towns is not None
        nodes = np.unique(np.asarray(nodes, np.int64))
        values = problem.scores[nodes] * self._weight_array(problem)[nodes]
        cats = problem.categories[nodes]
        total = float(values[cats < 0].sum())
        for category in np.unique(cats[cats >= 0]):
            ranked = np.sort(values[cats == category])[::-1]
            total += float((ranked * self.decay ** np.arange(ranked.size)).sum())
        towns = problem.towns[nodes]
        total += self.town_bonus * np.unique(towns[towns >= 0]).size
        total -= self.travel_weight * travel_minutes
        return total + lodging_value(problem, lodging)

    def gains(self, problem: Problem, visited: NDArray[np.bool_]) -> NDArray[np.float64]:
        """Exact marginal value of adding each single node to ``visited`` (travel ignored)."""
        assert problem.categories is not None and problem.towns is not None
        values = problem.scores * self._weight_array(problem)
        cats = problem.categories
        gains = values.copy()
        for category in np.unique(cats[cats >= 0]):
            members = cats == category
            ranked = np.sort(values[members & visited])[::-1]
            # Inserting value v at rank r shifts every lower-ranked visit one decay further.
            rank = ranked.size - np.searchsorted(ranked[::-1], values[members], side="left")
            terms = ranked * self.decay ** np.arange(ranked.size)
            tail = np.concatenate((np.cumsum(terms[::-1])[::-1], [0.0]))
            shifted = tail[rank] * (1.0 - self.decay)
            gains[members] = values[members] * self.decay**rank - shifted
        towns = problem.towns
        seen = np.unique(towns[visited & (towns >= 0)])
        gains += self.town_bonus * ((towns >= 0) & ~np.isin(towns, seen))
        return np.where(visited, 0.0, gains)
