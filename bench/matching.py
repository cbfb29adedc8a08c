"""Benchmark of the matching engine on a seeded synthetic West-Vlaamse instance.

    .venv/bin/python bench/matching.py                              # both sizes of the README
    .venv/bin/python bench/matching.py --learners 2000 --places 3000 --seed 7

Learners and workplaces lie on the real West-Vlaamse postcodes (steunpunt/core/data/
wvl_postcodes.csv, with a few hundred metres of jitter; a main municipality draws three times as
many as a part-municipality); programmes are the dual programmes of duale_studierichtingen.csv
with a skewed popularity, and each learner wishes one to three of them, mostly from one study
domain. Prints the build time (instance -> candidate pairs), the solve time (min-cost flow and
explanations), the peak memory of the process, the optimum and the greedy baseline's result.
Without --learners/--places each size runs in its own process, so each peak is its own.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchmaking.engine import Learner, Place, Problem, greedy, solve  # noqa: E402
from matchmaking.engine.candidates import PlaceTable, build  # noqa: E402

DATA = ROOT / "steunpunt" / "core" / "data"
SIZES = [(2_000, 3_000), (20_000, 30_000)]
SCHOOL_YEAR = date(2026, 9, 1)


def postcodes() -> list[tuple[float, float, str, int]]:
    """(lat, lon, municipality, draw weight) of every West-Vlaamse locality with coordinates."""
    rows = []
    with open(DATA / "wvl_postcodes.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["lat"] and row["lng"]:
                weight = 3 if row["locality_type"] == "hoofdgemeente" else 1
                rows.append((float(row["lat"]), float(row["lng"]), row["gemeente_2025"], weight))
    return rows


def programmes() -> list[tuple[str, str, str]]:
    """(code, name, study domain) of the dual programmes."""
    with open(DATA / "duale_studierichtingen.csv", newline="", encoding="utf-8") as handle:
        return [(row["code"], row["naam"], row["studiedomein"]) for row in csv.DictReader(handle)]


def generate(n_learners: int, n_places: int, seed: int = 1) -> Problem:
    rng = random.Random(seed)
    spots = postcodes()
    spot_weights = [spot[3] for spot in spots]
    catalogue = programmes()
    rng.shuffle(catalogue)
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(catalogue))]
    by_domain: dict[str, list[str]] = {}
    for code, _name, domain in catalogue:
        by_domain.setdefault(domain, []).append(code)
    domain_of = {code: domain for code, _name, domain in catalogue}
    codes = [code for code, _name, _domain in catalogue]

    def spot():
        lat, lon, town, _weight = rng.choices(spots, spot_weights)[0]
        return lat + rng.gauss(0, 0.004), lon + rng.gauss(0, 0.006), town

    places = []
    for index in range(n_places):
        lat, lon, town = spot()
        capacity = rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0]
        roll = rng.random()
        if roll < 0.07:
            recognised_until = None
        elif roll < 0.13:
            recognised_until = SCHOOL_YEAR - timedelta(days=rng.randint(1, 400))
        else:
            recognised_until = SCHOOL_YEAR + timedelta(days=rng.randint(30, 6 * 365))
        places.append(
            Place(
                id=index,
                site_id=index // 2,
                company_id=index // 3,
                lat=lat,
                lon=lon,
                programme=rng.choices(codes, popularity)[0],
                capacity=capacity,
                free=rng.randint(0, capacity) if rng.random() < 0.3 else capacity,
                recognised_until=recognised_until,
                start=None
                if rng.random() < 0.6
                else SCHOOL_YEAR + timedelta(days=rng.randint(-60, 90)),
                track_record=rng.betavariate(4, 2),
                town=town,
            )
        )

    learners = []
    for index in range(n_learners):
        lat, lon, _town = spot()
        first = rng.choices(codes, popularity)[0]
        wished = [first]
        for _ in range(rng.choices([0, 1, 2], [30, 45, 25])[0]):
            same_domain = by_domain[domain_of[first]]
            pool = same_domain if rng.random() < 0.7 and len(same_domain) > 1 else codes
            choice = rng.choice(pool)
            if choice not in wished:
                wished.append(choice)
        learners.append(
            Learner(
                id=index,
                lat=lat,
                lon=lon,
                programmes=wished,
                max_km=rng.choices([10, 15, 20, 25, 30, 40], [10, 20, 30, 20, 15, 5])[0],
                start=SCHOOL_YEAR + timedelta(days=rng.randint(-30, 120)),
                waiting_days=rng.randint(0, 200),
                priority=rng.random() < 0.2,
            )
        )
    names = {code: name for code, name, _domain in catalogue}
    return Problem(learners=learners, places=places, programme_names=names)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run(n_learners: int, n_places: int, seed: int = 1, out=sys.stdout) -> dict:
    """Generate, solve, run the baseline; print and return the figures."""
    started = time.perf_counter()
    problem = generate(n_learners, n_places, seed)
    generated = time.perf_counter()
    # the build step alone, timed apart (solve repeats it: it is part of its total)
    codes = {
        company: code for code, company in enumerate(sorted({p.company_id for p in problem.places}))
    }
    table = PlaceTable.of(problem.places, codes)
    free = table.start * 0 + [p.free for p in problem.places]
    pairs = len(build(problem, problem.learners, table, free, codes))
    build_s = time.perf_counter() - generated
    solving = time.perf_counter()
    result = solve(problem)
    solved = time.perf_counter()
    baseline = greedy(problem)
    figures = {
        "learners": n_learners,
        "places": n_places,
        "seats": sum(place.free for place in problem.places),
        "pairs": pairs,
        "generate_s": generated - started,
        "build_s": build_s,
        "solve_s": solved - solving,
        "peak_mb": peak_mb(),
        "matched": len(result.proposals),
        "cost": result.matched_cost,
        "objective": result.objective,
        "greedy_matched": len(baseline.proposals),
        "greedy_cost": baseline.matched_cost,
        "greedy_objective": baseline.objective,
    }
    print(
        "{learners} learners x {places} places ({seats} free seats, {pairs} eligible pairs)\n"
        "  total {solve_s:.2f} s, of which building the pairs {build_s:.2f} s; "
        "peak memory {peak_mb:.0f} MB (generating the instance, {generate_s:.2f} s, not counted)\n"
        "  optimum: {matched} matched, cost {cost}, objective {objective}\n"
        "  greedy:  {greedy_matched} matched, cost {greedy_cost}, "
        "objective {greedy_objective}".format(**figures),
        file=out,
    )
    return figures


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int)
    parser.add_argument("--places", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.learners and args.places:
        run(args.learners, args.places, args.seed)
        return
    for learners, places in SIZES:
        command = [sys.executable, __file__, "--learners", str(learners), "--places", str(places)]
        subprocess.run([*command, "--seed", str(args.seed)], check=True)


if __name__ == "__main__":
    main()
