"""One way to send mail, with a priority (issue 14): every mail is an outbox row, and a dispatch
run claims transactional rows (login codes, password resets, acknowledgements) before normal
ones and those before bulk (mailings, invitation rounds), so a login code never waits behind a
5,000-recipient mailing."""

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from steunpunt.core import outbox
from steunpunt.core.models import OutboxMessage

pytestmark = pytest.mark.django_db

P = OutboxMessage.Priority
S = OutboxMessage.Status
CORE = Path(__file__).resolve().parents[2] / "steunpunt" / "core"
CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth and the contact form count requests in the default cache."""
    cache.clear()
    yield
    cache.clear()


def bulk_mailing(count: int, batch: str = "campaigns.mailing:1") -> int:
    return outbox.enqueue_messages(
        batch=batch,
        messages=(
            outbox.OutgoingMessage(
                recipient_email=f"contact{n:05d}@school.test",
                recipient_name=f"Contact {n}",
                subject="Nieuws over duaal leren",
                body_text=f"Dag Contact {n},\n",
            )
            for n in range(count)
        ),
        priority=P.BULK,
    )


def test_a_login_code_behind_5000_bulk_rows_leaves_with_the_next_dispatch_run(
    client, settings, django_capture_on_commit_callbacks
):
    """A mailing to 5,000 schools is being sent at 600 a minute and has used 590 of this
    minute's budget; a school contact asks for a login code. The dispatch run queued when the
    request commits sends the code first (FIFO, it would have waited ~7 minutes)."""
    settings.OUTBOX_RATE_PER_MINUTE = 600
    assert bulk_mailing(5000) == 5000
    # The mailing's run so far: 590 rows sent within the last minute.
    started = list(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True)[:590])
    OutboxMessage.objects.filter(pk__in=started).update(
        status=S.SENT, claimed_at=timezone.now(), sent_at=timezone.now(), attempts=1
    )
    assert outbox.rate_budget() == 10
    user = create_portal_user(email="school@voorbeeld.test", role=Role.SCHOOL_CONTACT)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302

    row = OutboxMessage.objects.get(recipient_email=user.email)
    assert (row.priority, row.status, row.confidential) == (P.TRANSACTIONAL, S.QUEUED, True)
    assert row.batch.startswith("accounts.login_code:")
    assert (
        row.created_at >= OutboxMessage.objects.exclude(pk=row.pk).latest("created_at").created_at
    )
    # The claim order: the code first, then the mailing in its own order.
    due = list(outbox.due_messages().values_list("pk", flat=True)[:3])
    assert due[0] == row.pk and due[1:] == sorted(due[1:])

    for callback in callbacks:  # the commit: the transactional row queues a dispatch run
        callback()

    # That run had a budget of 10: the code and 9 rows of the mailing; then throttled.
    assert len(mail.outbox) == 10
    first = mail.outbox[0]
    assert first.to == [user.email] and CODE.search(first.body)
    # …then the mailing goes on where it was, in its own order.
    assert [m.to for m in mail.outbox[1:]] == [
        [f"Contact {n} <contact{n:05d}@school.test>"] for n in range(590, 599)
    ]
    row.refresh_from_db()
    assert row.status == S.SENT
    assert OutboxMessage.objects.filter(status=S.SENT).count() == 600
    assert OutboxMessage.objects.filter(status=S.QUEUED, priority=P.BULK).count() == 5000 - 590 - 9
    # The code in that mail logs the contact in; the row no longer holds it.
    code = CODE.search(first.body).group(1)
    assert code not in row.body_text and row.body_html == ""
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("core:my_portal")).context["user"] == user


def test_dispatch_claims_by_priority_then_by_waiting_time(settings):
    settings.OUTBOX_RATE_PER_MINUTE = 0
    bulk_mailing(3)
    outbox.enqueue_messages(
        batch="matchmaking-proposal-step-1",
        messages=[outbox.OutgoingMessage(recipient_email="n@x.test", subject="S", body_text=".")],
    )
    for n in range(2):
        outbox.enqueue_messages(
            batch=f"accounts.login_code:{n}",
            messages=[
                outbox.OutgoingMessage(recipient_email="t@x.test", subject="C", body_text=".")
            ],
            priority=P.TRANSACTIONAL,
        )
    # A transactional row waiting for its back-off is not due yet, whatever its priority.
    later = OutboxMessage.objects.get(batch="accounts.login_code:0")
    OutboxMessage.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )

    order = [(r.batch, r.recipient_email) for r in outbox.due_messages()]

    assert order == [
        ("accounts.login_code:1", "t@x.test"),
        ("matchmaking-proposal-step-1", "n@x.test"),
        ("campaigns.mailing:1", "contact00000@school.test"),
        ("campaigns.mailing:1", "contact00001@school.test"),
        ("campaigns.mailing:1", "contact00002@school.test"),
    ]
    # A claimed chunk is sent in the same order.
    _token, rows = outbox.claim_batch(2)
    assert [r.priority for r in rows] == [P.TRANSACTIONAL, P.NORMAL]
    assert [r.priority for r in outbox.due_messages()] == [P.BULK] * 3


def test_an_unknown_priority_is_refused():
    with pytest.raises(ValueError):
        outbox.enqueue_messages(
            batch="x",
            messages=[
                outbox.OutgoingMessage(recipient_email="a@x.test", subject="S", body_text=".")
            ],
            priority=5,
        )
    assert not OutboxMessage.objects.exists()


def test_the_contact_form_acknowledgement_is_a_transactional_outbox_row(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import PostcodeFactory

    PostcodeFactory(code="8700", locality="Tielt", is_main_locality=True)
    bulk_mailing(30)  # waiting: the acknowledgement goes first all the same
    data = {
        "audience": "ouder",
        "text": "Kan mijn zoon duaal leren als kapper in de buurt van Tielt?",
        "name": "De Smet, Els",
        "email": "els@voorbeeld.test",
        "postcode": "8700",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inbox:contact"), data)
    assert response.status_code == 302

    from steunpunt.inbox.models import Question

    question = Question.objects.get()
    row = OutboxMessage.objects.get(recipient_email="els@voorbeeld.test")
    assert row.batch == f"inbox.question:{question.pk}:acknowledgement"
    assert (row.priority, row.confidential) == (P.TRANSACTIONAL, False)
    assert row.recipient_name == "De Smet, Els"
    assert question.reference in row.subject
    assert row.headers["Reply-To"] == django_settings.PORTAL_CONTACT_EMAIL
    assert row.status == S.SENT
    assert mail.outbox[0].to == ['"De Smet, Els" <els@voorbeeld.test>']
    assert mail.outbox[0].reply_to == [django_settings.PORTAL_CONTACT_EMAIL]


def test_the_inbox_answer_is_a_normal_outbox_row_once_per_answer(
    coordinator, django_capture_on_commit_callbacks
):
    from steunpunt.inbox import services
    from tests.inbox.factories import QuestionFactory

    question = QuestionFactory(name="Jan", email="jan@voorbeeld.test")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_answer(question=question, body="Dag Jan,\n\nJa.", actor=coordinator)
        second = services.send_answer(question=question, body="Nog dit.", actor=coordinator)

    rows = OutboxMessage.objects.order_by("pk")
    assert [r.batch for r in rows] == [f"inbox.answer:{first.pk}", f"inbox.answer:{second.pk}"]
    assert {r.priority for r in rows} == {P.NORMAL}
    assert [m.body for m in mail.outbox] == [r.body_text for r in rows]


def test_a_password_reset_is_a_confidential_transactional_row_hidden_from_the_admin(
    client, coordinator, django_capture_on_commit_callbacks
):
    user = create_portal_user(email="school@voorbeeld.test", role=Role.SCHOOL_CONTACT)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    row = OutboxMessage.objects.get()
    assert row.batch.startswith("accounts.password_reset_key:")
    assert (row.priority, row.confidential, row.status) == (P.TRANSACTIONAL, True, S.QUEUED)
    link = re.search(r"https?://\S+/\S+", row.body_text).group(0)

    # A coordinator reading the outbox in the admin does not get the link.
    client.force_login(coordinator)
    page = client.get(reverse("admin:core_outboxmessage_change", args=[row.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verborgen" in html and link not in html
    assert "Meteen (transactioneel)" in html

    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert sent.to == [user.email] and link in sent.body
    row.refresh_from_db()
    assert row.status == S.SENT and link not in row.body_text
    assert row.body_text == outbox.erased_body_text() and row.body_html == ""


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any level (function-level imports included), with
    relative imports resolved against steunpunt.core."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = "steunpunt.core" + (f".{base}" if base else "")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_mail_imports_run_one_way_email_outbox_tasks():
    """email.py builds messages and addresses; outbox imports email; tasks import outbox;
    nothing imports back (the old circle email ↔ tasks ↔ outbox)."""
    email = _imports(CORE / "email.py")
    box = _imports(CORE / "outbox.py")
    tasks = _imports(CORE / "tasks.py")
    assert not {"steunpunt.core.outbox", "steunpunt.core.tasks"} & email
    assert "steunpunt.core.tasks" not in box
    assert "steunpunt.core.email" in box
    assert "steunpunt.core.outbox" in tasks
    # The old direct path is gone for good.
    from steunpunt.core import email as email_module
    from steunpunt.core import tasks as tasks_module

    assert not hasattr(email_module, "queue_email_message")
    assert not hasattr(tasks_module, "deliver_email")


@pytest.mark.postgres_only
def test_the_claim_query_reads_the_claim_index_in_order_without_sorting(settings):
    """EXPLAIN of the claim query on PostgreSQL: an index scan of core_outbox_claim_idx (queued
    rows by priority, created_at, id), cut at the chunk size, with no sort of the queue."""
    bulk_mailing(5000)
    OutboxMessage.objects.filter(pk__in=OutboxMessage.objects.values("pk")[:4000]).update(
        status=S.SENT, sent_at=timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_outboxmessage")
    query = outbox.due_messages().values_list("pk", flat=True)[: outbox.CLAIM_CHUNK]

    plan = query.explain()

    assert "core_outbox_claim_idx" in plan, plan
    assert "Sort" not in plan, plan
