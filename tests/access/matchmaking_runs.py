"""Access matrix: matching runs, proposals, weights and exclusions.

Runs, weights and exclusions are the coordinators' tool: every other role gets a 403 (the
anonymous visitor the login page). A proposal's page is also readable by the contacts of the
learner's provider; a contact of another school gets a 404. Actions are POST only (405 on GET).
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule  # noqa: F401

COORDINATOR_PAGE = {"anonymous": LOGIN, "coordinator": OK}
COORDINATOR_ACTION = {"anonymous": LOGIN, "coordinator": NOT_ALLOWED}


def _run(cast):
    from tests.matchmaking.runs_factories import MatchingRunFactory

    return {"uuid": MatchingRunFactory().uuid}


def _proposal(cast):
    """An accepted proposal of a learner of the cast's school."""
    from tests.matchmaking.runs_factories import accepted_proposal

    return {"uuid": accepted_proposal(provider=cast["school"]).uuid}


def _learner(cast):
    from tests.matchmaking.factories import LearnerFactory

    return {"uuid": LearnerFactory(provider=cast["school"]).uuid}


RULES: dict[str, Rule] = {
    "matchmaking:run_list": Rule(FORBIDDEN, per_role=COORDINATOR_PAGE),
    "matchmaking:run_start": Rule(FORBIDDEN, per_role=COORDINATOR_ACTION),
    "matchmaking:weights": Rule(FORBIDDEN, per_role=COORDINATOR_PAGE),
    "matchmaking:run_detail": Rule(FORBIDDEN, kwargs=_run, per_role=COORDINATOR_PAGE),
    "matchmaking:run_progress": Rule(FORBIDDEN, kwargs=_run, per_role=COORDINATOR_PAGE),
    "matchmaking:run_accept": Rule(FORBIDDEN, kwargs=_run, per_role=COORDINATOR_ACTION),
    "matchmaking:proposal_detail": Rule(
        FORBIDDEN,
        kwargs=_proposal,
        per_role={**COORDINATOR_PAGE, "school_contact": OK, "outsider": NOT_FOUND},
    ),
    "matchmaking:proposal_move": Rule(FORBIDDEN, kwargs=_proposal, per_role=COORDINATOR_ACTION),
    "matchmaking:exclusion_add": Rule(FORBIDDEN, kwargs=_learner, per_role=COORDINATOR_ACTION),
}

# A run's proposals and unmatched learners are written by the run itself; a proposal's steps
# by the workflow (the learner and the agreement follow), never by hand in the admin.
ADMIN_NEVER = (
    "admin:matchmaking_matchingrun_add",
    "admin:matchmaking_proposal_add",
)


def admin_objects(cast):
    from matchmaking.models import FixedMatch, MatchExclusion, MatchingWeights, ProposalTransition
    from tests.matchmaking.factories import WorkplaceFactory
    from tests.matchmaking.runs_factories import accepted_proposal

    MatchingWeights.current()
    proposal = accepted_proposal(provider=cast["school"])
    ProposalTransition.objects.create(proposal=proposal, from_status="open", to_status="open")
    proposal.run.unmatched.create(learner=proposal.learner, reason="geen plaats")
    MatchExclusion.objects.create(
        learner=proposal.learner, company=cast["company"], reason="Ging niet"
    )
    FixedMatch.objects.create(learner=proposal.learner, workplace=WorkplaceFactory())
