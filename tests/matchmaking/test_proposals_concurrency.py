"""Two coordinators accept proposals for the last free place at the same moment, on PostgreSQL.

Each thread has its own connection and transaction. A barrier lines them up right before
accept_proposal, so both try to lock the workplace row at once; the second waits for the first
to commit, recounts the free places and is refused with the Dutch message.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from matchmaking.models import Learner, Proposal
from matchmaking.runs import services as runs_services
from tests.matchmaking.factories import WorkplaceFactory
from tests.matchmaking.runs_factories import MatchingRunFactory, ProposalFactory, searching_learner
from tests.plugins.roles import _member


def race(pairs):
    """Each (proposal, coordinator) accepts at the same moment; the outcome per proposal."""
    barrier = threading.Barrier(len(pairs))
    results = {}

    def attempt(proposal, actor):
        try:
            barrier.wait(timeout=10)
            results[proposal.pk] = runs_services.accept_proposal(proposal=proposal, actor=actor)
        except ValidationError as exc:
            results[proposal.pk] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _proposals(workplace, n):
    run = MatchingRunFactory()
    return [
        ProposalFactory(
            run=run,
            workplace=workplace,
            learner=searching_learner(workplace.site.postcode, [workplace.programme]),
        )
        for _ in range(n)
    ]


@pytest.fixture
def coordinators(db):
    from steunpunt.accounts.roles import Role
    from tests.factories import PartnerFactory

    steunpunt = PartnerFactory(name="Steunpunt Duaal Leren")
    return [
        _member(Role.COORDINATOR, f"coordinator{n}@steunpunt.be", steunpunt, "coördinator")
        for n in range(2)
    ]


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_for_the_last_place(postgres_only, coordinators):
    assert connection.vendor == "postgresql"
    for _round in range(4):  # a lucky interleaving should not hide a bug
        workplace = WorkplaceFactory(places=1)
        proposals = _proposals(workplace, 2)

        results = race(list(zip(proposals, coordinators, strict=True)))

        accepted = [r for r in results.values() if isinstance(r, Proposal)]
        refused = [r for r in results.values() if isinstance(r, ValidationError)]
        assert len(accepted) == 1, results
        assert len(refused) == 1
        assert refused[0].messages[0].startswith("Deze werkplek heeft geen vrije plaats meer")
        statuses = sorted(
            Proposal.objects.filter(workplace=workplace).values_list("status", flat=True)
        )
        assert statuses == ["open", "proposed"]
        assert (
            Learner.objects.filter(
                proposals__workplace=workplace, status=Learner.Status.PROPOSED
            ).count()
            == 1
        )


@pytest.mark.django_db(transaction=True)
def test_bulk_accepts_in_parallel_never_overfill(postgres_only, coordinators):
    """Two bulk accepts of overlapping workplaces: each place is given exactly once."""
    small = WorkplaceFactory(places=1)
    pair = WorkplaceFactory(places=2)
    mine = _proposals(small, 1) + _proposals(pair, 2)
    theirs = _proposals(small, 1) + _proposals(pair, 1)
    barrier = threading.Barrier(2)
    outcomes = {}

    def bulk(name, proposals, actor):
        try:
            barrier.wait(timeout=10)
            outcomes[name] = runs_services.accept_proposals(proposals=proposals, actor=actor)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=bulk, args=("mine", mine, coordinators[0])),
        threading.Thread(target=bulk, args=("theirs", theirs, coordinators[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    everything = outcomes["mine"] + outcomes["theirs"]
    assert sum(o.ok for o in everything) == 3  # 1 + 2 places
    for workplace in (small, pair):
        assert (
            Proposal.objects.filter(workplace=workplace, status=Proposal.Status.PROPOSED).count()
            == workplace.places
        )
    for outcome in everything:
        if not outcome.ok:
            assert "geen vrije plaats meer" in outcome.message
