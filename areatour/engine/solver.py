"""Iterated local search for the multi-day orienteering problem.

The search follows the iterated local search of Vansteenwegen et al. (2009) for the TOPTW
and the hotel-selection moves of Divsalar et al. (2013, 2014) for the OPHS:

1. *Start*: every feasible lodging sequence (or a random sample when there are many) is
   filled by greedy insertion; the best one starts the search.
2. *Perturb* the current tour with one of: removal of a run of consecutive stops from every
   day (Vansteenwegen's shake), random removal, related removal (stops close to a random
   stop), a lodging change for one night followed by a repair that drops the least
   valuable stops until both affected days are feasible, or a re-split of the tour across
   the nights: the stops of two neighbouring days (or of all days, by dynamic programming
   over cuts and lodgings) joined into one sequence, possibly reversed, and cut again
   where the days keep the most spare time.
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

import heapq
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from areatour.engine import _kernels as K
from areatour.engine._state import Arrays, State, build_arrays, day_arrays
from areatour.engine.evaluate import evaluate
from areatour.engine.feasibility import check_feasible
from areatour.engine.objective import LinearObjective, Objective
from areatour.engine.problem import Problem
from areatour.engine.solution import Progress, Solution, SolveStats
from areatour.errors import InfeasibleError, ValidationError

__all__ = ["solve", "warm_up"]

MAX_SEQUENCES = 4096
RESET = 200  # iterations without improvement before restarting from the best tour
POOL = 8  # lodging sequences raced by successive halving
ALPHAS = (0.3, 1.0, 3.0, 10.0)
THRESHOLD = 0.03  # initial record-to-record deviation, relative to the best value


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
    return result.solution(
        routes, best.lodging, SolveStats(iterations, seconds, best_seconds, seed)
    )


def warm_up() -> float:
    """Load (or compile, the first time) the numba kernels; return the seconds it took.

    :func:`solve` does this itself on its first call and counts the time against its
    ``time_limit``; call this once at start-up to keep that cost out of the first solve.
    """
    from areatour.engine.generate import random_problem

    began = time.perf_counter()
    solve(random_problem(0, n_nodes=10, block_minutes=60), time_limit=3600, max_iterations=3)
    return time.perf_counter() - began


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
        self.worth_arr = self.standalone + K.BIG * self.must
        self.static_gains: NDArray[np.float64] | None = None
        if isinstance(objective, LinearObjective) and not problem.min_towns:
            # Linear gains never change; the kernels skip visited nodes themselves.
            self.static_gains = self.worth_arr.copy()

    # -- values ----------------------------------------------------------------------------
    def violations(self, state: State) -> list[str]:
        problem = self.problem
        found = []
        for b in np.nonzero(~state.st[12])[0]:
            block = problem.blocks[int(b)]
            found.append(
                f"block {block.name!r} on day {block.day} could not be scheduled in any tour found"
            )
        visited = state.visited_mask()
        for v in np.nonzero(self.must & ~visited)[0]:
            found.append(f"must-visit node {int(v)} could not be fitted into any tour found")
        assert problem.towns is not None
        towns = problem.towns[visited & (problem.towns >= 0)]
        if np.unique(towns).size < problem.min_towns:
            found.append(
                f"min_towns={problem.min_towns} could not be reached "
                f"(best tour has {np.unique(towns).size} towns)"
            )
        if towns.size and problem.max_town_share < 1.0:
            top = np.bincount(towns).max()
            if top > problem.max_town_share * towns.size + 1e-9:
                found.append(
                    f"max_town_share={problem.max_town_share} could not be met "
                    f"({top} of {towns.size} visits in one town)"
                )
        return found

    def value(self, state: State) -> float:
        visited = state.visited_mask()
        nodes = np.nonzero(visited)[0]
        value = self.objective.value(self.problem, nodes, state.total_travel(), state.lodging)
        penalty = float(state.unmet_blocks() + int((self.must & ~visited).sum()))
        problem = self.problem
        if problem.min_towns or problem.max_town_share < 1.0:
            assert problem.towns is not None
            towns = problem.towns[visited & (problem.towns >= 0)]
            # half weight: a tour meeting every block beats one trading a block for a town
            penalty += 0.5 * max(0, problem.min_towns - np.unique(towns).size)
            if towns.size and problem.max_town_share < 1.0:
                excess = np.bincount(towns).max() - problem.max_town_share * towns.size
                penalty += 0.5 * max(0.0, excess)
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
        return self.worth_arr

    # -- building blocks ---------------------------------------------------------------------
    def fill(self, state: State, alpha: float) -> None:
        """Insertion, intra-day improvement, insertion, replace, insertion (one kernel)."""
        gains = self.static_gains.copy() if self.static_gains is not None else self.gains(state)
        K.fill(
            self.arrays.pb,
            state.st,
            gains,
            self.worth_arr,
            self.cats,
            float(self.objective.decay),
            float(self.objective.travel_weight),
            self.arrays.scale,
            self.rng.random(self.problem.n_nodes),
            alpha,
        )

    def initial_pool(self, size: int) -> list[State]:
        """Candidate tours for the most promising lodging sequences, best first.

        Every sequence is filled greedily and the ``size`` best are kept. When time runs
        short, sequences are filled in the order of the sum of one-day estimates (each day
        filled on its own between its two lodgings, as in Divsalar et al.'s hotel-pair
        scores).
        """
        sequences = self._lodging_sequences()
        firsts, lasts = [[0], *self.nights], [*self.nights, [0]]
        pairs = sum(len(a) * len(b) for a, b in zip(firsts, lasts, strict=True))
        if len(sequences) > 64 and pairs * self.problem.n_nodes <= 100_000:
            estimate = self._pair_estimates()
            ends = [self.problem.start], [self.problem.end]
            scores = [
                sum(
                    estimate[d, a, b]
                    for d, (a, b) in enumerate(
                        zip([*ends[0], *seq], [*seq, *ends[1]], strict=False)
                    )
                )
                for seq in sequences
            ]
            order = np.argsort(-np.array(scores), kind="stable")
            sequences = [sequences[i] for i in order]
        scored: list[_Ranked] = []
        filled = 0
        cutoff = np.inf
        for index, sequence in enumerate(sequences):
            if filled >= size and time.perf_counter() > cutoff:
                break
            state = State(self.problem, self.arrays, list(sequence))
            if not all(state.feasible(d) for d in range(self.problem.n_days)):
                continue
            self.fill(state, 0.0)
            filled += 1
            # keep only the best `size` tours: thousands of sequences would hold too much memory
            heapq.heappush(scored, _Ranked(self.value(state), -index, state))
            if len(scored) > size:
                heapq.heappop(scored)
            if filled == 1:
                # measured after the first fill, which may include loading compiled kernels
                now = time.perf_counter()
                cutoff = now + 0.25 * (self.deadline - now)
        if not scored:
            raise InfeasibleError(
                "no lodging sequence lets every day reach its lodging within the day window "
                "and travel limit"
            )
        scored.sort(reverse=True)
        return [item.state for item in scored]

    def _pair_estimates(self) -> dict[tuple[int, int, int], float]:
        """Value of each day filled alone between every pair of its possible lodgings."""
        problem = self.problem
        estimate: dict[tuple[int, int, int], float] = {}
        gains = self.worth_arr
        for d in range(problem.n_days):
            arrays = day_arrays(self.arrays, d)
            firsts = [problem.start] if d == 0 else self.nights[d - 1]
            lasts = [problem.end] if d == problem.n_days - 1 else self.nights[d]
            for a in firsts:
                for b in lasts:
                    state = State(problem, arrays, [], day=d, ends=(a, b))
                    if not K.update_route(arrays.pb, state.st, 0):
                        estimate[d, a, b] = -K.BIG
                        continue
                    K.fill(
                        arrays.pb,
                        state.st,
                        gains.copy(),
                        self.worth_arr,
                        self.cats,
                        float(self.objective.decay),
                        float(self.objective.travel_weight),
                        arrays.scale,
                        np.zeros(problem.n_nodes),
                        0.0,
                    )
                    estimate[d, a, b] = float(gains[state.st[11] > 0].sum())
        return estimate

    def _lodging_sequences(self) -> list[tuple[int, ...]]:
        problem = self.problem
        if problem.n_days == 1:
            return [()]
        limit = problem.max_lodging_changes
        total = int(np.prod([len(c) for c in self.nights], dtype=float))
        if total <= MAX_SEQUENCES:
            sequences = list(itertools.product(*self.nights))
        else:
            sequences = self._sample_sequences(MAX_SEQUENCES)
        if limit is not None:
            sequences = [s for s in sequences if self._allowed(s)]
            if not sequences:
                # Staying at one lodging all along has no changes at all.
                common = set(self.nights[0]).intersection(*map(set, self.nights[1:]))
                sequences = [tuple([v] * len(self.nights)) for v in sorted(common)]
        return sequences

    def _sample_sequences(self, count: int) -> list[tuple[int, ...]]:
        """Up to ``count`` distinct lodging sequences drawn uniformly among those whose every
        day can at least travel from its start to its end lodging (layered path counting).

        With thousands of combinations and tight days, sampling every night's lodging on its
        own misses the few sequences that work; drawing from the reachable ones does not.
        """
        problem = self.problem
        n_days = problem.n_days
        span = problem.day_windows[:, 1] - problem.day_windows[:, 0]
        room = np.minimum(problem.travel_limits, span)
        layers = [[problem.start], *self.nights, [problem.end]]
        # reach[d][i, j]: day d can go from layers[d][i] to layers[d + 1][j] with no stops
        reach = []
        for d in range(n_days):
            mat = self.arrays.travel[self.arrays.day_mat[d]]
            sub = mat[np.ix_(layers[d], layers[d + 1])]
            reach.append(sub <= room[d] + 1e-9)
        # paths[d][i]: number of reachable continuations from layers[d][i] to the end
        paths = [np.zeros(0)] * (n_days + 1)
        paths[n_days] = np.ones(1)
        for d in range(n_days - 1, -1, -1):
            paths[d] = reach[d].astype(np.float64) @ paths[d + 1]
        if paths[0][0] <= 0:
            return []
        index = np.zeros(count, np.int64)  # position in the current layer, per sample
        chosen = np.empty((count, n_days - 1), np.int64)
        for d in range(n_days - 1):
            cumulative = np.cumsum(reach[d] * paths[d + 1][None, :], axis=1)[index]
            draw = self.rng.random(count) * cumulative[:, -1]
            index = (cumulative <= draw[:, None]).sum(axis=1)
            chosen[:, d] = np.asarray(layers[d + 1])[index]
        return list(dict.fromkeys(tuple(int(v) for v in row) for row in chosen))

    # -- perturbations -----------------------------------------------------------------------
    def perturb(self, state: State, strength: float, lodging_moves: bool) -> None:
        rng = self.rng
        choice = rng.random()
        if lodging_moves and self.flexible and choice < 0.2:
            self._change_lodging(state)
        elif self.problem.n_days > 1 and rng.random() < 0.15:
            pick = rng.random()
            if pick < 0.4:
                self._shift_boundary(state, strength)
            elif pick < 0.8 or self.problem.n_days == 2:
                self._resplit(state, lodging_moves)
            else:
                self._split_tour(state, lodging_moves)
        else:
            kind = 0 if choice < 0.6 else 1 if choice < 0.8 else 2
            K.perturb(self.arrays.pb, state.st, kind, strength, self.rng.random(64))

    def _shift_boundary(self, state: State, strength: float) -> None:
        """Move the last stops of a day to the start of the next day or back, then drop
        stops until both days are feasible: new splits of the tour across a night."""
        night = int(self.rng.integers(self.problem.n_days - 1))
        R, BLK, LN = state.st[0], state.st[1], state.st[2]
        forward = bool(self.rng.random() < 0.5)
        source, target = (night, night + 1) if forward else (night + 1, night)
        inner = int(LN[source]) - 2
        if inner <= 0:
            return
        count = 1 + int(self.rng.random() * max(1, int(np.ceil(strength * inner))))
        count = min(count, inner)
        positions = (
            list(range(inner - count + 1, inner + 1)) if forward else list(range(1, count + 1))
        )
        if any(BLK[source, p] >= 0 for p in positions):
            return
        nodes = [int(R[source, p]) for p in positions]
        state.remove(source, positions)
        lat_reg = self.arrays.pb[3]
        pb, st = self.arrays.pb, state.st
        for i, node in enumerate(nodes):
            if lat_reg[target, node] == -np.inf:
                continue
            K.insert_stop(pb, st, target, i if forward else int(LN[target]) - 2, node, -1)
        state.repair(source, self.worth_arr)
        state.repair(target, self.worth_arr)

    def _resplit(self, state: State, lodging_moves: bool) -> None:
        """Join two consecutive days into one sequence and cut it again at another stop,
        possibly with another lodging for the night in between.

        The cut and the lodging are chosen among those whose estimated trips (travel plus
        visit time against the day span and travel limit) fit both days, preferring the
        most spare time, which the next insertion turns into further visits. When no cut
        fits, the least overloaded one is taken and both days are repaired.
        """
        problem, rng = self.problem, self.rng
        night = int(rng.integers(problem.n_days - 1))
        first, second = night, night + 1
        R, BLK, LN, DUR = state.st[0], state.st[1], state.st[2], state.st[5]
        current = state.lodging[night]
        options = [current]
        if lodging_moves:
            options = [v for v in self.nights[night] if self._changes_ok(state, night, v)]
        n1, n2 = int(LN[first]), int(LN[second])
        seq = np.concatenate((R[first, 1 : n1 - 1], R[second, 1 : n2 - 1]))
        blk = np.concatenate((BLK[first, 1 : n1 - 1], BLK[second, 1 : n2 - 1]))
        dur = np.concatenate((DUR[first, 1 : n1 - 1], DUR[second, 1 : n2 - 1]))
        size, kept = seq.size, n1 - 2
        if size == 0:
            return
        # blocks stay on their own day: the cut lies after day one's and before day two's
        lo = int(np.nonzero(blk[:kept] >= 0)[0].max()) + 1 if (blk[:kept] >= 0).any() else 0
        later = np.nonzero(blk[kept:] >= 0)[0]
        hi = kept + int(later.min()) if later.size else size
        if lo > hi:
            return
        if lo == 0 and hi == size and rng.random() < 0.5:
            # no blocks: also try the joined sequence the other way round
            seq, blk, dur = seq[::-1].copy(), blk[::-1].copy(), dur[::-1].copy()
            kept = -1
        a, b = int(R[first, 0]), int(R[second, n2 - 1])
        m1 = self.arrays.travel[self.arrays.day_mat[first]]
        m2 = self.arrays.travel[self.arrays.day_mat[second]]
        cuts = np.arange(lo, hi + 1)
        path1 = np.concatenate(([0.0], np.cumsum(m1[np.r_[a, seq[:-1]], seq])))
        path2 = np.concatenate((np.cumsum(m2[seq[:-1], seq[1:]][::-1])[::-1], [0.0, 0.0]))
        path2 = path2[: size + 1] + np.where(np.arange(size + 1) < size, m2[seq[-1], b], 0.0)
        path2[size] = 0.0
        svc = np.concatenate(([0.0], np.cumsum(dur)))
        last1 = np.r_[a, seq][cuts]
        first2 = np.r_[seq, b][cuts]
        span = problem.day_windows[:, 1] - problem.day_windows[:, 0]
        limit = problem.travel_limits
        best: list[tuple[float, int, int]] = []
        for h in options:
            trip1 = path1[cuts] + m1[last1, h]
            trip2 = path2[cuts] + m2[h, first2]
            svc1, svc2 = svc[cuts], svc[size] - svc[cuts]
            room1 = np.minimum(limit[first] - trip1, span[first] - svc1 - trip1)
            room2 = np.minimum(limit[second] - trip2, span[second] - svc2 - trip2)
            room = np.minimum(room1, 0.0) + np.minimum(room2, 0.0)
            spare = np.where(room < 0, room * 1e6, room1 + room2)
            spare = np.where(np.isfinite(spare), spare, -(trip1 + trip2))
            for i, c in enumerate(cuts):
                if h == current and c == kept:
                    continue
                best.append((float(spare[i]), int(h), int(c)))
        if not best:
            return
        best.sort(reverse=True)
        pick = best[int(rng.random() ** 2 * min(4, len(best)))]
        _, h, cut = pick
        self._lay_out(state, first, seq, blk, [0, cut, size], {night: h})

    def _split_tour(self, state: State, lodging_moves: bool) -> None:
        """Join all days into one sequence (reversed half of the time) and cut it into days
        again, choosing the cuts and the lodgings by dynamic programming.

        Each day's trip is estimated from travel and visit time against its span and travel
        limit; the split that fits every day with the most spare time wins (the least
        overloaded one if none fits, followed by a repair). Tours with block stops are left
        alone: blocks belong to their day.
        """
        problem, rng = self.problem, self.rng
        R, BLK, LN, DUR = state.st[0], state.st[1], state.st[2], state.st[5]
        n_days = problem.n_days
        inner = [slice(1, int(LN[d]) - 1) for d in range(n_days)]
        if any((BLK[d, inner[d]] >= 0).any() for d in range(n_days)):
            return
        seq = np.concatenate([R[d, inner[d]] for d in range(n_days)])
        dur = np.concatenate([DUR[d, inner[d]] for d in range(n_days)])
        if seq.size == 0:
            return
        if rng.random() < 0.5:
            seq, dur = seq[::-1].copy(), dur[::-1].copy()
        size = seq.size
        nights = [
            [v for v in self.nights[d] if lodging_moves or v == state.lodging[d]]
            for d in range(n_days - 1)
        ]
        froms = [[problem.start], *nights]
        tos = [*nights, [problem.end]]
        span = problem.day_windows[:, 1] - problem.day_windows[:, 0]
        limit = problem.travel_limits
        svc = np.concatenate(([0.0], np.cumsum(dur)))
        k = np.arange(size + 1)[:, None]
        k2 = np.arange(size + 1)[None, :]
        order = k <= k2
        busy = svc[None, :] - svc[:, None]  # visit minutes of the stops k .. k2 - 1
        # value[d][h] : best score of days < d with day d starting at lodging h after k stops
        value = {froms[0][0]: np.where(np.arange(size + 1) == 0, 0.0, -np.inf)}
        back: list[dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]]] = []
        for d in range(n_days):
            mat = self.arrays.travel[self.arrays.day_mat[d]]
            path = np.concatenate(([0.0], np.cumsum(mat[seq[:-1], seq[1:]])))
            first = np.r_[seq, seq[-1]]  # S_k for k < size
            last = np.r_[seq[0], seq]  # S_{k'-1} for k' > 0
            inside = path[np.maximum(k2 - 1, 0)] - path[np.minimum(k, size - 1)]
            new_value: dict[int, NDArray[np.float64]] = {}
            new_back: dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}
            ends = tos[d]
            for h2 in ends:
                best = np.full(size + 1, -np.inf)
                arg_k = np.zeros(size + 1, np.int64)
                arg_h = np.zeros(size + 1, np.int64)
                for h, before in value.items():
                    trip = mat[h, first][:, None] + inside + mat[last, h2][None, :]
                    trip = np.where(k == k2, mat[h, h2], trip)
                    room = np.minimum(limit[d] - trip, span[d] - busy - trip)
                    room = np.where(np.isfinite(room), room, -trip)
                    gain = np.where(room >= 0, room, room * 1e6)
                    total = np.where(order, before[:, None] + gain, -np.inf)
                    if d == n_days - 1:
                        total[:, :size] = -np.inf
                    column = total.argmax(axis=0)
                    top = total[column, np.arange(size + 1)]
                    better = top > best
                    best = np.where(better, top, best)
                    arg_k = np.where(better, column, arg_k)
                    arg_h = np.where(better, h, arg_h)
                new_value[h2] = best
                new_back[h2] = (arg_k, arg_h)
            value = new_value
            back.append(new_back)
        if not np.isfinite(value[problem.end][size]):
            return
        cuts, lodging = [size], []
        h, pos = problem.end, size
        for d in range(n_days - 1, 0, -1):
            arg_k, arg_h = back[d][h]
            pos, h = int(arg_k[pos]), int(arg_h[pos])
            cuts.append(pos)
            lodging.append(h)
        cuts = [0, *cuts[::-1]]
        lodging = lodging[::-1]
        if not self._allowed(lodging):
            return
        no_blocks = np.full(size, -1, np.int64)
        self._lay_out(state, 0, seq, no_blocks, cuts, dict(enumerate(lodging)))

    def _lay_out(
        self,
        state: State,
        first: int,
        seq: NDArray[np.int64],
        blk: NDArray[np.int64],
        cuts: list[int],
        lodging: dict[int, int],
    ) -> None:
        """Replace the stops of days ``first, first + 1, ...`` by ``seq[cuts[j]:cuts[j + 1]]``
        (``blk``: block slot per stop, -1 for a visit) with ``lodging[night]`` between them,
        then drop stops until each day is feasible. If a day stays infeasible (a lodging it
        cannot reach even without stops), the old tour is kept."""
        days = range(first, first + len(cuts) - 1)
        backup = state.copy()
        LN = state.st[2]
        for d in days:
            state.remove(d, list(range(1, int(LN[d]) - 1)))
        for night, v in lodging.items():
            if v != state.lodging[night]:
                state.set_lodging(night, v)
        pb, st = self.arrays.pb, state.st
        for j, d in enumerate(days):
            for i in range(cuts[j], cuts[j + 1]):
                K.insert_stop(pb, st, d, i - cuts[j], int(seq[i]), int(blk[i]))
        for d in days:
            state.repair(d, self.worth_arr)
        if not all(state.feasible(d) for d in days):
            state.st, state.lodging = backup.st, backup.lodging

    def _allowed(self, lodging: Sequence[int]) -> bool:
        """Whether a lodging sequence keeps within ``max_lodging_changes``."""
        limit = self.problem.max_lodging_changes
        return limit is None or sum(a != b for a, b in itertools.pairwise(lodging)) <= limit

    def _changes_ok(self, state: State, night: int, node: int) -> bool:
        """Whether lodging ``node`` on ``night`` keeps within ``max_lodging_changes``."""
        return self._allowed([*state.lodging[:night], node, *state.lodging[night + 1 :]])

    def _change_lodging(self, state: State) -> None:
        night = self.flexible[int(self.rng.integers(len(self.flexible)))]
        options = [
            v
            for v in self.nights[night]
            if v != state.lodging[night] and self._changes_ok(state, night, v)
        ]
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
        self.progress = progress
        self.max_iterations = max_iterations
        self.iteration = 0
        self.last_report = time.perf_counter()
        self.best_seconds = 0.0
        pool = [_Track(state, self.value(state)) for state in self.initial_pool(POOL)]
        self.record = max(track.best_value for track in pool)
        # Successive halving over the most promising lodging sequences (lodging fixed),
        # then the survivor continues with lodging moves enabled.
        rounds = int(np.ceil(np.log2(len(pool)))) if len(pool) > 1 else 0
        for r in range(rounds):
            share = 0.5 * (r + 1) / rounds
            for index, track in enumerate(pool):
                self.iterate(track, share * (index + 1) / len(pool), lodging_moves=False)
            pool.sort(key=lambda t: t.best_value, reverse=True)
            pool = pool[: max(1, len(pool) // 2)]
        track = pool[0]
        track.current, track.current_value = track.best.copy(), track.best_value
        self.iterate(track, 1.0, lodging_moves=True)
        if progress is not None:
            now = time.perf_counter()
            progress(
                Progress(self.iteration, now - self.began, track.best_value, track.current_value)
            )
        return track.best, self.best_seconds, self.iteration

    def _fraction(self, now: float) -> float:
        frac = (now - self.began) / max(self.deadline - self.began, 1e-9)
        if self.max_iterations:
            frac = max(frac, self.iteration / self.max_iterations)
        return frac

    def iterate(self, track: _Track, until: float, *, lodging_moves: bool) -> None:
        """Run ILS iterations on ``track`` until the budget fraction ``until`` is used."""
        while True:
            now = time.perf_counter()
            if now >= self.deadline:
                return
            if self.max_iterations is not None and self.iteration >= self.max_iterations:
                return
            frac = self._fraction(now)
            if frac >= until:
                return
            if self.progress is not None and now - self.last_report >= 0.2:
                self.progress(
                    Progress(self.iteration, now - self.began, self.record, track.current_value)
                )
                self.last_report = now
            self.iteration += 1
            candidate = track.current.copy()
            self.perturb(candidate, track.strength, lodging_moves)
            self.fill(candidate, float(self.rng.choice(ALPHAS)))
            value = self.value(candidate)
            threshold = THRESHOLD * (1.0 - frac) * max(abs(track.best_value), 1.0)
            if value > track.best_value + 1e-9:
                track.best, track.best_value = candidate.copy(), value
                track.stale = 0
                track.strength = 0.1
                if value > self.record:
                    self.record = value
                    self.best_seconds = time.perf_counter() - self.began
            else:
                track.stale += 1
                track.strength = min(0.6, track.strength + 0.01)
            if value >= track.current_value or value >= track.best_value - threshold:
                track.current, track.current_value = candidate, value
            if track.stale and track.stale % RESET == 0:
                track.current, track.current_value = track.best.copy(), track.best_value


@dataclass(frozen=True, order=True)
class _Ranked:
    """A candidate tour ordered by value, then by earlier sequence."""

    value: float
    rank: int
    state: State = field(compare=False)


class _Track:
    """One search trajectory: current and best tour, stagnation counter, shake strength."""

    def __init__(self, state: State, value: float) -> None:
        self.current, self.current_value = state, value
        self.best, self.best_value = state.copy(), value
        self.stale = 0
        self.strength = 0.1
