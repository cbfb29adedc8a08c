"""bench/invitations.py at a tiny size: the body it builds and the invitations it sends (here
the outbox task runs in-process; the benchmark itself uses a real worker and an SMTP sink)."""

import pytest
from django.core import mail

from bench import invitations

pytestmark = pytest.mark.django_db


def test_the_benchmark_invites_every_delegate_once_with_an_ics(
    django_capture_on_commit_callbacks,
):
    meeting, emails = invitations.seed(delegates=3)
    with django_capture_on_commit_callbacks(execute=True):
        queued, batch = invitations.invite(meeting)
    assert queued == 3
    assert invitations.wait_until_sent(batch, timeout=5) == {"sent": 3}
    sent_to = sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox)
    assert sent_to == sorted(emails)
    assert all(
        any("text/calendar" in str(attachment) for attachment in message.attachments)
        for message in mail.outbox
    )
    invitations.remove(meeting)
    assert not type(meeting).objects.filter(pk=meeting.pk).exists()
