"""/health/: the database always, the Celery broker when CELERY_BROKER_URL is set."""

import pytest
from django.urls import reverse

from steunpunt.celery import app
from tests.plugins.services import free_port


@pytest.fixture
def broker(settings, monkeypatch):
    """Point the settings and the Celery app at another broker for one test.

    Celery reads the environment variable CELERY_BROKER_URL before app.conf, so it goes too.
    """
    saved = app.conf.broker_url

    def use(url):
        settings.CELERY_BROKER_URL = url
        app.conf.broker_url = url
        if url:
            monkeypatch.setenv("CELERY_BROKER_URL", url)
        else:
            monkeypatch.delenv("CELERY_BROKER_URL", raising=False)

    yield use
    app.conf.broker_url = saved


@pytest.mark.parametrize("unset", [None, "memory://"])
def test_health_reports_database_ok(client, db, broker, unset):
    broker(unset)  # without CELERY_BROKER_URL the settings use the in-memory transport
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["broker"].startswith("niet ingesteld")
    assert "no-cache" in response.get("Cache-Control", "") or "max-age=0" in response.get(
        "Cache-Control", ""
    )


def test_health_is_at_slash_health():
    assert reverse("core:health") == "/health/"


def test_health_fails_when_broker_is_unreachable(client, db, broker):
    broker(f"redis://127.0.0.1:{free_port()}/0")  # nobody listens there
    response = client.get(reverse("core:health"))

    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "fout"
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["broker"].startswith("fout: ")


@pytest.mark.services
def test_health_reports_real_broker_ok(client, db, broker, redis_url):
    broker(redis_url)
    response = client.get(reverse("core:health"))

    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_health_only_answers_get(client, db):
    assert client.post(reverse("core:health")).status_code == 405
