"""The matching engine: eligibility, fixed matches, exclusions, explanations, refusals."""

import ast
import math
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from matchmaking.engine import (
    START_TOLERANCE_DAYS,
    EngineError,
    Learner,
    Place,
    Problem,
    Weights,
    greedy,
    solve,
)

ENGINE = Path(__file__).resolve().parents[2] / "matchmaking" / "engine"
START = date(2026, 9, 1)
ROESELARE = (50.9469, 3.1227)
KM_PER_DEGREE = 6371.0088 * math.pi / 180


def north(km: float) -> tuple[float, float]:
    """A point `km` north of Roeselare."""
    return ROESELARE[0] + km / KM_PER_DEGREE, ROESELARE[1]


def learner(id="an", *, programmes=("elek",), max_km=25, start=START, **kwargs) -> Learner:
    return Learner(id, *ROESELARE, list(programmes), max_km, start, **kwargs)


def place(
    id="p1", *, km=12, programme="elek", capacity=3, free=2, until=date(2027, 8, 31), **kwargs
):
    kwargs.setdefault("site_id", f"site-{id}")
    kwargs.setdefault("company_id", f"company-{id}")
    return Place(
        id=id,
        lat=north(km)[0],
        lon=north(km)[1],
        programme=programme,
        capacity=capacity,
        free=free,
        recognised_until=until,
        **kwargs,
    )


def matches(result) -> dict:
    return {proposal.learner_id: proposal.place_id for proposal in result.proposals}


# ---------------------------------------------------------------------------------------------
# Purity
# ---------------------------------------------------------------------------------------------


def test_the_engine_imports_no_django():
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top not in {"django", "steunpunt", "matchmaking"}, (
                    f"{path.name} imports {name}"
                )


def test_importing_the_engine_loads_no_django():
    code = "import sys, matchmaking.engine; print(any(m.startswith('django') for m in sys.modules))"
    root = ENGINE.parents[1]
    output = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert output.stdout.strip() == "False", output.stderr


# ---------------------------------------------------------------------------------------------
# Eligibility
# ---------------------------------------------------------------------------------------------


def test_an_eligible_place_is_proposed_with_its_explanation():
    result = solve(Problem([learner()], [place()]))
    assert matches(result) == {"an": "p1"}
    assert (
        result.proposals[0].explanation
        == "1e keuze, 12 km, erkend tot 31/08/2027, 2 van 3 plaatsen vrij"
    )
    assert result.unmatched == {}


def test_a_later_start_and_a_second_choice_are_explained():
    later = START + timedelta(days=10)
    result = solve(Problem([learner(programmes=["kap", "elek"])], [place(start=later, km=0.4)]))
    assert result.proposals[0].explanation == (
        "2e keuze, minder dan 1 km, erkend tot 31/08/2027, start 11/09/2026, 2 van 3 plaatsen vrij"
    )


@pytest.mark.parametrize(
    ("change", "eligible"),
    [
        ({"km": 24.9}, True),
        ({"km": 25.1}, False),
        ({"programme": "kap"}, False),
        ({"free": 0}, False),
        ({"until": None}, False),
        ({"until": START}, True),
        ({"until": START - timedelta(days=1)}, False),
        ({"start": START + timedelta(days=START_TOLERANCE_DAYS)}, True),
        ({"start": START + timedelta(days=START_TOLERANCE_DAYS + 1)}, False),
        # the recognition must still hold when a later place starts
        ({"start": START + timedelta(days=20), "until": START + timedelta(days=19)}, False),
        ({"start": START - timedelta(days=300)}, True),
    ],
)
def test_eligibility(change, eligible):
    result = solve(Problem([learner()], [place(**change)]))
    assert bool(result.proposals) is eligible
    assert bool(result.unmatched) is not eligible


