"""One row never stops the outbox (issue 13, finding 1): a hostile name is addressed correctly,
a row that cannot be built fails alone and for good, an unexpected error fails that row only,
and a message built elsewhere (build_email, allauth's render_mail) survives the same names on
its way through the outbox (once a direct Celery path, deliver_email, now removed)."""

import email
import email.policy
from email.utils import getaddresses

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from steunpunt.core import outbox
from steunpunt.core.email import clean_address, clean_display_name, named_address
from steunpunt.core.models import JobFailure, OutboxMessage

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
HOSTILE_NAMES = [
    "De Smet, Jan",
    "O'Brien & Zonen <BV>",
    'Zoë "Zee" Ünal',
    "a@b",
    "De Smet, Jan\n<x@y>",
    "Jan\r\nBcc: spion@elders.test",
    "Tab\tand\x00nul\x7f and\u2028separator",
    "Z" * 200,
]


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.OUTBOX_RATE_PER_MINUTE = 0
    settings.OUTBOX_MAX_ATTEMPTS = 3


def point_mail_at(settings, port):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def message(email, name="", **extra):
    return outbox.OutgoingMessage(
        recipient_email=email,
        recipient_name=name,
        subject="Uitnodiging",
        body_text="Beste,\n",
        **extra,
    )


# --- The helper --------------------------------------------------------------------------------


def parsed(header_value: str) -> list[tuple[str, str]]:
    """(display name, address) pairs as a mail client reads them (RFC 2047 decoded)."""
    message = email.message_from_string(f"To: {header_value}\n\n", policy=email.policy.default)
    return [(a.display_name, a.addr_spec) for a in message["To"].addresses]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_named_address_parses_back_to_the_address_and_the_cleaned_name(name):
    address = named_address(name, "jan@school.test")
    assert "\n" not in address and "\r" not in address
    assert parsed(address) == [(clean_display_name(name), "jan@school.test")]


def test_clean_display_name_keeps_one_line_and_every_visible_character():
    assert clean_display_name("De Smet, Jan\n<x@y>") == "De Smet, Jan <x@y>"
    assert clean_display_name("  Zoë\t\x00 Ünal \u2028") == "Zoë Ünal"
    assert named_address("\n\t", "a@school.test") == "a@school.test"
    # A plain name stays readable; Django encodes a non-ASCII one when it writes the message.
    assert named_address("Katrien Coördinator", "k@x.test") == "Katrien Coördinator <k@x.test>"
    assert named_address("Zoë, Ünal", "z@bücher.be") == '"Zoë, Ünal" <z@bücher.be>'
    assert clean_address("Jan\n <jan@school.test>") == "Jan <jan@school.test>"


# --- The outbox --------------------------------------------------------------------------------


def test_a_hostile_name_neither_stops_the_run_nor_loses_its_own_mail(settings, smtp_sink):
    point_mail_at(settings, smtp_sink.port)
    outbox.enqueue_messages(
        batch="network.event:1",
        messages=[message("eerst@school.test", "Eerst")]
        + [message(f"r{n}@school.test", name) for n, name in enumerate(HOSTILE_NAMES)]
        + [message("idn@bücher.be", "Zoë, Ünal"), message("laatst@school.test", "Laatst")],
    )

    result = outbox.dispatch()

    assert (result.sent, result.failed) == (len(HOSTILE_NAMES) + 3, 0)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    received = {}
    for sent in smtp_sink.messages:
        [to] = sent["To"].addresses
        received[to.addr_spec] = to.display_name
    assert received["laatst@school.test"] == "Laatst"
    assert received["idn@xn--bcher-kva.be"] == "Zoë, Ünal"  # Django wrote the domain as IDNA
    for n, name in enumerate(HOSTILE_NAMES):
        assert received[f"r{n}@school.test"] == clean_display_name(name)
    # Only the intended recipients were in the envelope (no header injection via the name).
    assert sorted(r for _, rcpts in smtp_sink.envelopes for r in rcpts) == sorted(received)
    assert len(smtp_sink.messages) == len(received)


