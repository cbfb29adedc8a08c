"""The global optimum (a min-cost flow) and the greedy baseline it is measured against.

The objective: the sum of the costs of the proposals plus BIG_M for every learner left without
one. As a network: every learner supplies one unit; an arc learner -> place per eligible pair
(capacity 1, the pair's cost), an arc place -> sink with the place's free capacity (after the
fixed matches took theirs), and an arc learner -> sink with cost BIG_M: "left unmatched".

Big-M. With C the highest cost of a pair and K the largest possible number of matches
(min(learners, free places)), BIG_M = C * (K + 1) + 1. A plan with k + 1 matches costs at most
(k + 1) * C + (L - k - 1) * BIG_M, a plan with k matches at least (L - k) * BIG_M, and
(k + 1) * C < BIG_M: so the optimum first maximises the number of matches and only then
minimises their total cost. With the default weights C = 11 000 and BIG_M stays near 2.2e8 for
20 000 learners: every cost fits OR-Tools' int64 arithmetic comfortably.

Solving. That lexicographic optimum is exactly what OR-Tools' `solve_max_flow_with_min_cost`
computes on the same network without the "unmatched" arcs (a source feeds the learners), and
it does so two to three times faster: cost scaling needs a phase per factor of the largest
cost, and BIG_M is by far the largest. `solve(problem, method="big_m")` solves the network with
the "unmatched" arcs instead; the tests hold both to scipy's exact assignment with BIG_M.

Fixed matches are taken out before the solve: they always become proposals and use up
capacity. Exclusions ("not this company again") remove pairs in `candidates.build`.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from ortools.graph.python import min_cost_flow

from . import explain
from .candidates import Candidates, PlaceTable, build, haversine_km, max_cost, pair_costs, wishes
from .problem import Learner, Problem, Proposal, Result


class EngineError(ValueError):
    """The problem contradicts itself (unknown ids, a fixed match that is also excluded...)."""


def big_m(problem: Problem, n_learners: int, total_free: int) -> int:
    return max_cost(problem.weights) * (min(n_learners, total_free) + 1) + 1


def solve(problem: Problem, *, method: str = "max_flow") -> Result:
    """The proposals that match the most learners at the lowest total cost."""
    methods = {"max_flow": _max_flow_min_cost, "big_m": _min_cost_flow}
    if method not in methods:
        raise EngineError(f"unknown method {method!r}: one of {', '.join(methods)}")
    return _run(problem, methods[method])


def greedy(problem: Problem) -> Result:
    """The baseline: take the cheapest remaining pair while learners and places are left."""
    return _run(problem, _greedy)


def _run(problem: Problem, choose) -> Result:
    learners = {learner.id: learner for learner in problem.learners}
    places = {place.id: place for place in problem.places}
    if len(learners) != len(problem.learners) or len(places) != len(problem.places):
        raise EngineError("learner and place ids must be unique")
    place_index = {place.id: index for index, place in enumerate(problem.places)}
    companies = {place.company_id for place in problem.places}
    company_codes = {company: code for code, company in enumerate(sorted(companies, key=repr))}

    fixed_learners = set()
    for learner_id, place_id in problem.fixed:
        if learner_id not in learners or place_id not in places:
            raise EngineError(
                f"fixed match ({learner_id!r}, {place_id!r}) names an unknown learner or place"
            )
        if learner_id in fixed_learners:
            raise EngineError(f"learner {learner_id!r} is fixed to more than one place")
        if (learner_id, places[place_id].company_id) in problem.excluded:
            raise EngineError(f"fixed match ({learner_id!r}, {place_id!r}) is also excluded")
        fixed_learners.add(learner_id)

    free = np.array([max(place.free, 0) for place in problem.places], dtype=np.int64)
    for place_id, count in Counter(place_id for _, place_id in problem.fixed).items():
        free[place_index[place_id]] = max(free[place_index[place_id]] - count, 0)

    table = PlaceTable.of(problem.places, company_codes)
    active = [learner for learner in problem.learners if learner.id not in fixed_learners]
    candidates = build(problem, active, table, free, company_codes)
    m = big_m(problem, len(active), int(free.sum()))
    chosen = choose(candidates, len(active), free, m)  # indexes into candidates

    proposals = [_fixed_proposal(problem, learners[lid], places[pid]) for lid, pid in problem.fixed]
    matched = np.zeros(len(active), dtype=bool)
    for k in chosen:
        learner = active[int(candidates.learner[k])]
        place = problem.places[int(candidates.place[k])]
        matched[candidates.learner[k]] = True
        proposals.append(
            Proposal(
                learner_id=learner.id,
                place_id=place.id,
                cost=int(candidates.cost[k]),
                explanation=explain.proposal(learner, place, float(candidates.km[k])),
            )
        )
    excluded = problem.excluded_by_learner()
    unmatched = {
        learner.id: explain.unmatched(
            problem, learner, table, free, company_codes, excluded.get(learner.id, set())
        )
        for index, learner in enumerate(active)
        if not matched[index]
    }
    objective = sum(p.cost for p in proposals) + m * len(unmatched)
    return Result(
        proposals=proposals,
        unmatched=unmatched,
        objective=objective,
        big_m=m,
        candidates=len(candidates),
    )


def _fixed_proposal(problem: Problem, learner: Learner, place) -> Proposal:
    km = float(haversine_km(learner.lat, learner.lon, place.lat, place.lon))
    choices = wishes(learner)
    rank = choices.index(place.programme) if place.programme in choices else len(choices)
    cost = pair_costs(
        problem.weights,
        km=np.array([km]),
        max_km=np.array([learner.max_km]),
        rank=np.array([rank]),
        last_rank=np.array([max(len(choices) - 1, 0)]),
        waiting_days=np.array([learner.waiting_days]),
        priority=np.array([learner.priority]),
        track_record=np.clip(np.array([place.track_record]), 0, 1),
    )[0]
    return Proposal(
        learner_id=learner.id,
        place_id=place.id,
        cost=int(cost),
        explanation=explain.proposal(learner, place, km, fixed=True),
        fixed=True,
    )


def _min_cost_flow(candidates: Candidates, n_learners: int, free: np.ndarray, m: int) -> np.ndarray:
    if not n_learners:
        return np.zeros(0, dtype=np.int64)
    n_places = len(free)
    sink = n_learners + n_places
    learner_nodes = np.arange(n_learners, dtype=np.int32)
    place_nodes = n_learners + np.arange(n_places, dtype=np.int32)
    tails = np.concatenate([candidates.learner, place_nodes, learner_nodes]).astype(np.int32)
    heads = np.concatenate(
        [n_learners + candidates.place, np.full(n_places, sink), np.full(n_learners, sink)]
    ).astype(np.int32)
    capacities = np.concatenate([np.ones(len(candidates)), free, np.ones(n_learners)]).astype(
        np.int64
    )
    costs = np.concatenate([candidates.cost, np.zeros(n_places), np.full(n_learners, m)]).astype(
        np.int64
    )

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.concatenate([np.ones(n_learners), np.zeros(n_places), [-n_learners]]).astype(
        np.int64
    )
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise EngineError(f"the min-cost flow ended with status {status}")
    used = flow.flows(arcs[: len(candidates)])
    return np.nonzero(used)[0]


def _max_flow_min_cost(candidates: Candidates, n_learners: int, free: np.ndarray, m: int):
    if not n_learners or not len(candidates):
        return np.zeros(0, dtype=np.int64)
    n_places = len(free)
    source, sink = n_learners + n_places, n_learners + n_places + 1
    tails = np.concatenate(
        [candidates.learner, n_learners + np.arange(n_places), np.full(n_learners, source)]
    ).astype(np.int32)
    heads = np.concatenate(
        [n_learners + candidates.place, np.full(n_places, sink), np.arange(n_learners)]
    ).astype(np.int32)
    capacities = np.concatenate([np.ones(len(candidates)), free, np.ones(n_learners)])
    costs = np.concatenate([candidates.cost, np.zeros(n_places + n_learners)])

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails, heads, capacities.astype(np.int64), costs.astype(np.int64)
    )
    flow.set_node_supply(source, n_learners)
    flow.set_node_supply(sink, -n_learners)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise EngineError(f"the min-cost flow ended with status {status}")
    return np.nonzero(flow.flows(arcs[: len(candidates)]))[0]


def _greedy(candidates: Candidates, n_learners: int, free: np.ndarray, m: int) -> list[int]:
    left = free.copy()
    taken = np.zeros(n_learners, dtype=bool)
    chosen = []
    for k in np.argsort(candidates.cost, kind="stable"):
        learner, place = candidates.learner[k], candidates.place[k]
        if not taken[learner] and left[place] > 0:
            taken[learner] = True
            left[place] -= 1
            chosen.append(int(k))
    return chosen
