# ruff: noqa: RUF059 - every kernel unpacks the full state tuples the same way
"""Numba kernels operating on the flat route state of the search.

The state is a tuple of arrays (see :mod:`areatour.engine._state`). Every route ``d`` is
stored in row ``d`` of ``R`` with its start node at position 0 and its end node at
``LN[d] - 1``; ``OPN``/``LAT``/``DUR`` hold per stop the earliest start, latest start and
stay minutes (block stops carry the block's minutes). ``ARR``/``DEP`` are the forward
schedule (service as early as possible) and ``LS`` the backward latest start that keeps the
rest of the route feasible, so an insertion is checked in O(1) (Savelsbergh's forward time
slack). All kernels are compiled with ``cache=True``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

EPS = 1e-7
BIG = 1e6


@njit(cache=True)
def update_route(pb, st, d):
    """Recompute schedule, slack and travel of route ``d``; return feasibility."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    Td = T[day_mat[d]]
    L = LN[d]
    ok = True
    ARR[d, 0] = OPN[d, 0]
    DEP[d, 0] = OPN[d, 0] + DUR[d, 0]
    trv = 0.0
    for p in range(1, L):
        leg = Td[R[d, p - 1], R[d, p]]
        trv += leg
        a = DEP[d, p - 1] + leg
        ARR[d, p] = a
        s = max(a, OPN[d, p])
        if s > LAT[d, p] + EPS:
            ok = False
        DEP[d, p] = s + DUR[d, p]
    TRV[d] = trv
    LS[d, L - 1] = LAT[d, L - 1]
    for p in range(L - 2, -1, -1):
        LS[d, p] = min(LAT[d, p], LS[d, p + 1] - Td[R[d, p], R[d, p + 1]] - DUR[d, p])
    return ok and trv <= limit[d] + EPS


@njit(cache=True)
def insert_stop(pb, st, d, p, u, k):
    """Insert node ``u`` after position ``p`` of route ``d``; ``k`` is the block-node slot
    (index into ``bnode``) or -1 for a regular visit."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    L = LN[d]
    for q in range(L, p + 1, -1):
        R[d, q] = R[d, q - 1]
        BLK[d, q] = BLK[d, q - 1]
        OPN[d, q] = OPN[d, q - 1]
        LAT[d, q] = LAT[d, q - 1]
        DUR[d, q] = DUR[d, q - 1]
    R[d, p + 1] = u
    BLK[d, p + 1] = k
    OPN[d, p + 1] = open_[d, u]
    if k >= 0:
        LAT[d, p + 1] = blat[k]
        DUR[d, p + 1] = bdur[k]
        b = np.searchsorted(bptr, k, side="right") - 1
        bdone[b] = True
    else:
        LAT[d, p + 1] = lat_reg[d, u]
        DUR[d, p + 1] = dur_reg[u]
        reg[u] += 1
    vis[u] += 1
    LN[d] = L + 1
    return update_route(pb, st, d)


@njit(cache=True)
def remove_stop(pb, st, d, p, update):
    """Remove the stop at position ``p`` (interior) of route ``d``."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    u = R[d, p]
    k = BLK[d, p]
    if k >= 0:
        b = np.searchsorted(bptr, k, side="right") - 1
        bdone[b] = False
    else:
        reg[u] -= 1
    vis[u] -= 1
    L = LN[d]
    for q in range(p, L - 1):
        R[d, q] = R[d, q + 1]
        BLK[d, q] = BLK[d, q + 1]
        OPN[d, q] = OPN[d, q + 1]
        LAT[d, q] = LAT[d, q + 1]
        DUR[d, q] = DUR[d, q + 1]
    LN[d] = L - 1
    if update:
        return update_route(pb, st, d)
    return True


