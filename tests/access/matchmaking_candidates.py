"""Access matrix: the candidate-company pipeline is the coordinators' alone (others: 403)."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, OK, Rule

COORDINATORS = {"anonymous": LOGIN, "coordinator": OK}


def _candidate(cast):
    from tests.matchmaking.factories import CandidateCompanyFactory

    return {"uuid": CandidateCompanyFactory().uuid}


RULES: dict[str, Rule] = {
    "matchmaking:candidate_list": Rule(FORBIDDEN, per_role=COORDINATORS),
    "matchmaking:candidate_detail": Rule(FORBIDDEN, kwargs=_candidate, per_role=COORDINATORS),
    "matchmaking:candidate_hand_over": Rule(
        FORBIDDEN, kwargs=_candidate, per_role={**COORDINATORS, "coordinator": NOT_ALLOWED}
    ),
    "matchmaking:candidate_move": Rule(
        FORBIDDEN, kwargs=_candidate, per_role={**COORDINATORS, "coordinator": NOT_ALLOWED}
    ),
}