def test_an_excluded_company_is_never_proposed():
    places = [place("near", km=2, company_id="acme"), place("far", km=20, company_id="other")]
    problem = Problem([learner()], places, excluded={("an", "acme")})
    assert matches(solve(problem)) == {"an": "far"}
    assert matches(solve(Problem([learner()], places))) == {"an": "near"}


def test_repeated_wishes_count_once():
    result = solve(Problem([learner(programmes=["elek", "elek", "kap"])], [place(programme="kap")]))
    assert result.proposals[0].explanation.startswith("2e keuze")


# ---------------------------------------------------------------------------------------------
# The optimum
# ---------------------------------------------------------------------------------------------


def test_more_matches_beat_a_lower_cost():
    """A's cheapest place is B's only one: the optimum sends A further, greedy does not."""
    a = learner("a", max_km=30)
    b = learner("b", max_km=5)
    places = [place("close", km=1, free=1), place("far", km=28, free=1)]
    assert matches(solve(Problem([a, b], places))) == {"a": "far", "b": "close"}
    baseline = greedy(Problem([a, b], places))
    assert matches(baseline) == {"a": "close"}
    assert solve(Problem([a, b], places)).objective < baseline.objective


def test_the_last_place_goes_to_the_learner_with_priority():
    places = [place(free=1)]
    result = solve(Problem([learner("a"), learner("b", priority=True)], places))
    assert matches(result) == {"b": "p1"}
    assert result.unmatched["a"] == (
        "de enige geschikte plaats voor elek binnen 25 km gaat naar een andere leerling"
    )


def test_a_learner_who_lost_several_places_hears_how_many():
    learners = [learner("a"), *(learner(f"p{i}", priority=True) for i in range(3))]
    result = solve(Problem(learners, [place(free=2), place("p2", km=5, free=1)]))
    assert result.unmatched == {
        "a": "de 2 geschikte plaatsen voor elek binnen 25 km gaan naar andere leerlingen"
    }


def test_a_negative_distance_limit_allows_no_distance():
    result = solve(Problem([learner(max_km=-30)], [place(km=0.2)]))
    assert result.unmatched["an"].startswith("geen erkende plaats voor elek binnen 0 km;")
    assert matches(solve(Problem([learner(max_km=0)], [place(km=0)]))) == {"an": "p1"}


def test_the_last_place_goes_to_the_learner_who_waited_longest():
    places = [place(free=1)]
    result = solve(Problem([learner("a", waiting_days=5), learner("b", waiting_days=90)], places))
    assert matches(result) == {"b": "p1"}


def test_the_weights_change_the_choice():
    places = [
        place("near", km=3, track_record=0.0),
        place("good", km=20, track_record=1.0),
    ]
    by_distance = Weights(distance=10, track_record=0)
    by_record = Weights(distance=0, track_record=10)
    assert matches(solve(Problem([learner()], places, weights=by_distance))) == {"an": "near"}
    assert matches(solve(Problem([learner()], places, weights=by_record))) == {"an": "good"}


def test_capacity_is_shared():
    learners = [learner(f"l{i}") for i in range(5)]
    result = solve(Problem(learners, [place(free=2), place("p2", free=1)]))
    assert len(result.proposals) == 3
    assert sorted(matches(result).values()) == ["p1", "p1", "p2"]
    assert len(result.unmatched) == 2


# ---------------------------------------------------------------------------------------------
# Fixed matches
# ---------------------------------------------------------------------------------------------


def test_a_fixed_match_takes_its_place_and_capacity():
    learners = [learner("a", priority=True), learner("fixed")]
    result = solve(Problem(learners, [place(free=1)], fixed=[("fixed", "p1")]))
    assert matches(result) == {"fixed": "p1"}
    assert result.proposals[0].fixed
    assert result.unmatched["a"] == "de erkende plaatsen voor elek binnen 25 km zijn volzet"


