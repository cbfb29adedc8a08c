"""The engine's optimum against an independent exact solver, and its constraints on random plans.

The reference recomputes eligibility and costs in plain Python (math, not numpy) and solves the
slot-expanded assignment with scipy's linear_sum_assignment: one column per free seat, plus one
"unmatched" column per learner that only that learner may use, at the engine's big-M.
"""

import math
import random
from collections import Counter
from datetime import date, timedelta
from functools import partial

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from matchmaking.engine import (
    SCALE,
    START_TOLERANCE_DAYS,
    WAITING_HORIZON_DAYS,
    Learner,
    Place,
    Problem,
    Weights,
    greedy,
    solve,
)

START = date(2026, 9, 1)
FORBIDDEN = 10**15


def km_between(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def wishes(learner):
    return list(dict.fromkeys(learner.programmes))


def eligible(learner, place, excluded) -> bool:
    if place.programme not in learner.programmes or place.free <= 0:
        return False
    if (learner.id, place.company_id) in excluded or place.recognised_until is None:
        return False
    begins = max(learner.start, place.start) if place.start else learner.start
    if place.start and place.start > learner.start + timedelta(days=START_TOLERANCE_DAYS):
        return False
    return place.recognised_until >= begins and km_between(learner, place) <= learner.max_km


def cost(learner, place, weights) -> int:
    choices = wishes(learner)
    parts = (
        weights.distance * min(km_between(learner, place) / learner.max_km, 1),
        weights.preference * choices.index(place.programme) / max(len(choices) - 1, 1),
        weights.waiting
        * (1 - min(learner.waiting_days, WAITING_HORIZON_DAYS) / WAITING_HORIZON_DAYS),
        weights.priority * (0 if learner.priority else 1),
        weights.track_record * (1 - place.track_record),
    )
    return round(SCALE * sum(parts))


def reference_objective(problem: Problem, big_m: int) -> int:
    """The optimum by linear_sum_assignment; no fixed matches in these instances."""
    seats = [place for place in problem.places for _ in range(max(place.free, 0))]
    n = len(problem.learners)
    matrix = np.full((n, len(seats) + n), FORBIDDEN, dtype=np.int64)
    for i, learner in enumerate(problem.learners):
        for j, seat in enumerate(seats):
            if eligible(learner, seat, problem.excluded):
                matrix[i, j] = cost(learner, seat, problem.weights)
        matrix[i, len(seats) + i] = big_m
    rows, columns = linear_sum_assignment(matrix)
    total = int(matrix[rows, columns].sum())
    assert total < FORBIDDEN
    return total


def random_problem(
    rng: random.Random, n_learners: int, n_places: int, *, fixed=0, excluded=0
) -> Problem:
    programmes = ["elek", "kap", "bouw"]
    learners = [
        Learner(
            id=f"l{i}",
            lat=50.95 + rng.uniform(-0.1, 0.1),
            lon=3.12 + rng.uniform(-0.15, 0.15),
            programmes=rng.sample(programmes, rng.randint(1, 3)),
            max_km=rng.choice([8, 15, 25, 40]),
            start=START + timedelta(days=rng.randint(-20, 40)),
            waiting_days=rng.randint(0, 250),
            priority=rng.random() < 0.3,
        )
        for i in range(n_learners)
    ]
    places = []
    for j in range(n_places):
        capacity = rng.randint(1, 3)
        roll = rng.random()
        until = None if roll < 0.1 else START + timedelta(days=rng.randint(-30, 400))
        places.append(
            Place(
                id=f"p{j}",
                site_id=f"s{j}",
                company_id=f"c{j % max(n_places // 2, 1)}",
                lat=50.95 + rng.uniform(-0.1, 0.1),
                lon=3.12 + rng.uniform(-0.15, 0.15),
                programme=rng.choice(programmes),
                capacity=capacity,
                free=rng.randint(0, capacity),
                recognised_until=until,
                start=None if rng.random() < 0.5 else START + timedelta(days=rng.randint(-30, 60)),
                track_record=round(rng.random(), 2),
            )
        )
    weights = Weights(*(rng.choice([0, 0.5, 1, 2, 5]) for _ in range(5)))
    fixed_pairs = []
    for learner, place in zip(rng.sample(learners, fixed), rng.sample(places, fixed), strict=True):
        fixed_pairs.append((learner.id, place.id))
    fixed_learners = {learner_id for learner_id, _ in fixed_pairs}
    exclusions = set()
    for _ in range(excluded):
        learner = rng.choice(learners)
        company = rng.choice(places).company_id
        if learner.id not in fixed_learners:
            exclusions.add((learner.id, company))
    return Problem(learners, places, weights, fixed=fixed_pairs, excluded=exclusions)


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("method", ["max_flow", "big_m"])
def test_the_optimum_equals_the_exact_assignment(seed, method):
    rng = random.Random(seed)
    problem = random_problem(rng, rng.randint(1, 9), rng.randint(1, 7), excluded=rng.randint(0, 4))
    result = solve(problem, method=method)
    assert result.objective == reference_objective(problem, result.big_m)
    assert result.objective <= greedy(problem).objective


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("planner", [solve, partial(solve, method="big_m"), greedy])
def test_every_constraint_holds(seed, planner):
    rng = random.Random(1000 + seed)
    problem = random_problem(
        rng, rng.randint(5, 60), rng.randint(3, 40), fixed=rng.randint(0, 3), excluded=10
    )
    result = planner(problem)
    learners = {learner.id: learner for learner in problem.learners}
    places = {place.id: place for place in problem.places}

    proposed = Counter(proposal.learner_id for proposal in result.proposals)
    assert max(proposed.values(), default=1) == 1, "a learner got two proposals"
    assert set(proposed) | set(result.unmatched) == set(learners)
    assert not set(proposed) & set(result.unmatched)

    fixed = set(problem.fixed)
    assert fixed <= {(p.learner_id, p.place_id) for p in result.proposals if p.fixed}
    taken = Counter(proposal.place_id for proposal in result.proposals)
    fixed_per_place = Counter(place_id for _, place_id in problem.fixed)
    for place_id, count in taken.items():
        assert count <= max(places[place_id].free, fixed_per_place[place_id]), "over capacity"

    for proposal in result.proposals:
        if proposal.fixed:
            continue
        learner, place = learners[proposal.learner_id], places[proposal.place_id]
        assert place.programme in learner.programmes
        assert km_between(learner, place) <= learner.max_km
        assert place.recognised_until is not None
        assert place.recognised_until >= max(learner.start, place.start or learner.start)
        assert place.start is None or place.start <= learner.start + timedelta(
            days=START_TOLERANCE_DAYS
        )
        assert (learner.id, place.company_id) not in problem.excluded
        assert proposal.cost == cost(learner, place, problem.weights)
    assert result.objective == result.matched_cost + result.big_m * len(result.unmatched)


def test_big_m_makes_matches_come_first():
    """The big-M exceeds what any plan with one match fewer could save."""
    rng = random.Random(7)
    problem = random_problem(rng, 30, 20)
    result = solve(problem)
    most = max(
        cost(learner, place, problem.weights)
        for learner in problem.learners
        for place in problem.places
        if eligible(learner, place, set())
    )
    assert result.big_m > most * min(len(problem.learners), sum(p.free for p in problem.places))
