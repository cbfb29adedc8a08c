"""The audit trail of history-tracked rows (learners, recognitions, workplaces, candidates)."""


def save_with_history(obj, *, actor, reason: str = ""):
    """Save a history-tracked row with who did it (simple_history reads these attributes)."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason
    obj.save()
