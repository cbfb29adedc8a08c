"""The coordinator check of matchmaking, one for every tool.

The same rule as the accounts' `User.is_coordinator` (an active member of the coordinators'
group, or a superuser), which it reuses; an anonymous visitor is no coordinator.
"""


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)
