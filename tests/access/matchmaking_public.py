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


RULES: dict[str, Rule] = {
    "workplaces:list": public(),
    "workplaces:detail": public(kwargs=_public_workplace),
    "workplaces:interest": public(kwargs=_public_workplace),
    "workplaces:become_workplace": public(),
    "workplaces:become_workplace_thanks": public(),
}
