"""The domain error of every status change in network and POF."""

from django.core.exceptions import ValidationError

__all__ = ["IllegalTransition", "require_status"]


class IllegalTransition(ValidationError):
    """A status change that the workflow does not allow (the row is left unchanged)."""


def require_status(obj, *allowed, message) -> None:
    if obj.status not in allowed:
        raise IllegalTransition(message, code="illegal_transition")
