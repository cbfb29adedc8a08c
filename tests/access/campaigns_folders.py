"""Access matrix: campaign folders."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule  # noqa: F401

RULES: dict[str, Rule] = {}
