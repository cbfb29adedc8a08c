"""Access matrix: the learner pages and the three lists of matchmaking.

Learner files: coordinators and the contacts of the learner's own provider; a contact of
another school gets a 404 for the file, every other role a 403. The subject-access export and
the erasure are for coordinators only. Status changes are POST only (405 on GET). The risk list
and the shared waiting list are for coordinators and school contacts (who see names of their
own learners only); "recognised but inactive" is for coordinators.
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule

SCHOOL = {"anonymous": LOGIN, "coordinator": OK, "school_contact": OK, "outsider": OK}
COORDINATOR = {"anonymous": LOGIN, "coordinator": OK}


def _learner_uuid(cast):
    from tests.matchmaking.factories import LearnerFactory

    return {"uuid": LearnerFactory(provider=cast["school"]).uuid}


RULES: dict[str, Rule] = {
    "matchmaking:learner_list": Rule(FORBIDDEN, per_role=SCHOOL),
    "matchmaking:learner_create": Rule(FORBIDDEN, per_role=SCHOOL),
    "matchmaking:learner_detail": Rule(
        FORBIDDEN, kwargs=_learner_uuid, per_role={**SCHOOL, "outsider": NOT_FOUND}
    ),
    "matchmaking:learner_edit": Rule(
        FORBIDDEN, kwargs=_learner_uuid, per_role={**SCHOOL, "outsider": NOT_FOUND}
    ),
    "matchmaking:learner_move": Rule(
        FORBIDDEN,
        kwargs=_learner_uuid,
        per_role={
            "anonymous": LOGIN,
            "coordinator": NOT_ALLOWED,
            "school_contact": NOT_ALLOWED,
            "outsider": NOT_ALLOWED,
        },
    ),
    "matchmaking:learner_export": Rule(FORBIDDEN, kwargs=_learner_uuid, per_role=COORDINATOR),
    "matchmaking:learner_anonymise": Rule(FORBIDDEN, kwargs=_learner_uuid, per_role=COORDINATOR),
    "matchmaking:risk_list": Rule(FORBIDDEN, per_role=SCHOOL),
    "matchmaking:waiting_list": Rule(FORBIDDEN, per_role=SCHOOL),
    "matchmaking:inactive_list": Rule(FORBIDDEN, per_role=COORDINATOR),
}