@njit(cache=True)
def insert_greedy(pb, st, gains, noise, alpha, cats, decay, tw, scale):
    """Repeatedly make the best feasible insertion until none is left.

    The priority of inserting ``u`` is ``net**2 / cost * (1 + alpha * noise[u])`` with
    ``net = gain - tw * added travel`` and ``cost`` the arrival delay at the next stop plus
    the added travel, both relative to ``scale[d]``. Unmet blocks carry a large gain so they
    are inserted first. ``gains`` is modified (same-category gains decay after each visit).
    Returns the number of insertions.
    """
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    D = LN.shape[0]
    n = gains.shape[0]
    nb = bday.shape[0]
    count = 0
    while True:
        best = 0.0
        best_block = -1.0
        bd = -1
        bp = -1
        bu = -1
        bk = -1
        for d in range(D):
            Td = T[day_mat[d]]
            L = LN[d]
            lim = limit[d]
            sc = scale[d]
            for j in range(n + nb):
                if j < n:
                    u = j
                    if vis[u] > 0 or gains[u] <= 0.0:
                        continue
                    lu = lat_reg[d, u]
                    if lu == -np.inf:
                        continue
                    du = dur_reg[u]
                    g = gains[u]
                    kk = bptr[0]
                    kend = kk + 1
                else:
                    b = j - n
                    if bday[b] != d or bdone[b]:
                        continue
                    kk = bptr[b]
                    kend = bptr[b + 1]
                for k in range(kk, kend):
                    if j >= n:
                        u = bnode[k]
                        lu = blat[k]
                        du = bdur[k]
                        g = BIG + (gains[u] if vis[u] == 0 else 0.0)
                        kslot = k
                    else:
                        kslot = -1
                    ou = open_[d, u]
                    if ou > lu + EPS:
                        continue
                    for p in range(L - 1):
                        a = R[d, p]
                        c = R[d, p + 1]
                        arr = DEP[d, p] + Td[a, u]
                        s = arr if arr > ou else ou
                        if s > lu + EPS:
                            continue
                        an = s + du + Td[u, c]
                        if an > LS[d, p + 1] + EPS:
                            continue
                        dt = Td[a, u] + Td[u, c] - Td[a, c]
                        if TRV[d] + dt > lim + EPS:
                            continue
                        net = g - tw * dt
                        if net <= 0.0:
                            continue
                        shift = an - ARR[d, p + 1]
                        if shift < 0.0:
                            shift = 0.0
                        cost = (shift + max(dt, 0.0)) / sc + 1e-6
                        if kslot >= 0:
                            # Unmet blocks go first, longest stay first (a short block placed
                            # first can crowd out a long one), then the cheapest position.
                            # (a node in a town still needed by min_towns, i.e. with a gain
                            # of BIG/2 or more, wins among equally long blocks)
                            extra = min(1.0, max(0.0, 2.0 * (g - BIG) / BIG))
                            m = bdur[kslot] + 0.5 * extra + 0.49 / (1.0 + cost)
                            if m > best_block:
                                best_block = m
                                bd = d
                                bp = p
                                bu = u
                                bk = kslot
                            continue
                        if best_block >= 0.0:
                            continue
                        m = net * net / cost * (1.0 + alpha * noise[u])
                        if m > best:
                            best = m
                            bd = d
                            bp = p
                            bu = u
                            bk = kslot
        if bd < 0:
            return count
        insert_stop(pb, st, bd, bp, bu, bk)
        count += 1
        if bk < 0:
            cu = cats[bu]
            if cu >= 0 and decay != 1.0:
                for v in range(n):
                    if cats[v] == cu:
                        gains[v] *= decay


