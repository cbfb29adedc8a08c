"""The vocabulary of the access matrix, shared by tests/test_access_matrix.py and the
fragments in tests/access/ (one per feature, so features add their URLs in their own file)."""

from dataclasses import dataclass, field

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = "OK", "LOGIN", "403", "404", "405"

ROLES = (
    "anonymous",
    "coordinator",
    "pof_secretary",
    "school_contact",
    "company_contact",
    "partner_contact",
    "outsider",
)
STAFF = ("coordinator", "pof_secretary")
LOGGED_IN = ROLES[1:]


@dataclass
class Rule:
    """Expected outcome per role; `default` for roles not named. `kwargs(cast)` builds the URL."""

    default: str
    kwargs: object = None
    per_role: dict = field(default_factory=dict)

    def expected(self, role):
        return self.per_role.get(role, self.default)


def public(**kwargs):
    return Rule(OK, **kwargs)


def logged_in_only(**kwargs):
    return Rule(OK, per_role={"anonymous": LOGIN}, **kwargs)


def anonymous_only(**kwargs):
    """Login-type pages: a logged-in user is sent on to their portal (which shows a page)."""
    return Rule(OK, **kwargs)
