"""Subjects and text bodies are plain text, not HTML (issue 13, finding 6): an ampersand or a
quote in a company or meeting name stays what it is; only the HTML alternative escapes."""

from datetime import datetime
from types import SimpleNamespace

import pytest

from steunpunt.core.email import build_email

NAME = "Garage Vandenbroucke & Zonen 'De <Poort>'"
ENTITIES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")


def candidate():
    return SimpleNamespace(
        company_name=NAME,
        postcode="8500 Kortrijk",
        enterprise_number="",
        sector="",
        contact_name='Zoë "Zee" Ünal',
        contact_function="",
        contact_email="zoe@garage.test",
        contact_phone="",
        message="Wij & jullie",
    )


@pytest.mark.parametrize(
    "template", ["matchmaking_candidate_new", "matchmaking_candidate_referral"]
)
def test_candidate_mails_keep_the_company_name_as_typed(template):
    message = build_email(
        template,
        to=["x@school.test"],
        context={"candidate": candidate(), "programmes": [], "admin_path": "/beheer/"},
    )
    assert NAME in message.subject
    assert not any(entity in message.subject for entity in ENTITIES)
    assert NAME in message.body
    assert not any(entity in message.body for entity in ENTITIES)
    html = message.alternatives[0][0]
    assert "Garage Vandenbroucke &amp; Zonen" in html and "&lt;Poort&gt;" in html  # still escaped


def test_a_meeting_invitation_keeps_the_ampersand():
    meeting = SimpleNamespace(body=SimpleNamespace(name="Raad van Bestuur & Partners"), title="Q&A")
    invitation = SimpleNamespace(person=SimpleNamespace(first_name="Zoë"))
    message = build_email(
        "network_invitation",
        to=["x@school.test"],
        context={"meeting": meeting, "invitation": invitation, "starts_at": datetime(2026, 3, 2)},
    )
    assert "Raad van Bestuur & Partners: Q&A" in message.subject
    assert "Raad van Bestuur & Partners" in message.body
    assert not any(entity in message.subject + message.body for entity in ENTITIES)