@njit(cache=True)
def _check(pb, st, d, nodes, opn, lat, dur, L):
    """Feasibility and travel of a candidate sequence for day ``d`` (scratch arrays)."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    Td = T[day_mat[d]]
    t = opn[0] + dur[0]
    trv = 0.0
    for p in range(1, L):
        leg = Td[nodes[p - 1], nodes[p]]
        trv += leg
        a = t + leg
        s = a if a > opn[p] else opn[p]
        if s > lat[p] + EPS:
            return False, trv
        t = s + dur[p]
    return trv <= limit[d] + EPS, trv


@njit(cache=True)
def _copy_row(st, d, nodes, blk, opn, lat, dur):
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    for p in range(LN[d]):
        R[d, p] = nodes[p]
        BLK[d, p] = blk[p]
        OPN[d, p] = opn[p]
        LAT[d, p] = lat[p]
        DUR[d, p] = dur[p]


@njit(cache=True)
def improve_route(pb, st, d, tw_gain):
    """2-opt and or-opt (segments of 1-3 stops) on route ``d``, first improvement on travel.

    Shorter routes leave room for insertions. Returns the travel saved.
    """
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    Td = T[day_mat[d]]
    L = LN[d]
    start = TRV[d]
    nodes = R[d, :L].copy()
    blk = BLK[d, :L].copy()
    opn = OPN[d, :L].copy()
    lat = LAT[d, :L].copy()
    dur = DUR[d, :L].copy()
    tn = nodes.copy()
    tb = blk.copy()
    to = opn.copy()
    tl = lat.copy()
    tu = dur.copy()
    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        # 2-opt: reverse nodes[i..j]
        for i in range(1, L - 2):
            for j in range(i + 1, L - 1):
                delta = (
                    Td[nodes[i - 1], nodes[j]]
                    + Td[nodes[i], nodes[j + 1]]
                    - Td[nodes[i - 1], nodes[i]]
                    - Td[nodes[j], nodes[j + 1]]
                )
                for q in range(i, j):
                    delta += Td[nodes[q + 1], nodes[q]] - Td[nodes[q], nodes[q + 1]]
                if delta >= -1e-9:
                    continue
                for q in range(L):
                    src = q
                    if i <= q <= j:
                        src = i + j - q
                    tn[q] = nodes[src]
                    tb[q] = blk[src]
                    to[q] = opn[src]
                    tl[q] = lat[src]
                    tu[q] = dur[src]
                ok, trv = _check(pb, st, d, tn, to, tl, tu, L)
                if ok:
                    nodes[:] = tn
                    blk[:] = tb
                    opn[:] = to
                    lat[:] = tl
                    dur[:] = tu
                    improved = True
        # swap two stops
        for i in range(1, L - 2):
            for j in range(i + 1, L - 1):
                a, b = nodes[i], nodes[j]
                if j == i + 1:
                    delta = (
                        Td[nodes[i - 1], b]
                        + Td[b, a]
                        + Td[a, nodes[j + 1]]
                        - Td[nodes[i - 1], a]
                        - Td[a, b]
                        - Td[b, nodes[j + 1]]
                    )
                else:
                    delta = (
                        Td[nodes[i - 1], b]
                        + Td[b, nodes[i + 1]]
                        + Td[nodes[j - 1], a]
                        + Td[a, nodes[j + 1]]
                        - Td[nodes[i - 1], a]
                        - Td[a, nodes[i + 1]]
                        - Td[nodes[j - 1], b]
                        - Td[b, nodes[j + 1]]
                    )
                if delta >= -1e-9:
                    continue
                tn[:] = nodes
                tb[:] = blk
                to[:] = opn
                tl[:] = lat
                tu[:] = dur
                tn[i], tn[j] = nodes[j], nodes[i]
                tb[i], tb[j] = blk[j], blk[i]
                to[i], to[j] = opn[j], opn[i]
                tl[i], tl[j] = lat[j], lat[i]
                tu[i], tu[j] = dur[j], dur[i]
                ok, trv = _check(pb, st, d, tn, to, tl, tu, L)
                if ok:
                    nodes[:] = tn
                    blk[:] = tb
                    opn[:] = to
                    lat[:] = tl
                    dur[:] = tu
                    improved = True
        # or-opt: move segment nodes[i..i+s-1] to between nodes[j], nodes[j+1]
        for s in range(1, 4):
            for i in range(1, L - s):
                e = i + s - 1
                if e > L - 2:
                    break
                removed = (
                    Td[nodes[i - 1], nodes[i]]
                    + Td[nodes[e], nodes[e + 1]]
                    - Td[nodes[i - 1], nodes[e + 1]]
                )
                for j in range(0, L - 1):
                    if i - 1 <= j <= e:
                        continue
                    added = (
                        Td[nodes[j], nodes[i]]
                        + Td[nodes[e], nodes[j + 1]]
                        - Td[nodes[j], nodes[j + 1]]
                    )
                    if added - removed >= -1e-9:
                        continue
                    # build the moved sequence
                    q = 0
                    for r in range(L):
                        if i <= r <= e:
                            continue
                        tn[q] = nodes[r]
                        tb[q] = blk[r]
                        to[q] = opn[r]
                        tl[q] = lat[r]
                        tu[q] = dur[r]
                        q += 1
                        if r == j:
                            for x in range(i, e + 1):
                                tn[q] = nodes[x]
                                tb[q] = blk[x]
                                to[q] = opn[x]
                                tl[q] = lat[x]
                                tu[q] = dur[x]
                                q += 1
                    ok, trv = _check(pb, st, d, tn, to, tl, tu, L)
                    if ok:
                        nodes[:] = tn
                        blk[:] = tb
                        opn[:] = to
                        lat[:] = tl
                        dur[:] = tu
                        improved = True
                        break
    _copy_row(st, d, nodes, blk, opn, lat, dur)
    update_route(pb, st, d)
    return start - TRV[d]


@njit(cache=True)
def replace_pass(pb, st, gains, worth, tw):
    """Swap a visited regular stop for an unvisited node of higher gain where feasible.

    For each route and stop, the stop is removed, the best feasible insertion of a more
    valuable unvisited node into the shortened route is looked up, and the best swap over
    all stops is applied. Repeats while a swap improves. Returns the number of swaps.
    """
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    D = LN.shape[0]
    n = gains.shape[0]
    M = R.shape[1]
    dep = np.empty(M)
    arr = np.empty(M)
    ls = np.empty(M)
    nodes = np.empty(M, np.int64)
    opn = np.empty(M)
    lat = np.empty(M)
    dur = np.empty(M)
    swaps = 0
    for _round in range(20):
        best = 1e-9
        bd = -1
        bq = -1
        bp = -1
        bu = -1
        for d in range(D):
            Td = T[day_mat[d]]
            L = LN[d]
            for q in range(1, L - 1):
                if BLK[d, q] >= 0:
                    continue
                v = R[d, q]
                gv = worth[v]
                # shortened route
                m = 0
                for r in range(L):
                    if r == q:
                        continue
                    nodes[m] = R[d, r]
                    opn[m] = OPN[d, r]
                    lat[m] = LAT[d, r]
                    dur[m] = DUR[d, r]
                    m += 1
                arr[0] = opn[0]
                dep[0] = opn[0] + dur[0]
                trv = 0.0
                for r in range(1, m):
                    leg = Td[nodes[r - 1], nodes[r]]
                    trv += leg
                    arr[r] = dep[r - 1] + leg
                    dep[r] = max(arr[r], opn[r]) + dur[r]
                ls[m - 1] = lat[m - 1]
                for r in range(m - 2, -1, -1):
                    ls[r] = min(lat[r], ls[r + 1] - Td[nodes[r], nodes[r + 1]] - dur[r])
                for u in range(n):
                    if vis[u] > 0 or gains[u] <= gv + best:
                        continue
                    lu = lat_reg[d, u]
                    if lu == -np.inf:
                        continue
                    ou = open_[d, u]
                    du = dur_reg[u]
                    for p in range(m - 1):
                        a = nodes[p]
                        c = nodes[p + 1]
                        t = dep[p] + Td[a, u]
                        s = t if t > ou else ou
                        if s > lu + EPS:
                            continue
                        if s + du + Td[u, c] > ls[p + 1] + EPS:
                            continue
                        dt = Td[a, u] + Td[u, c] - Td[a, c]
                        if trv + dt > limit[d] + EPS:
                            continue
                        gain = gains[u] - gv - tw * (trv + dt - TRV[d])
                        if gain > best:
                            best = gain
                            bd = d
                            bq = q
                            bp = p
                            bu = u
        if bd < 0:
            return swaps
        remove_stop(pb, st, bd, bq, False)
        insert_stop(pb, st, bd, bp, bu, -1)
        swaps += 1
    return swaps


@njit(cache=True)
def fill(pb, st, gains, worth, cats, decay, tw, scale, noise, alpha):
    """Insertion, then up to three rounds of intra-day improvement, insertion, replace and
    insertion until nothing changes. ``gains`` is consumed (decayed) by the insertions."""
    D = st[2].shape[0]
    insert_greedy(pb, st, gains, noise, alpha, cats, decay, tw, scale)
    for _ in range(3):
        saved = 0.0
        for d in range(D):
            saved += improve_route(pb, st, d, tw)
        saved += relocate_pass(pb, st)
        saved += exchange_pass(pb, st)
        added = insert_greedy(pb, st, gains, noise, alpha, cats, decay, tw, scale)
        swaps = replace_pass(pb, st, gains, worth, tw)
        if swaps > 0:
            added += insert_greedy(pb, st, gains, noise, alpha, cats, decay, tw, scale)
        if saved <= 1e-9 and added == 0 and swaps == 0:
            break


@njit(cache=True)
def perturb(pb, st, kind, strength, rnd):
    """Remove stops: ``kind`` 0 = a run of consecutive stops from every day (shake),
    1 = random stops, 2 = stops related to (close to) a random stop. ``rnd`` holds
    uniform random numbers in [0, 1) supplied by the caller's generator."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    D = LN.shape[0]
    r = 0
    nr = rnd.shape[0]
    if kind == 0:
        for d in range(D):
            inner = LN[d] - 2
            if inner <= 0:
                continue
            top = max(1, int(np.ceil(strength * inner)))
            size = min(inner, 1 + int(rnd[r % nr] * top))
            r += 1
            first = 1 + int(rnd[r % nr] * (inner - size + 1))
            r += 1
            for _ in range(size):
                remove_stop(pb, st, d, first, False)
            update_route(pb, st, d)
        return
    total = 0
    for d in range(D):
        total += LN[d] - 2
    if total == 0:
        return
    count = min(total, 1 + int(strength * total * rnd[r % nr]))
    r += 1
    # key per stop: random (kind 1) or distance to an anchor stop (kind 2)
    keys = np.empty(total)
    days = np.empty(total, np.int64)
    pos = np.empty(total, np.int64)
    pick = int(rnd[r % nr] * total)
    r += 1
    i = 0
    anchor = -1
    for d in range(D):
        for p in range(1, LN[d] - 1):
            if i == pick:
                anchor = R[d, p]
            days[i] = d
            pos[i] = p
            i += 1
    Tm = T[0]
    for i in range(total):
        if kind == 1:
            keys[i] = rnd[(r + i) % nr]
        else:
            u = R[days[i], pos[i]]
            keys[i] = Tm[anchor, u] + Tm[u, anchor]
    order = np.argsort(keys)
    chosen = np.zeros(total, np.bool_)
    for i in range(count):
        chosen[order[i]] = True
    for i in range(total - 1, -1, -1):
        if chosen[i]:
            remove_stop(pb, st, days[i], pos[i], False)
    for d in range(D):
        update_route(pb, st, d)


