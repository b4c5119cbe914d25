"""Iterated local search for the multi-day orienteering problem.

The search follows the iterated local search of Vansteenwegen et al. (2009) for the TOPTW
and the hotel-selection moves of Divsalar et al. (2013, 2014) for the OPHS:

1. *Start*: every feasible lodging sequence (or a random sample when there are many) is
   filled by greedy insertion; the best one starts the search.
2. *Perturb* the current tour with one of: removal of a run of consecutive stops from every
   day (Vansteenwegen's shake), random removal, related removal (stops close to a random
   stop), or a lodging change for one night followed by a repair that drops the least
   valuable stops until both affected days are feasible.
3. *Repair and improve*: best insertion using forward time slack (O(1) feasibility per
   position, randomised priority ``gain**2 / time cost``), 2-opt and or-opt inside each day
   (which frees time), insertion again, then a replace pass that swaps a visited stop for a
   better unvisited node.
4. *Accept* with a record-to-record rule whose threshold shrinks over the run; after many
   iterations without improvement the search restarts from the best tour.

Blocks and must-visit nodes carry a large gain so insertion schedules them first; a block
move (serving a block from another node of its set) happens through removal and
re-insertion. Everything random comes from ``numpy.random.default_rng(seed)``: with
``max_iterations`` the result depends only on the seed; with only a ``time_limit`` it also
depends on machine speed.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from areatour.engine import _kernels as K
from areatour.engine._state import Arrays, State, build_arrays
from areatour.engine.evaluate import evaluate
from areatour.engine.feasibility import check_feasible
from areatour.engine.objective import LinearObjective, Objective
from areatour.engine.problem import Problem
from areatour.engine.solution import Progress, Solution, SolveStats
from areatour.errors import InfeasibleError, ValidationError

__all__ = ["solve"]

MAX_SEQUENCES = 256


def solve(
    problem: Problem,
    *,
    objective: Objective | None = None,
    seed: int = 0,
    time_limit: float = 10.0,
    max_iterations: int | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Solution:
    """Find a high-value feasible multi-day tour.

    Parameters
    ----------
    problem
        The problem to solve.
    objective
        What to maximise; defaults to :class:`~areatour.engine.objective.LinearObjective`.
    seed
        Seed of the search's random generator.
    time_limit
        Wall-clock seconds for the search (set-up included).
    max_iterations
        Stop after this many iterations. With a generous ``time_limit`` the result is then
        fully determined by ``seed``.
    progress
        Called with a :class:`~areatour.engine.solution.Progress` about every 0.2 s.

    Returns
    -------
    Solution
        The best tour found.

    Raises
    ------
    InfeasibleError
        If a constraint (block, must-visit node, lodging reachability, towns) cannot be met.
    """
    began = time.perf_counter()
    if time_limit <= 0 or not np.isfinite(time_limit):
        raise ValidationError(f"time_limit must be a positive number, got {time_limit!r}")
    if max_iterations is not None and max_iterations < 0:
        raise ValidationError(f"max_iterations must be >= 0, got {max_iterations!r}")
    objective = objective or LinearObjective()
    check_feasible(problem)
    search = _Search(problem, objective, np.random.default_rng(seed), began, time_limit)
    best, best_seconds, iterations = search.run(max_iterations, progress)
    missing = search.violations(best)
    if missing:
        raise InfeasibleError(missing[0])
    routes = best.routes()
    result = evaluate(problem, routes, best.lodging, objective, best.block_visits())
    if not result.feasible:  # pragma: no cover - guards against kernel bugs
        raise InfeasibleError("; ".join(result.violations))
    seconds = time.perf_counter() - began
    return Solution(
        routes=routes,
        lodging=tuple(best.lodging),
        arrival=result.arrival,
        start=result.start,
        departure=result.departure,
        block_visits=result.block_visits,
        travel=result.travel,
        score=result.score,
        stats=SolveStats(iterations, seconds, best_seconds, seed),
    )


class _Search:
    def __init__(
        self,
        problem: Problem,
        objective: Objective,
        rng: np.random.Generator,
        began: float,
        time_limit: float,
    ) -> None:
        self.problem = problem
        self.objective = objective
        self.rng = rng
        self.began = began
        self.deadline = began + time_limit
        self.arrays: Arrays = build_arrays(problem)
        assert problem.must_visit is not None and problem.categories is not None
        self.must = np.zeros(problem.n_nodes, bool)
        self.must[problem.must_visit] = True
        self.cats = problem.categories
        self.standalone = objective.gains(problem, np.zeros(problem.n_nodes, bool))
        self.nights = [
            [int(v) for v in problem.night_candidates(d)] for d in range(problem.n_days - 1)
        ]
        self.flexible = [d for d, c in enumerate(self.nights) if len(c) > 1]

    # -- values ----------------------------------------------------------------------------
    def violations(self, state: State) -> list[str]:
        problem = self.problem
        found = []
        for b in np.nonzero(~state.st[12])[0]:
            block = problem.blocks[int(b)]
            found.append(f"block {block.name!r} on day {block.day} could not be scheduled "
                         "in any tour found")
        visited = state.visited_mask()
        for v in np.nonzero(self.must & ~visited)[0]:
            found.append(f"must-visit node {int(v)} could not be fitted into any tour found")
        assert problem.towns is not None
        towns = problem.towns[visited & (problem.towns >= 0)]
        if np.unique(towns).size < problem.min_towns:
            found.append(f"min_towns={problem.min_towns} could not be reached "
                         f"(best tour has {np.unique(towns).size} towns)")
        if towns.size and problem.max_town_share < 1.0:
            top = np.bincount(towns).max()
            if top > problem.max_town_share * towns.size + 1e-9:
                found.append(f"max_town_share={problem.max_town_share} could not be met "
                             f"({top} of {towns.size} visits in one town)")
        return found

    def value(self, state: State) -> float:
        visited = state.visited_mask()
        nodes = np.nonzero(visited)[0]
        value = self.objective.value(self.problem, nodes, state.total_travel(), state.lodging)
        penalty = state.unmet_blocks() + int((self.must & ~visited).sum())
        problem = self.problem
        if problem.min_towns or problem.max_town_share < 1.0:
            assert problem.towns is not None
            towns = problem.towns[visited & (problem.towns >= 0)]
            penalty += max(0, problem.min_towns - np.unique(towns).size)
            if towns.size and problem.max_town_share < 1.0:
                penalty += max(0.0, np.bincount(towns).max()
                               - problem.max_town_share * towns.size)
        return value - K.BIG * penalty

    def gains(self, state: State) -> NDArray[np.float64]:
        visited = state.visited_mask()
        gains = self.objective.gains(self.problem, visited).astype(np.float64)
        gains[self.must & ~visited] += K.BIG
        problem = self.problem
        if problem.min_towns:
            assert problem.towns is not None
            seen = np.unique(problem.towns[visited & (problem.towns >= 0)])
            if seen.size < problem.min_towns:
                fresh = (problem.towns >= 0) & ~np.isin(problem.towns, seen)
                gains[fresh] += K.BIG / 2
        return gains

    def worth(self, state: State) -> NDArray[np.float64]:
        """Value of keeping each node (approximate loss if removed)."""
        return self.standalone + K.BIG * self.must

    # -- building blocks ---------------------------------------------------------------------
    def fill(self, state: State, alpha: float) -> None:
        """Insertion, intra-day improvement, insertion, replace, insertion."""
        pb, st = self.arrays.pb, state.st
        tw = float(self.objective.travel_weight)
        decay = float(self.objective.decay)
        noise = self.rng.random(self.problem.n_nodes)
        scale = self.arrays.scale
        K.insert_greedy(pb, st, self.gains(state), noise, alpha, self.cats, decay, tw, scale)
        for _ in range(3):
            saved = sum(K.improve_route(pb, st, d, tw) for d in range(self.problem.n_days))
            added = K.insert_greedy(pb, st, self.gains(state), noise, alpha, self.cats, decay,
                                    tw, scale)
            values = self.gains(state)
            values[state.visited_mask()] = self.worth(state)[state.visited_mask()]
            swaps = K.replace_pass(pb, st, values, tw)
            if swaps:
                added += K.insert_greedy(pb, st, self.gains(state), noise, alpha, self.cats,
                                         decay, tw, scale)
            if saved <= 1e-9 and not added and not swaps:
                break

    def initial(self) -> State:
        sequences = self._lodging_sequences()
        best: State | None = None
        best_value = -np.inf
        for sequence in sequences:
            if time.perf_counter() > self.began + 0.3 * (self.deadline - self.began):
                break
            state = State(self.problem, self.arrays, list(sequence))
            if not all(state.feasible(d) for d in range(self.problem.n_days)):
                continue
            self.fill(state, 0.0)
            value = self.value(state)
            if value > best_value:
                best, best_value = state, value
        if best is None:
            raise InfeasibleError(
                "no lodging sequence lets every day reach its lodging within the day window "
                "and travel limit")
        return best

    def _lodging_sequences(self) -> list[tuple[int, ...]]:
        problem = self.problem
        if problem.n_days == 1:
            return [()]
        limit = problem.max_lodging_changes
        total = int(np.prod([len(c) for c in self.nights], dtype=float))
        if total <= MAX_SEQUENCES:
            sequences = list(itertools.product(*self.nights))
        else:
            sequences = []
            for _ in range(MAX_SEQUENCES * 4):
                sequences.append(tuple(int(self.rng.choice(c)) for c in self.nights))
            sequences += [tuple(c[0] for c in self.nights)]
            sequences = list(dict.fromkeys(sequences))
        if limit is not None:
            sequences = [s for s in sequences
                         if sum(a != b for a, b in zip(s, s[1:])) <= limit]
            if not sequences:
                # Staying at one lodging all along has no changes at all.
                common = set(self.nights[0]).intersection(*map(set, self.nights[1:]))
                sequences = [tuple([v] * len(self.nights)) for v in sorted(common)]
        return sequences

    # -- perturbations -----------------------------------------------------------------------
    def perturb(self, state: State, strength: float) -> None:
        rng = self.rng
        choice = rng.random()
        if self.flexible and choice < 0.2:
            self._change_lodging(state)
        elif choice < 0.6:
            self._shake(state, strength)
        elif choice < 0.8:
            self._random_removal(state, strength)
        else:
            self._related_removal(state, strength)

    def _interior(self, state: State, d: int) -> int:
        return int(state.st[2][d]) - 2

    def _shake(self, state: State, strength: float) -> None:
        for d in range(self.problem.n_days):
            inner = self._interior(state, d)
            if inner <= 0:
                continue
            size = int(self.rng.integers(1, max(2, int(np.ceil(strength * inner)) + 1)))
            size = min(size, inner)
            first = int(self.rng.integers(1, inner - size + 2))
            state.remove(d, list(range(first, first + size)))

    def _stops(self, state: State) -> list[tuple[int, int]]:
        return [(d, p) for d in range(self.problem.n_days)
                for p in range(1, int(state.st[2][d]) - 1)]

    def _random_removal(self, state: State, strength: float) -> None:
        stops = self._stops(state)
        if not stops:
            return
        count = max(1, int(strength * len(stops) * self.rng.random()) + 1)
        picks = self.rng.choice(len(stops), size=min(count, len(stops)), replace=False)
        self._remove_stops(state, [stops[int(i)] for i in picks])

    def _related_removal(self, state: State, strength: float) -> None:
        stops = self._stops(state)
        if not stops:
            return
        R = state.st[0]
        anchor = stops[int(self.rng.integers(len(stops)))]
        mat = self.arrays.travel[0]
        centre = R[anchor]
        near = sorted(stops, key=lambda s: mat[centre, R[s]] + mat[R[s], centre])
        count = max(1, int(strength * len(stops) * self.rng.random()) + 1)
        self._remove_stops(state, near[:count])

    def _remove_stops(self, state: State, stops: list[tuple[int, int]]) -> None:
        by_day: dict[int, list[int]] = {}
        for d, p in stops:
            by_day.setdefault(d, []).append(p)
        for d, positions in by_day.items():
            state.remove(d, positions)

    def _change_lodging(self, state: State) -> None:
        night = self.flexible[int(self.rng.integers(len(self.flexible)))]
        options = [v for v in self.nights[night] if v != state.lodging[night]]
        limit = self.problem.max_lodging_changes
        if limit is not None:
            def changes(v: int) -> int:
                seq = state.lodging[:night] + [v] + state.lodging[night + 1:]
                return sum(a != b for a, b in zip(seq, seq[1:]))
            options = [v for v in options if changes(v) <= limit]
        if not options:
            return
        self.set_lodging(state, night, options[int(self.rng.integers(len(options)))])

    def set_lodging(self, state: State, night: int, node: int) -> bool:
        """Change a night's lodging and drop stops until both days are feasible.

        Keeps the old lodging (and returns False) if even the empty days are infeasible.
        """
        old = state.lodging[night]
        state.set_lodging(night, node)
        values = self.worth(state)
        state.repair(night, values)
        state.repair(night + 1, values)
        if state.feasible(night) and state.feasible(night + 1):
            return True
        state.set_lodging(night, old)
        state.repair(night, values)
        state.repair(night + 1, values)
        return False

    # -- main loop ---------------------------------------------------------------------------
    def run(
        self, max_iterations: int | None, progress: Callable[[Progress], Any] | None
    ) -> tuple[State, float, int]:
        current = self.initial()
        current_value = self.value(current)
        best, best_value = current.copy(), current_value
        best_seconds = time.perf_counter() - self.began
        last_report = time.perf_counter()
        iteration = 0
        stale = 0
        strength = 0.1
        while max_iterations is None or iteration < max_iterations:
            now = time.perf_counter()
            if now >= self.deadline:
                break
            if progress is not None and now - last_report >= 0.2:
                progress(Progress(iteration, now - self.began, best_value, current_value))
                last_report = now
            iteration += 1
            candidate = current.copy()
            self.perturb(candidate, strength)
            self.fill(candidate, 0.3)
            value = self.value(candidate)
            frac = min(1.0, (now - self.began) / max(self.deadline - self.began, 1e-9))
            if max_iterations:
                frac = max(frac, iteration / max_iterations)
            threshold = 0.03 * (1.0 - frac) * max(abs(best_value), 1.0)
            if value > best_value + 1e-9:
                best, best_value = candidate.copy(), value
                best_seconds = time.perf_counter() - self.began
                stale = 0
                strength = 0.1
            else:
                stale += 1
                strength = min(0.6, strength + 0.01)
            if value >= current_value or value >= best_value - threshold:
                current, current_value = candidate, value
            if stale and stale % 200 == 0:
                current, current_value = best.copy(), best_value
        if progress is not None:
            now = time.perf_counter()
            progress(Progress(iteration, now - self.began, best_value, current_value))
        return best, best_seconds, iteration