@pytest.mark.parametrize(
    "broken",
    [
        {"headers": {"X-Kapot": "een\nregel"}},  # Django refuses a header with a line break
        {"attachments": [{"filename": "x.pdf", "mimetype": "application/pdf"}]},  # no content
        {"email": "niet een adres@@school.test"},
    ],
    ids=["header", "attachment", "address"],
)
def test_a_row_that_cannot_be_built_fails_for_good_alone(broken):
    bad = message(broken.get("email", "kapot@school.test"), "Kapot")
    bad.headers = broken.get("headers", {})
    bad.attachments = broken.get("attachments", [])
    outbox.enqueue_messages(
        batch="campaigns.mailing:9",
        messages=[message("a@school.test"), bad, message("b@school.test")],
    )

    result = outbox.dispatch()

    assert (result.sent, result.failed, result.retried) == (2, 1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@school.test", "b@school.test"]
    row = OutboxMessage.objects.get(status="failed")
    assert row.next_attempt_at is None and row.attempts == 1
    assert "kon niet worden opgemaakt" in row.last_error
    failure = JobFailure.objects.get()
    assert "campaigns.mailing:9" in failure.exception and "opgemaakt" in failure.exception
    # Never retried: nothing is due, a second run sends and records nothing.
    assert not outbox.due_messages().exists()
    assert outbox.dispatch().failed == 0 and JobFailure.objects.count() == 1


def test_an_unexpected_error_fails_that_row_and_the_run_goes_on(monkeypatch):
    outbox.enqueue_messages(
        batch="test.batch",
        messages=[message("a@school.test"), message("boem@school.test"), message("c@school.test")],
    )
    real_hand_over = outbox.hand_over

    def hand_over(row, token, now=None):
        if row.recipient_email == "boem@school.test":
            raise RuntimeError("onverwacht")
        return real_hand_over(row, token, now)

    monkeypatch.setattr(outbox, "hand_over", hand_over)

    result = outbox.dispatch()

    assert (result.sent, result.failed) == (2, 1)
    row = OutboxMessage.objects.get(recipient_email="boem@school.test")
    assert row.status == "failed" and "RuntimeError: onverwacht" in row.last_error
    assert set(OutboxMessage.objects.exclude(pk=row.pk).values_list("status", flat=True)) == {
        "sent"
    }
    assert "test.batch" in JobFailure.objects.get().exception


# --- A message built elsewhere (outgoing_from_email) ---------------------------------------


def built(**extra):
    """A message as build_email or allauth's render_mail hand it over."""
    return EmailMultiAlternatives(
        subject="Je logincode",
        body="Dag,\n",
        from_email="Steunpunt Duaal Leren <duaalleren@west-vlaanderen.be>",
        to=["jan@school.test"],
        **extra,
    )


def test_a_built_message_with_line_breaks_in_names_is_rebuilt_not_refused(settings, smtp_sink):
    point_mail_at(settings, smtp_sink.port)
    message = built(reply_to=["Vragen\r\n <v@x.test>"])
    message.attach_alternative("<p>Dag,</p>", "text/html")
    outbox.enqueue_messages(
        batch="accounts.login_code:1",
        messages=[
            outbox.outgoing_from_email(message, email="jan@school.test", name="De Smet\n Jan")
        ],
    )

    assert outbox.dispatch().sent == 1

    [sent] = smtp_sink.messages
    assert getaddresses([str(sent["To"])]) == [("De Smet Jan", "jan@school.test")]
    assert getaddresses([str(sent["Reply-To"])]) == [("Vragen", "v@x.test")]
    assert sent.get_body(("html",)).get_content().strip() == "<p>Dag,</p>"
    assert smtp_sink.envelopes[0][1] == ["jan@school.test"]


def test_an_unbuildable_built_message_fails_once_and_is_recorded_without_retrying():
    message = built(headers={"X-Kapot": "een\nregel"})
    outbox.enqueue_messages(
        batch="accounts.login_code:2",
        messages=[outbox.outgoing_from_email(message, email="jan@school.test")],
    )

    result = outbox.dispatch()

    assert (result.sent, result.failed, result.retried) == (0, 1, 0)
    assert mail.outbox == []
    row = OutboxMessage.objects.get()
    assert row.status == "failed" and row.attempts == 1 and row.next_attempt_at is None
    failure = JobFailure.objects.get()
    assert failure.task_name == outbox.DISPATCH_TASK
    assert "accounts.login_code:2" in failure.exception
    assert outbox.dispatch().failed == 0 and JobFailure.objects.count() == 1
