"""Eligible (learner, place) pairs and their costs, computed with numpy per programme.

A pair is eligible when the place's programme is one of the learner's wishes, the place has
free capacity, its start is at most START_TOLERANCE_DAYS after the learner's start, the site's
recognition is valid on the day the match would start (the later of both starts; a place that
is not recognised never is), the haversine distance is within the learner's maximum and the
learner's company is not excluded for that learner.

The cost of a pair (lower is better) is SCALE times the weighted sum of five parts, each 0..1:
distance (km / the learner's maximum), preference (rank / last rank), waiting (1 - waited days
/ WAITING_HORIZON_DAYS), priority (0 for a priority learner, else 1) and track record
(1 - the company's track record).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .problem import START_TOLERANCE_DAYS, WAITING_HORIZON_DAYS, Learner, Place, Problem

SCALE = 1000  # cost units per weight unit: integer costs for the min-cost flow
EARTH_RADIUS_KM = 6371.0088
NEVER = -(2**40)  # ordinal of a recognition that does not exist


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; numpy arrays broadcast, floats give a float."""
    lat1, lon1, lat2, lon2 = (np.radians(value) for value in (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def max_cost(weights) -> int:
    """The highest cost a pair can have."""
    return math.ceil(SCALE * weights.total)


@dataclass
class PlaceTable:
    """The places as columns (numpy arrays), indexed like `problem.places`."""

    lat: np.ndarray
    lon: np.ndarray
    recognised_until: np.ndarray  # date ordinal, NEVER when not recognised
    start: np.ndarray  # date ordinal, 0 when open now
    track_record: np.ndarray
    company: np.ndarray  # integer code of the company
    by_programme: dict[str, np.ndarray]  # programme -> indexes of its places

    @classmethod
    def of(cls, places: list[Place], company_codes: dict[object, int]) -> PlaceTable:
        by_programme: dict[str, list[int]] = {}
        for index, place in enumerate(places):
            by_programme.setdefault(place.programme, []).append(index)
        return cls(
            lat=np.array([p.lat for p in places], dtype=float),
            lon=np.array([p.lon for p in places], dtype=float),
            recognised_until=np.array(
                [p.recognised_until.toordinal() if p.recognised_until else NEVER for p in places],
                dtype=np.int64,
            ),
            start=np.array([p.start.toordinal() if p.start else 0 for p in places], dtype=np.int64),
            track_record=np.clip(np.array([p.track_record for p in places], dtype=float), 0, 1),
            company=np.array([company_codes[p.company_id] for p in places], dtype=np.int64),
            by_programme={
                key: np.array(value, dtype=np.int64) for key, value in by_programme.items()
            },
        )


@dataclass
class Candidates:
    """Eligible pairs as parallel arrays; `learner` indexes the list given to `build`."""

    learner: np.ndarray
    place: np.ndarray
    rank: np.ndarray
    km: np.ndarray
    cost: np.ndarray

    def __len__(self):
        return len(self.learner)


def wishes(learner: Learner) -> list[str]:
    """The learner's programmes without repeats, in order of preference."""
    return list(dict.fromkeys(learner.programmes))


def pair_costs(weights, *, km, max_km, rank, last_rank, waiting_days, priority, track_record):
    """The integer cost of pairs (numpy arrays of equal length, or broadcastable)."""
    distance = np.where(max_km > 0, km / np.maximum(max_km, 1e-9), 0.0)
    preference = rank / np.maximum(last_rank, 1)
    waiting = (
        1.0 - np.minimum(np.maximum(waiting_days, 0), WAITING_HORIZON_DAYS) / WAITING_HORIZON_DAYS
    )
    not_priority = np.where(priority, 0.0, 1.0)
    total = (
        weights.distance * np.clip(distance, 0, 1)
        + weights.preference * np.clip(preference, 0, 1)
        + weights.waiting * waiting
        + weights.priority * not_priority
        + weights.track_record * (1.0 - track_record)
    )
    return np.rint(SCALE * total).astype(np.int64)


def build(
    problem: Problem,
    learners: list[Learner],
    table: PlaceTable,
    free: np.ndarray,
    company_codes: dict[object, int],
) -> Candidates:
    """All eligible pairs between `learners` and the places with free capacity."""
    n_companies = max(len(company_codes), 1)
    position = {learner.id: index for index, learner in enumerate(learners)}
    excluded = np.array(
        sorted(
            position[learner_id] * n_companies + company_codes[company]
            for learner_id, company in problem.excluded
            if learner_id in position and company in company_codes
        ),
        dtype=np.int64,
    )

    # learners per wished programme: (learner index, rank)
    wanted: dict[str, tuple[list[int], list[int]]] = {}
    for index, learner in enumerate(learners):
        for rank, programme in enumerate(wishes(learner)):
            rows, ranks = wanted.setdefault(programme, ([], []))
            rows.append(index)
            ranks.append(rank)

    l_lat = np.array([learner.lat for learner in learners], dtype=float)
    l_lon = np.array([learner.lon for learner in learners], dtype=float)
    l_max = np.maximum([learner.max_km for learner in learners], 0.0).astype(float)
    l_start = np.array([learner.start.toordinal() for learner in learners], dtype=np.int64)
    l_last = np.array([len(wishes(learner)) - 1 for learner in learners], dtype=np.int64)
    l_wait = np.array([learner.waiting_days for learner in learners], dtype=float)
    l_prio = np.array([learner.priority for learner in learners], dtype=bool)

    # haversine in parts: h = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) grows with the distance, so
    # the matrices only compare h with the learner's limit; km comes later for the pairs kept
    l_phi, l_lambda = np.radians(l_lat), np.radians(l_lon)
    l_cos = np.cos(l_phi)
    l_limit = np.sin(np.minimum(l_max, np.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM)) ** 2
    p_phi, p_lambda = np.radians(table.lat), np.radians(table.lon)
    p_cos = np.cos(p_phi)

    parts = []
    for programme, (rows, ranks) in wanted.items():
        columns = table.by_programme.get(programme)
        if columns is None:
            continue
        columns = columns[(free[columns] > 0) & (table.recognised_until[columns] != NEVER)]
        if not len(columns):
            continue
        rows = np.array(rows, dtype=np.int64)
        ranks = np.array(ranks, dtype=np.int64)
        c_phi, c_lambda, c_cos = p_phi[columns], p_lambda[columns], p_cos[columns]
        c_start, c_until = table.start[columns], table.recognised_until[columns]
        # chunks of learners keep the matrices small (about 1 M cells each)
        step = max(1, 1_000_000 // len(columns))
        for begin in range(0, len(rows), step):
            r = rows[begin : begin + step]
            h = np.sin((c_phi[None, :] - l_phi[r, None]) * 0.5) ** 2
            h += (l_cos[r, None] * c_cos[None, :]) * np.sin(
                (c_lambda[None, :] - l_lambda[r, None]) * 0.5
            ) ** 2
            ok = h <= l_limit[r, None]
            ok &= c_start[None, :] <= l_start[r, None] + START_TOLERANCE_DAYS
            ok &= c_until[None, :] >= np.maximum(l_start[r, None], c_start[None, :])
            i, j = np.nonzero(ok)
            parts.append(
                (
                    r[i].astype(np.int32),
                    columns[j].astype(np.int32),
                    ranks[begin : begin + step][i].astype(np.int16),
                    h[i, j],
                )
            )

    if parts:
        learner_idx, place_idx, rank, h = (
            np.concatenate(column) for column in zip(*parts, strict=True)
        )
    else:
        learner_idx = place_idx = np.zeros(0, dtype=np.int32)
        rank = np.zeros(0, dtype=np.int16)
        h = np.zeros(0, dtype=float)
    if len(excluded):
        keys = learner_idx.astype(np.int64) * n_companies + table.company[place_idx]
        keep = ~np.isin(keys, excluded)
        learner_idx, place_idx, rank, h = learner_idx[keep], place_idx[keep], rank[keep], h[keep]
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))

    # in slices of a million pairs: the temporaries of the cost stay small
    cost = np.empty(len(learner_idx), dtype=np.int64)
    for begin in range(0, len(learner_idx), 1_000_000):
        part = slice(begin, begin + 1_000_000)
        learners_part, places_part = learner_idx[part], place_idx[part]
        cost[part] = pair_costs(
            problem.weights,
            km=km[part],
            max_km=l_max[learners_part],
            rank=rank[part],
            last_rank=l_last[learners_part],
            waiting_days=l_wait[learners_part],
            priority=l_prio[learners_part],
            track_record=table.track_record[places_part],
        )
    return Candidates(learner=learner_idx, place=place_idx, rank=rank, km=km, cost=cost)
