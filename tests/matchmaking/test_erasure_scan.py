"""Erasure that erases, export that exports (issue 13, point 3).

A learner's name, phone and e-mail (and her father's) are written into every free-text field
a user can reach: the file, proposal steps, end reasons, exclusions, a fixed match, the
agreement, an admin change, mails through the outbox to the school's and the company's
contacts and to her and her father, a failed job. The export must show it all; after the
erasure a scan of EVERY column of EVERY table (JSON decoded, base64 attachments decoded) and
of every file under MEDIA_ROOT finds none of her strings, and the proposal page shows none.
"""

import base64
import html
import json
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from matchmaking.learners import export as learner_export
from matchmaking.learners import privacy
from matchmaking.learners import services as learner_services
from matchmaking.models import Agreement, Learner, Proposal, UnmatchedLearner
from matchmaking.runs import services as runs_services
from steunpunt.core import outbox
from steunpunt.core.jobs import record_task_failure
from steunpunt.core.models import JobFailure, OutboxMessage
from steunpunt.core.outbox import OutgoingMessage, enqueue_messages
from steunpunt.inbox import services as inbox_services
from steunpunt.inbox.models import Question
from tests.factories import CompanyFactory, MembershipFactory, PersonFactory
from tests.matchmaking.factories import CompanySiteFactory, WorkplaceFactory
from tests.matchmaking.runs_factories import MatchingRunFactory, ProposalFactory

pytestmark = pytest.mark.django_db

NAME = "Zoë Vercruysse-Ilyasova"
EMAIL = "zoe.vercruysse@example.org"
PHONE = "0471 23 45 67"
PARENT = "Marc Vercruysse"
PARENT_EMAIL = "marc.vercruysse@example.org"
PARENT_PHONE = "0478 98 76 54"
STREET = "Zeedijk 214"
# What must be gone: every string as typed, the phones without spaces, each part of her name.
NEEDLES = (
    NAME,
    "Zoë",
    "Vercruysse",
    "Ilyasova",
    EMAIL,
    PHONE,
    PHONE.replace(" ", ""),
    PARENT,
    PARENT_EMAIL,
    PARENT_PHONE,
    PARENT_PHONE.replace(" ", ""),
    STREET,
)
# A sentence that names her in every way, for the free texts.
ABOUT_HER = f"{NAME} ({PHONE}, {EMAIL}); vader {PARENT}, {PARENT_PHONE}, {PARENT_EMAIL}"
TODAY = timezone.localdate()


def _contact(organisation, email):
    person = PersonFactory(email=email, first_name="Contact", last_name=email.split("@")[0])
    MembershipFactory(person=person, organisation=organisation)


def _move(proposal, action, actor, **params):
    return runs_services.move_proposal(proposal=proposal, action=action, actor=actor, **params)


def _form_data(form) -> dict:
    """A bound form's POST data from an unbound one: what the browser would send back."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def _admin_change(client, learner, **changes):
    """Change the learner in the admin as a coordinator would (writes django_admin_log)."""
    url = reverse("admin:matchmaking_learner_change", args=[learner.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(_form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(_form_data(form))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def _texts(value):
    """Every text a stored value holds: itself, its JSON decoded, base64 contents decoded."""
    if value is None:
        return
    if isinstance(value, (bytes, memoryview)):
        value = bytes(value).decode("utf-8", errors="ignore")
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    if not isinstance(value, str):
        return
    yield value
    if value.lstrip()[:1] in ("{", "[", '"'):
        try:
            decoded = json.loads(value)
        except ValueError:
            return
        yield from _json_texts(decoded)


def _json_texts(decoded):
    if isinstance(decoded, str):
        yield decoded
    elif isinstance(decoded, list):
        for item in decoded:
            yield from _json_texts(item)
    elif isinstance(decoded, dict):
        for key, item in decoded.items():
            yield key
            if key == "content_base64" and isinstance(item, str):
                yield base64.b64decode(item).decode("utf-8", errors="ignore")
            yield from _json_texts(item)


def _found(text: str) -> list[str]:
    lowered = html.unescape(text).lower()
    return [needle for needle in NEEDLES if needle.lower() in lowered]


def scan_database() -> list[tuple[str, str, str, str]]:
    """(table, column, needle, excerpt) for every occurrence in every column of every table."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(
                f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}"  # noqa: S608
            )
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    for text in _texts(value):
                        for needle in _found(text):
                            hits.append((table, column, needle, text[:120]))
    return hits


def scan_media(settings) -> list[tuple[str, str]]:
    hits = []
    for path in settings.MEDIA_ROOT.rglob("*"):
        if path.is_file():
            for text in _texts(path.read_bytes()):
                hits += [(str(path), needle) for needle in _found(text)]
    return hits


