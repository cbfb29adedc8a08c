import os

os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

pytest_plugins = ["tests.plugins.roles", "tests.plugins.services"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are cached in the (per-process) cache: every test starts from empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _celery_configuration_read_once():
    """Celery reads its configuration from the settings at its first use and keeps it. Read it
    now, while the settings say "eager": a test that turns eager off in the settings before the
    first use (a real-worker test) would otherwise leave every later test on that worker
    sending its tasks to the broker instead of running them."""
    from steunpunt.celery import app

    assert app.conf.task_always_eager


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files (kits, folders, logos) go to a fresh temporary directory."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


# --- Transactional tests leave the data-migration rows behind them -----------------------------
# A transactional test (live server, a real worker) empties every table when it ends, rows of
# data migrations included (the POF body, the nightly schedules, the shipped content). pytest-
# django runs those tests last, but xdist spreads tests over workers in its own order, so a
# test that needs such a row failed or passed by chance. So the fresh test database is
# serialised once per worker, and after every transactional test the tables are emptied once
# more, without the post_migrate rows (content types, permissions, role groups) that Django's
# flush adds back, and the snapshot is loaded: the next test on that worker finds the database
# exactly as the migrations left it (what Django's serialized_rollback does for a test case).
# On SQLite the snapshot is a page-for-page copy in memory (the sqlite3 backup API): taken and
# put back in milliseconds instead of a JSON dump of every row (about 20 s per worker) and a
# flush + load (1-3 s after each transactional test).
_RESTORE_AFTER = pytest.StashKey[bool]()
_SNAPSHOT = pytest.StashKey[object]()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction", marker.args[:1] == (True,)):
        return True
    return "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def pytest_collection_modifyitems(items):
    for item in items:
        if _transactional(item):
            item.stash[_RESTORE_AFTER] = True


@pytest.fixture(scope="session", autouse=True)
def _fresh_database_snapshot(request, django_db_setup, django_db_blocker):
    """The fresh test database (rows of data migrations included), serialised once per
    worker before any test runs; only when a transactional test will need it (without a
    test that uses the database pytest-django makes no test database, and this would read
    the development database)."""
    from django.db import connection

    if not any(item.stash.get(_RESTORE_AFTER, False) for item in request.session.items):
        return
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            import sqlite3

            connection.ensure_connection()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            request.config.stash[_SNAPSHOT] = copy
        else:
            request.config.stash[_SNAPSHOT] = connection.creation.serialize_db_to_string()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # Not after the last test: the test database is gone by then.
    if item.stash.get(_RESTORE_AFTER, False) and nextitem is not None:
        from django.core.management import call_command
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        snapshot = item.config.stash.get(_SNAPSHOT, "")
        if isinstance(snapshot, str) and snapshot:
            with item.config.stash[blocking_manager_key].unblock():
                call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
                connection.creation.deserialize_db_from_string(snapshot)
                _reset_sequences(connection)
        elif snapshot:
            with item.config.stash[blocking_manager_key].unblock():
                connection.ensure_connection()
                snapshot.backup(connection.connection)
    return result


def _reset_sequences(connection):
    """flush restarts PostgreSQL's id sequences at 1, and the snapshot's rows come back with
    their own ids: move each sequence past them, or the next row a test creates in such a table
    (a content type, a group) collides with a restored one. SQLite needs nothing here."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(
        no_style(), apps.get_models(include_auto_created=True)
    )
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
