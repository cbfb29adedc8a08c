from steunpunt.celery import portal_task

from . import outbox


@portal_task(bind=True, acks_late=True)
def dispatch_outbox(self, limit: int = 200) -> int:
    """Send up to `limit` due outbox rows, each claimed first; queue itself again if more wait.

    Idempotent: a row is only sent by the worker that claimed it (see steunpunt/core/outbox.py
    for why a killed worker never causes a second copy). Beat also runs it every minute.
    """
    result = outbox.dispatch(limit=limit, task_id=self.request.id or "")
    wait = outbox.next_run_in()
    if self.request.is_eager:
        # Run in-process (tests, no broker): go on only while rows are due and being sent.
        if wait == 0 and result.sent:
            self.apply(kwargs={"limit": limit})
        return result.sent
    if wait is not None:
        if result.throttled:
            wait = max(wait, 5)
        if wait <= 60:  # later retries are picked up by the beat schedule
            self.apply_async(kwargs={"limit": limit}, countdown=wait)
    return result.sent
