"""Access matrix: campaign kit."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule  # noqa: F401

RULES: dict[str, Rule] = {}
