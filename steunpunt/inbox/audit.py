"""Saving an inbox row with the actor in its audit trail (services and the retention work)."""


def save_audited(obj, actor, **kwargs) -> None:
    """full_clean, then save with the actor in the audit trail (where the model keeps one)."""
    obj.full_clean()
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor
    obj.save(**kwargs)
