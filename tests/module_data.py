"""Data made once for a whole test module, and rolled back when the module is done.

Seeding the demo data takes seconds; making it afresh for each of a dozen tests that only read
it cost most of those modules' time. `module_data(django_db_blocker)` opens one transaction
around the module: what the fixture writes in it is there for every test of the module, each
test still runs in its own savepoint (pytest-django's `db` fixture nests inside), so what one
test changes is undone before the next, and at the end of the module everything is rolled back.

Only for modules without transactional tests (those would flush the tables mid-module).
"""

import contextlib

from django.db import connection, transaction


@contextlib.contextmanager
def module_data(django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            assert not connection.in_atomic_block, "a test left a transaction open"
