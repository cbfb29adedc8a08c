"""Matchmaking admin (Dutch): each tool registers its own models in <tool>/admin.py; importing
them here is what Django's admin autodiscovery (which imports matchmaking.admin) needs."""

from .candidates import admin as candidates_admin  # noqa: F401
from .companies import admin as companies_admin  # noqa: F401
from .learners import admin as learners_admin  # noqa: F401
from .runs import admin as runs_admin  # noqa: F401
