"""External services in tests: PostgreSQL, Redis, Chromium and an SMTP sink.

Locally a test that needs a missing service is skipped, so `make test` works on a bare machine.
Under CI (env CI set) nothing may be skipped: a missing service fails the test, and any other
skip is turned into a failure by `pytest_runtest_makereport` below.
"""

import email
import email.policy
import os
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest

TRUTHY = {"1", "true", "yes", "on"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in TRUTHY


def require_service(name: str, available: bool, reason: str = "") -> None:
    """Skip the test when `name` is unavailable, or fail it under CI."""
    if available:
        return
    message = f"{name} is niet beschikbaar" + (f": {reason}" if reason else "")
    if in_ci():
        pytest.fail(f"{message} (onder CI mag geen test worden overgeslagen)", pytrace=False)
    pytest.skip(message)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (bind to port 0, read it, release it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        return sock.getsockname()[1]


# --- Hooks --------------------------------------------------------------------------------------


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres_only: the test needs PostgreSQL (skipped on SQLite, fails under CI)"
    )


def _skip_reason(longrepr) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Overgeslagen, maar onder CI mag niets worden overgeslagen: {reason}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import time (importorskip, allow_module_level) fails under CI."""
    report = yield
    if in_ci() and report.skipped:
        reason = _skip_reason(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Module overgeslagen onder CI: {reason}"
    return report


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres_only"):
        _require_postgres()


# --- PostgreSQL -------------------------------------------------------------------------------


def _require_postgres() -> None:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    require_service(
        "PostgreSQL",
        "postgresql" in engine,
        f"deze test vraagt PostgreSQL, de database is {engine} (zet DATABASE_URL)",
    )


@pytest.fixture
def postgres_only():
    """Request this fixture (or use @pytest.mark.postgres_only) in tests that need PostgreSQL."""
    _require_postgres()


# --- Redis ----------------------------------------------------------------------------------


def _redis_reachable(url: str) -> tuple[bool, str]:
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return False, f"{url}: {type(exc).__name__}: {exc}"
    return True, ""


@pytest.fixture
def redis_url():
    """settings.CELERY_BROKER_URL, checked with a PING (skip locally / fail under CI)."""
    from django.conf import settings

    url = settings.CELERY_BROKER_URL
    if not url or url.startswith("memory://"):
        require_service("Redis", False, "CELERY_BROKER_URL is niet ingesteld")
    if not url.startswith(("redis://", "rediss://")):
        require_service("Redis", False, f"CELERY_BROKER_URL is geen redis://-adres: {url}")
    ok, reason = _redis_reachable(url)
    require_service("Redis", ok, reason)
    return url


# --- Chromium -------------------------------------------------------------------------------


def chromium_executable() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium_path():
    path = chromium_executable()
    require_service(
        "Chromium",
        os.path.isfile(path) and os.access(path, os.X_OK),
        f"{path} bestaat niet (apt-get install chromium, of zet CHROMIUM_PATH)",
    )
    return path


# --- SMTP sink ------------------------------------------------------------------------------


@dataclass
class SmtpSink:
    """Messages received by an in-process aiosmtpd server."""

    host: str
    port: int
    messages: list = field(default_factory=list)  # email.message.EmailMessage objects
    envelopes: list = field(default_factory=list)  # (mail_from, rcpt_tos)
    _condition: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._condition:
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.messages.append(message)
            self._condition.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, predicate=lambda message: True, timeout: float = 15.0):
        """The first received message matching `predicate`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for message in self.messages:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    subjects = [str(m["Subject"]) for m in self.messages]
                    raise AssertionError(
                        f"Geen passend bericht ontvangen binnen {timeout:.0f} s; "
                        f"wel ontvangen: {subjects}"
                    )
                self._condition.wait(remaining)


@pytest.fixture
def smtp_sink():
    """An SMTP server on 127.0.0.1:<free port> that keeps every message in `.messages`."""
    from aiosmtpd.controller import Controller

    last_error = None
    for _attempt in range(5):
        sink = SmtpSink(host="127.0.0.1", port=free_port())
        controller = Controller(sink, hostname=sink.host, port=sink.port, ready_timeout=10)
        try:
            controller.start()
        except Exception as exc:  # noqa: BLE001 - port taken in between: try another
            last_error = exc
            continue
        try:
            yield sink
        finally:
            controller.stop()
        return
    raise RuntimeError(f"Kon de SMTP-sink niet starten: {last_error}")
