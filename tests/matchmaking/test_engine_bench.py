"""The benchmark's instance and the command that wraps it (figures are printed, not asserted)."""

import io

from django.core.management import call_command

from matchmaking.management.commands.bench_matching import load_bench


def test_the_instance_is_seeded_and_west_flemish():
    bench = load_bench()
    one, again, other = (
        bench.generate(50, 80, seed=3),
        bench.generate(50, 80, seed=3),
        bench.generate(50, 80, seed=4),
    )
    assert one.learners == again.learners and one.places == again.places
    assert one.learners != other.learners
    assert all(50.6 < p.lat < 51.4 and 2.5 < p.lon < 4.1 for p in one.places)
    assert any(len(learner.programmes) > 1 for learner in one.learners)
    assert {p.town for p in one.places} <= {row[2] for row in bench.postcodes()}


def test_the_command_prints_both_plans():
    out = io.StringIO()
    call_command("bench_matching", "--learners", "60", "--places", "90", stdout=out)
    text = out.getvalue()
    assert "60 learners x 90 places" in text
    assert "optimum:" in text and "greedy:" in text and "peak memory" in text