@pytest.fixture
def her(coordinator, school, school_contact, client, settings):
    """Zoë, with her data typed into everything a coordinator can type it into."""
    first = WorkplaceFactory(places=1)
    second = WorkplaceFactory(
        places=1, programme=first.programme, site=CompanySiteFactory(postcode=first.site.postcode)
    )
    for workplace in (first, second):
        _contact(workplace.site.organisation, f"mentor{workplace.pk}@bedrijf.test")

    learner = learner_services.register_learner(
        actor=coordinator,
        programmes=[first.programme],
        first_name="Zoë",
        last_name="Vercruysse-Ilyasova",
        birth_date=date(2009, 3, 14),
        email=EMAIL,
        phone=PHONE,
        street=STREET,
        postcode=first.site.postcode,
        parent_name=PARENT,
        parent_email=PARENT_EMAIL,
        parent_phone=PARENT_PHONE,
        provider=school,
        notes=f"Intake met {ABOUT_HER}.",
        consent_given_on=TODAY,
        consent_given_by=Learner.ConsentBy.PARENT,
    )
    learner_services.move_learner(
        learner=learner, action="screen", actor=coordinator, readiness="arbeidsrijp"
    )
    learner_services.move_learner(learner=learner, action="start_search", actor=coordinator)

    # A first proposal: accepted, introduced, declined and the company excluded.
    declined = ProposalFactory(run=MatchingRunFactory(), learner=learner, workplace=first)
    runs_services.accept_proposal(proposal=declined, actor=coordinator)
    _move(declined, "plan_introduction", coordinator, on=TODAY, note=f"Gesprek: {ABOUT_HER}")
    _move(declined, "decline", coordinator, reason=f"{NAME} paste niet", exclude_company=True)
    runs_services.exclude_company(
        learner=learner,
        company=CompanyFactory(),
        reason=f"Vader {PARENT} wil het niet",
        actor=coordinator,
    )
    # A second: all the way to an agreement that ends.
    proposal = ProposalFactory(run=MatchingRunFactory(), learner=learner, workplace=second)
    runs_services.accept_proposal(proposal=proposal, actor=coordinator)
    _move(proposal, "plan_introduction", coordinator, on=TODAY, note=f"Bel {PARENT_PHONE}")
    _move(proposal, "start_trial", coordinator, note=f"{NAME} start de proef")
    _move(
        proposal,
        "sign",
        coordinator,
        agreement_type="oao",
        start_date=TODAY - timedelta(days=30),
        hours_per_week=28,
        note=f"Getekend door {PARENT}",
    )
    _move(proposal, "start_running", coordinator)
    _move(proposal, "end", coordinator, reason=f"{NAME} verhuist; {PARENT_PHONE}")
    runs_services.fix_match(
        learner=learner, workplace=second, actor=coordinator, note=f"Voor {NAME}"
    )
    UnmatchedLearner.objects.create(
        run=MatchingRunFactory(), learner=learner, reason=f"Geen plaats voor {NAME}"
    )

    # An admin change (django_admin_log: object repr and change message).
    client.force_login(coordinator)
    _admin_change(client, Learner.objects.get(pk=learner.pk), notes=f"Admin: {ABOUT_HER}")

    # Mails: the proposal steps (already queued, to the school's and companies' contacts), one
    # to her and one to her father with a text attachment and a header, one to a school contact
    # that names her; all sent, the father's refused by his server.
    attachment = {
        "filename": "brief.txt",
        "mimetype": "text/plain",
        "content_base64": base64.b64encode(f"Beste {ABOUT_HER}".encode()).decode(),
    }
    enqueue_messages(
        batch="test-brief-aan-de-jongere",
        messages=[
            OutgoingMessage(
                recipient_email=address,
                recipient_name=name,
                subject=f"Over {NAME}",
                body_text=f"Beste {name}, {ABOUT_HER}",
                body_html=f"<p>Beste {name}, {ABOUT_HER}</p>",
                headers={"X-Dossier": NAME},
                attachments=[attachment],
            )
            for address, name in ((EMAIL, NAME), (PARENT_EMAIL, PARENT), ("school@vti.test", ""))
        ],
    )
    result = outbox.dispatch(sleep=lambda seconds: None)
    assert result.sent >= 3
    OutboxMessage.objects.filter(recipient_email=PARENT_EMAIL).update(
        status=OutboxMessage.Status.FAILED,
        last_error=f"550 5.1.1 <{PARENT_EMAIL}>: mailbox of {PARENT} unknown",
    )

    # A background job that failed with her data in its arguments and error.
    try:
        raise ValueError(f"Geen adres voor {NAME} ({EMAIL})")
    except ValueError as exc:
        record_task_failure(
            sender=SimpleNamespace(name="matchmaking.tasks.voorbeeld"),
            task_id="t-1",
            exception=exc,
            args=(NAME,),
            kwargs={"phone": PHONE, "parent_phone": PARENT_PHONE},
        )
    # Her father asked the Steunpunt about her (the inbox: question, audit trail, a note).
    question = inbox_services.submit_question(
        audience=Question.Audience.PARENT,
        text=f"Mijn dochter {NAME} zoekt een plaats; bel {PARENT_PHONE}.",
        email=PARENT_EMAIL,
        phone=PARENT_PHONE,
        name=PARENT,
        consent=True,
    )
    inbox_services.add_note(question=question, text=f"Belde {NAME} zelf op", actor=coordinator)
    return SimpleNamespace(
        learner=Learner.objects.get(pk=learner.pk), proposal=proposal, declined=declined
    )