@njit(cache=True)
def relocate_pass(pb, st):
    """Move regular stops to another day where that lowers total travel (best move first,
    repeated). Returns the travel saved."""
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    D = LN.shape[0]
    total = 0.0
    if D < 2:
        return total
    for _round in range(50):
        best = 1e-9
        b1 = -1
        bq = -1
        b2 = -1
        bp = -1
        for d1 in range(D):
            T1 = T[day_mat[d1]]
            for q in range(1, LN[d1] - 1):
                if BLK[d1, q] >= 0:
                    continue
                v = R[d1, q]
                a = R[d1, q - 1]
                c = R[d1, q + 1]
                saving = T1[a, v] + T1[v, c] - T1[a, c]
                if saving <= best:
                    continue
                for d2 in range(D):
                    if d2 == d1:
                        continue
                    lv = lat_reg[d2, v]
                    if lv == -np.inf:
                        continue
                    T2 = T[day_mat[d2]]
                    ov = open_[d2, v]
                    dv = dur_reg[v]
                    for p in range(LN[d2] - 1):
                        x = R[d2, p]
                        y = R[d2, p + 1]
                        dt = T2[x, v] + T2[v, y] - T2[x, y]
                        if saving - dt <= best:
                            continue
                        if TRV[d2] + dt > limit[d2] + EPS:
                            continue
                        t = DEP[d2, p] + T2[x, v]
                        s = t if t > ov else ov
                        if s > lv + EPS or s + dv + T2[v, y] > LS[d2, p + 1] + EPS:
                            continue
                        best = saving - dt
                        b1 = d1
                        bq = q
                        b2 = d2
                        bp = p
        if b1 < 0:
            return total
        v = R[b1, bq]
        remove_stop(pb, st, b1, bq, False)
        if not update_route(pb, st, b1):
            # removal broke the day (no triangle inequality): undo and stop
            insert_stop(pb, st, b1, bq - 1, v, -1)
            return total
        insert_stop(pb, st, b2, bp, v, -1)
        total += best
    return total


