"""Access matrix: the public workplace finder, the "Word leerwerkplek" form and the company
pages of matchmaking.

The finder and the intake form are public for everyone. A company's workplace pages: its own
contacts and coordinators (acting for any company); other roles get a 403; a workplace of
another company is a 404. Status changes are POST only (405 on GET).
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule, public  # noqa: F401


def _public_workplace(cast):
    from tests.matchmaking.factories import WorkplaceFactory

    return {"uuid": WorkplaceFactory(site__organisation=cast["company"]).uuid}


COMPANY = {"anonymous": LOGIN, "coordinator": OK, "company_contact": OK}
COMPANY_ACTION = {"anonymous": LOGIN, "coordinator": NOT_ALLOWED, "company_contact": NOT_ALLOWED}


RULES: dict[str, Rule] = {
    "workplaces:list": public(),
    "workplaces:detail": public(kwargs=_public_workplace),
    "workplaces:interest": public(kwargs=_public_workplace),
    "workplaces:become_workplace": public(),
    "workplaces:become_workplace_thanks": public(),
    "matchmaking:company_workplaces": Rule(FORBIDDEN, per_role=COMPANY),
    "matchmaking:workplace_create": Rule(FORBIDDEN, per_role=COMPANY),
    "matchmaking:workplace_edit": Rule(FORBIDDEN, kwargs=_public_workplace, per_role=COMPANY),
    "matchmaking:workplace_move": Rule(
        FORBIDDEN, kwargs=_public_workplace, per_role=COMPANY_ACTION
    ),
    "matchmaking:company_recognitions": Rule(FORBIDDEN, per_role=COMPANY),
}