def test_before_the_erasure_her_data_is_everywhere(her):
    """The scan below is not vacuous: it finds her in the places the issue names."""
    tables = {hit[0] for hit in scan_database()}
    for table in (
        "matchmaking_learner",
        "matchmaking_historicallearner",
        "matchmaking_proposal",
        "matchmaking_proposaltransition",
        "matchmaking_matchexclusion",
        "matchmaking_agreement",
        "matchmaking_historicalagreement",
        "matchmaking_fixedmatch",
        "matchmaking_unmatchedlearner",
        "django_admin_log",
        "core_outboxmessage",
        "core_jobfailure",
        "inbox_question",
        "inbox_historicalquestion",
        "inbox_questionnote",
    ):
        assert table in tables
    step_mails = OutboxMessage.objects.filter(batch__startswith="matchmaking-proposal-step-")
    assert step_mails.filter(subject__contains="Zoë V.").count() >= 10
    assert set(step_mails.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}


def test_the_export_holds_every_free_text_about_her(her, coordinator):
    content, _type = learner_export.export_learner(
        learner=her.learner, actor=coordinator, fmt="json"
    )
    data = json.loads(content)
    dumped = json.dumps(data, ensure_ascii=False)
    steps = data["matchmaking.proposal_steps"]
    assert f"Gesprek: {ABOUT_HER}" in [step["notitie"] for step in steps]
    assert f"Getekend door {PARENT}" in [step["notitie"] for step in steps]
    assert {p["reden"] for p in data["proposals"]} == {
        f"{NAME} paste niet",
        f"{NAME} verhuist; {PARENT_PHONE}",
    }
    assert {e["reden"] for e in data["exclusions"]} == {
        f"{NAME} paste niet",
        f"Vader {PARENT} wil het niet",
    }
    assert data["agreements"][0]["reden van beëindiging"] == f"{NAME} verhuist; {PARENT_PHONE}"
    history = data["matchmaking.agreement_history"]
    assert [h["status"] for h in history] == ["Ondertekend", "Loopt", "Beëindigd"]
    assert data["fixed_match"][0]["toelichting"] == f"Voor {NAME}"
    assert data["matchmaking.unmatched"][0]["reden"] == f"Geen plaats voor {NAME}"
    # mails: the steps to the school's and companies' contacts, and those to and about her
    step_mails = data["matchmaking.step_mails"]
    assert (
        len(step_mails)
        == OutboxMessage.objects.filter(batch__startswith="matchmaking-proposal-step-").count()
    )
    assert {m["e-mailadres"] for m in data["core.outbox"]} == {
        EMAIL,
        PARENT_EMAIL,
        "school@vti.test",
    }
    assert f"mailbox of {PARENT} unknown" in dumped
    [log] = data["core.admin_log"]
    assert log["object-repr"] == NAME
    [failure] = data["core.job_failures"]
    assert EMAIL in failure["fout"]
    assert f"Admin: {ABOUT_HER}" in dumped  # the file's history


def test_the_pdf_export_shows_the_new_sections(her):
    from django.template.loader import render_to_string

    export = learner_export.collect_learner_export(her.learner)
    page = render_to_string("pdf/learner_export.html", {"export": export, "learner": her.learner})
    for title in (
        "Stappen van de voorstellen",
        "Geschiedenis van de overeenkomsten",
        "E-mails over de stappen van de voorstellen",
        "E-mails aan of over deze persoon",
        "Wijzigingen in het beheer",
        "Mislukte achtergrondtaken die deze persoon noemen",
    ):
        assert title in page
    assert html.escape(f"Gesprek: {ABOUT_HER}") in page


