"""Settings for bench/quiz.py: the portal's settings, with SQLite tuned for many writers.

Only used when the benchmark runs on SQLite (no DATABASE_URL). WAL lets readers go on while
one answer is written; synchronous=NORMAL is the usual WAL pairing (no fsync per commit);
IMMEDIATE transactions take the write lock at BEGIN, so a writer waits in line instead of
failing to upgrade a read lock. The same three lines are worth having in steunpunt/settings.py
for `make run` on SQLite; PostgreSQL (production) needs none of them.
"""

from steunpunt.settings import *  # noqa: F403
from steunpunt.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

# With a shared cache (Redis) every worker sees the snapshot a service writes at once, so it
# may live long; with the per-process LocMemCache it must expire quickly (the default, 2 s).
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    QUIZ_STATE_CACHE_SECONDS = 60 * 60