def test_a_fixed_match_holds_even_where_the_engine_would_not_propose_it():
    fixed = learner("fixed", max_km=5, programmes=["kap"])
    result = solve(Problem([fixed], [place(km=40, until=None)], fixed=[("fixed", "p1")]))
    assert matches(result) == {"fixed": "p1"}
    assert result.proposals[0].explanation == (
        "vastgezet, geen gewenste richting, 40 km, niet erkend, 2 van 3 plaatsen vrij"
    )


# ---------------------------------------------------------------------------------------------
# Reasons for learners without a proposal
# ---------------------------------------------------------------------------------------------


def test_the_nearest_recognised_place_is_named():
    kapper = learner(programmes=["kap"])
    places = [
        place("brugge", programme="kap", km=31, town="Brugge"),
        place("ieper", programme="kap", km=33, town="Ieper"),
        place("unrecognised", programme="kap", km=3, until=None, town="Izegem"),
    ]
    result = solve(Problem([kapper], places, programme_names={"kap": "Kapper-stylist"}))
    assert result.unmatched == {
        "an": "geen erkende plaats voor Kapper-stylist binnen 25 km; "
        "dichtstbijzijnde 31 km in Brugge"
    }


@pytest.mark.parametrize(
    ("places", "excluded", "reason"),
    [
        ([], set(), "geen plaats voor Elektrische installaties"),
        ([place(until=None)], set(), "geen erkende plaats voor Elektrische installaties"),
        (
            [place(until=START - timedelta(days=1))],
            set(),
            "geen plaats voor Elektrische installaties die erkend is op 01/09/2026",
        ),
        (
            [place(start=START + timedelta(days=60))],
            set(),
            "de erkende plaatsen voor Elektrische installaties binnen 25 km "
            "starten pas na 01/10/2026",
        ),
        (
            [place()],
            {("an", "company-p1")},
            "de erkende plaatsen voor Elektrische installaties binnen 25 km "
            "zijn bij uitgesloten bedrijven",
        ),
        (
            [place(free=0)],
            set(),
            "de erkende plaatsen voor Elektrische installaties binnen 25 km zijn volzet",
        ),
    ],
)
def test_reasons(places, excluded, reason):
    problem = Problem(
        [learner()], places, excluded=excluded, programme_names={"elek": "Elektrische installaties"}
    )
    assert solve(problem).unmatched == {"an": reason}


def test_every_wish_gets_a_reason():
    result = solve(Problem([learner(programmes=["elek", "kap"], max_km=12.5)], [place(km=20)]))
    assert result.unmatched == {
        "an": "geen erkende plaats voor elek binnen 12.5 km; dichtstbijzijnde op 20 km"
        " · geen plaats voor kap"
    }


# ---------------------------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (Problem([learner(), learner()], [place()]), "unique"),
        (Problem([learner()], [place(), place()]), "unique"),
        (Problem([learner()], [place()], fixed=[("nobody", "p1")]), "unknown"),
        (Problem([learner()], [place()], fixed=[("an", "nowhere")]), "unknown"),
        (
            Problem([learner()], [place(), place("p2")], fixed=[("an", "p1"), ("an", "p2")]),
            "more than one",
        ),
        (
            Problem([learner()], [place()], fixed=[("an", "p1")], excluded={("an", "company-p1")}),
            "excluded",
        ),
    ],
)
def test_contradictions_are_refused(problem, message):
    with pytest.raises(EngineError, match=message):
        solve(problem)


def test_negative_weights_are_refused():
    with pytest.raises(ValueError, match="distance"):
        Weights(distance=-1)


def test_an_unknown_method_is_refused():
    with pytest.raises(EngineError, match="unknown method"):
        solve(Problem([learner()], [place()]), method="simplex")


def test_a_problem_can_be_solved_again_after_a_new_exclusion():
    problem = Problem([learner("a"), learner("b", priority=True)], [place(free=1)])
    assert solve(problem).unmatched["a"].startswith("de enige geschikte plaats")
    problem.excluded.add(("a", "company-p1"))
    assert solve(problem).unmatched["a"].endswith("zijn bij uitgesloten bedrijven")