def test_after_the_erasure_no_table_and_no_file_holds_her(her, coordinator, settings):
    counts = {
        "outbox": OutboxMessage.objects.count(),
        "sent": OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count(),
        "steps": her.proposal.transitions.count() + her.declined.transitions.count(),
        "log": LogEntry.objects.count(),
        "failures": JobFailure.objects.count(),
    }
    # the export is streamed to the coordinator, never stored: nothing under MEDIA_ROOT after
    learner_export.export_learner(learner=her.learner, actor=coordinator, fmt="json")

    assert privacy.anonymise_learner(learner=her.learner, actor=coordinator)

    assert scan_database() == []
    assert scan_media(settings) == []
    # the rows stay, countable as before
    assert counts == {
        "outbox": OutboxMessage.objects.count(),
        "sent": OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count(),
        "steps": her.proposal.transitions.count() + her.declined.transitions.count(),
        "log": LogEntry.objects.count(),
        "failures": JobFailure.objects.count(),
    }
    to_her = OutboxMessage.objects.filter(batch="test-brief-aan-de-jongere").order_by("pk")
    addresses = [row.recipient_email for row in to_her]
    assert addresses == [
        f"gewist-{to_her[0].pk}@geanonimiseerd.invalid",
        f"gewist-{to_her[1].pk}@geanonimiseerd.invalid",
        "school@vti.test",  # another recipient: the address stays, the text about her goes
    ]
    assert [row.attachments for row in to_her[:2]] == [[], []]
    assert to_her[1].status == OutboxMessage.Status.FAILED
    assert to_her[2].body_text.startswith("Beste , Geanonimiseerd")
    assert Proposal.objects.get(pk=her.proposal.pk).end_reason == "Geanonimiseerd"
    assert Agreement.objects.get(learner=her.learner).status == Agreement.Status.ENDED


def test_a_second_erasure_of_an_erased_row_keeps_the_placeholder_addresses_unique(her):
    """Two erased learners' mails in one batch: the placeholder addresses do not collide."""
    other = learner_services.register_learner(
        actor=None,
        first_name="Emiel",
        last_name="Debruyne",
        birth_date=date(2000, 1, 1),
        email="emiel@example.org",
        postcode=her.learner.postcode,
        provider=her.learner.provider,
    )
    enqueue_messages(
        batch="test-brief-aan-de-jongere",
        messages=[OutgoingMessage(recipient_email="emiel@example.org", subject="x", body_text="y")],
    )
    privacy.anonymise_learner(learner=her.learner, actor=None)
    privacy.anonymise_learner(learner=other, actor=None)
    rows = OutboxMessage.objects.filter(recipient_email__endswith="@geanonimiseerd.invalid")
    # Her letter, her father's letter and the inbox's acknowledgement of his question (an
    # outbox row since issue 14), and Emiel's letter.
    assert rows.count() == 4
    assert rows.values("recipient_email").distinct().count() == 4


def test_the_proposal_page_shows_nothing_of_her_after_the_erasure(
    her, client, coordinator, school_contact
):
    url = reverse("matchmaking:proposal_detail", kwargs={"uuid": her.proposal.uuid})
    client.force_login(coordinator)
    before = client.get(url).content.decode()
    assert NAME in before and PARENT_PHONE in before  # the page did show her

    privacy.anonymise_learner(learner=her.learner, actor=coordinator)

    for user in (coordinator, school_contact):
        client.force_login(user)
        for proposal in (her.proposal, her.declined):
            response = client.get(
                reverse("matchmaking:proposal_detail", kwargs={"uuid": proposal.uuid})
            )
            assert response.status_code == 200
            assert _found(response.content.decode()) == []
            assert "Geanonimiseerd" in response.content.decode()


def test_the_admin_start_page_shows_nothing_of_her_after_the_erasure(her, client, coordinator):
    client.force_login(coordinator)
    assert NAME in client.get(reverse("admin:index")).content.decode()
    privacy.anonymise_learner(learner=her.learner, actor=coordinator)
    assert _found(client.get(reverse("admin:index")).content.decode()) == []


def test_the_mails_of_other_people_keep_their_own_names(her, coordinator):
    """Only her strings go: the contact's name and a school's mail about someone else stay."""
    enqueue_messages(
        batch="test-ander",
        messages=[
            OutgoingMessage(
                recipient_email="andere@school.test",
                recipient_name="Zoë Peeters",
                subject="Over Lies Vermeulen",
                body_text="Zoë Peeters schreef over Lies Vermeulen.",
            )
        ],
    )
    privacy.anonymise_learner(learner=her.learner, actor=coordinator)
    row = OutboxMessage.objects.get(batch="test-ander")
    assert (row.recipient_name, row.body_text) == (
        "Zoë Peeters",
        "Zoë Peeters schreef over Lies Vermeulen.",
    )