@njit(cache=True)
def _fits_between(Td, dep_p, ls_next, x, v, y, ov, lv, dv):
    t = dep_p + Td[x, v]
    s = t if t > ov else ov
    return s <= lv + EPS and s + dv + Td[v, y] <= ls_next + EPS


@njit(cache=True)
def exchange_pass(pb, st):
    """Swap two regular stops of different days where that lowers total travel.

    Each stop takes the other's place; feasibility is checked with the routes' slack for
    the first approximation and confirmed by recomputing both days. Returns travel saved.
    """
    T, day_mat, open_, lat_reg, dur_reg, limit, bday, bptr, bnode, blat, bdur = pb
    R, BLK, LN, OPN, LAT, DUR, ARR, DEP, LS, TRV, reg, vis, bdone = st
    D = LN.shape[0]
    total = 0.0
    for _round in range(20):
        improved = False
        for d1 in range(D):
            T1 = T[day_mat[d1]]
            for d2 in range(d1 + 1, D):
                T2 = T[day_mat[d2]]
                for q1 in range(1, LN[d1] - 1):
                    if BLK[d1, q1] >= 0:
                        continue
                    v1 = R[d1, q1]
                    if lat_reg[d2, v1] == -np.inf:
                        continue
                    a1 = R[d1, q1 - 1]
                    c1 = R[d1, q1 + 1]
                    for q2 in range(1, LN[d2] - 1):
                        if BLK[d2, q2] >= 0:
                            continue
                        v2 = R[d2, q2]
                        if lat_reg[d1, v2] == -np.inf:
                            continue
                        a2 = R[d2, q2 - 1]
                        c2 = R[d2, q2 + 1]
                        dt1 = T1[a1, v2] + T1[v2, c1] - T1[a1, v1] - T1[v1, c1]
                        dt2 = T2[a2, v1] + T2[v1, c2] - T2[a2, v2] - T2[v2, c2]
                        if dt1 + dt2 >= -1e-9:
                            continue
                        if TRV[d1] + dt1 > limit[d1] + EPS or TRV[d2] + dt2 > limit[d2] + EPS:
                            continue
                        if not _fits_between(
                            T1,
                            DEP[d1, q1 - 1],
                            LS[d1, q1 + 1],
                            a1,
                            v2,
                            c1,
                            open_[d1, v2],
                            lat_reg[d1, v2],
                            dur_reg[v2],
                        ):
                            continue
                        if not _fits_between(
                            T2,
                            DEP[d2, q2 - 1],
                            LS[d2, q2 + 1],
                            a2,
                            v1,
                            c2,
                            open_[d2, v1],
                            lat_reg[d2, v1],
                            dur_reg[v1],
                        ):
                            continue
                        R[d1, q1] = v2
                        OPN[d1, q1] = open_[d1, v2]
                        LAT[d1, q1] = lat_reg[d1, v2]
                        DUR[d1, q1] = dur_reg[v2]
                        R[d2, q2] = v1
                        OPN[d2, q2] = open_[d2, v1]
                        LAT[d2, q2] = lat_reg[d2, v1]
                        DUR[d2, q2] = dur_reg[v1]
                        update_route(pb, st, d1)
                        update_route(pb, st, d2)
                        total -= dt1 + dt2
                        improved = True
                        break
                    if improved:
                        break
                if improved:
                    break
            if improved:
                break
        if not improved:
            return total
    return total
