"""Writes on the inbox: receiving questions, handling them, answering (anonymising: retention).

Every function is keyword-only, takes the `actor` (None for the public or a worker), runs in
its own transaction and validates with full_clean() before saving. E-mails are outbox rows
(steunpunt.core.outbox), sent once the transaction commits: the acknowledgement with
transactional priority, the answer with normal priority.
"""

import copy
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core import outbox
from steunpunt.core.email import build_email, clean_display_name, named_address
from steunpunt.core.markdown import render_markdown
from steunpunt.core.models import Organisation

from .audit import save_audited as _save
from .models import (
    Answer,
    IllegalTransition,
    InfoSessionDetails,
    Question,
    QuestionNote,
    ReferenceSequence,
)


@dataclass(frozen=True)
class InfoSessionData:
    organisation_name: str
    session_audience: str
    participants: int
    preferred_dates: str = ""
    place: str = ""


def next_reference(*, kind: str, at: datetime) -> str:
    """The next reference number for `kind` in the year of `at`, e.g. "V-2026-00042".

    The sequence row is locked (select_for_update) so two submissions never share a number.
    """
    key = f"{Question.REFERENCE_PREFIX[kind]}-{timezone.localtime(at):%Y}"
    ReferenceSequence.objects.get_or_create(key=key)
    ReferenceSequence.objects.filter(key=key).update(last_number=F("last_number") + 1)
    number = ReferenceSequence.objects.select_for_update().get(key=key).last_number
    return f"{key}-{number:05d}"


@transaction.atomic
def submit_question(
    *,
    kind: str = Question.Kind.QUESTION,
    audience: str,
    text: str,
    email: str = "",
    phone: str = "",
    name: str = "",
    postcode=None,
    subregion=None,
    consent: bool,
    info_session: InfoSessionData | None = None,
    about=None,
    about_label: str = "",
    about_url: str = "",
    actor=None,
) -> Question:
    """Store a question (or info-session request) from the public and acknowledge it by e-mail.

    `about` is any saved row the question is about (a workplace of the public finder); its
    label and the staff URL are stored with the generic link, so the inbox shows them without
    knowing the app that owns the row.
    """
    now = timezone.now()
    if kind == Question.Kind.INFO_SESSION and info_session is None:
        raise ValueError("An info-session request needs its details.")
    question = Question(
        kind=kind,
        audience=audience,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        postcode=postcode,
        subregion=(postcode.subregion if postcode and postcode.subregion_id else subregion),
        text=text.strip(),
        consent=consent,
        consent_given_at=now,
        created_at=now,
        about_label=(about_label or (str(about) if about is not None else ""))[:200],
        about_url=about_url,
    )
    if about is not None:
        question.about = about
    question.reference = next_reference(kind=kind, at=now)
    _save(question, actor)
    if info_session is not None:
        details = InfoSessionDetails(question=question, **info_session.__dict__)
        _save(details, actor)
    if question.email:
        message = build_email(
            "inbox_acknowledgement",
            to=[named_address(question.name, question.email)],
            context={"question": question, "info_session": info_session},
            reply_to=[settings.PORTAL_CONTACT_EMAIL],
        )
        outbox.enqueue_messages(
            batch=f"inbox.question:{question.pk}:acknowledgement",
            messages=[
                outbox.outgoing_from_email(message, email=question.email, name=question.name)
            ],
            priority=outbox.Priority.TRANSACTIONAL,
        )
    return question


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def start_question(*, question: Question, actor) -> Question:
    question = _locked(question)
    question.start()
    if question.assigned_to_id is None and actor is not None:
        question.assigned_to = actor
    _save(question, actor)
    return question


@transaction.atomic
def assign_question(*, question: Question, assignee, actor) -> Question:
    """Give the question to a coordinator (or to nobody with assignee=None)."""
    question = _locked(question)
    question.assigned_to = assignee
    _save(question, actor)
    return question


@transaction.atomic
def refer_question(
    *, question: Question, organisation: Organisation, reason: str, actor
) -> Question:
    if organisation is not None and organisation.kind != Organisation.Kind.PARTNER:
        raise IllegalTransition("Je kunt alleen naar een partnerorganisatie doorverwijzen.")
    question = _locked(question)
    question.refer(organisation=organisation, reason=reason.strip())
    _save(question, actor)
    return question


@transaction.atomic
def close_question(*, question: Question, actor) -> Question:
    question = _locked(question)
    question.close()
    _save(question, actor)
    return question


@transaction.atomic
def reopen_question(*, question: Question, actor) -> Question:
    question = _locked(question)
    question.reopen()
    _save(question, actor)
    return question


@transaction.atomic
def record_info_session_held(*, question: Question, held_on, actor) -> InfoSessionDetails:
    """Note the day the Steunpunt gave the requested info session (None: not held after all).
    It counts in the figure inbox.info_sessions_held from that day on."""
    question = _locked(question)
    details = InfoSessionDetails.objects.filter(question=question).first()
    if not question.is_info_session or details is None:
        raise IllegalTransition(_("Dit is geen aanvraag voor een infosessie."))
    if question.is_anonymised:
        raise IllegalTransition(_("Een geanonimiseerde aanvraag kan niet meer veranderen."))
    if held_on is not None and held_on > timezone.localdate():
        raise IllegalTransition(_("Een infosessie in de toekomst is nog niet gehouden."))
    details.held_on = held_on
    _save(details, actor)
    return details


@transaction.atomic
def add_note(*, question: Question, text: str, actor) -> QuestionNote:
    note = QuestionNote(question=question, author=actor, text=text.strip())
    _save(note, actor)
    return note


def answer_draft(*, question: Question, actor) -> str:
    """What the answer form starts with: the greeting and the signature, the coordinator writes
    in between and may change both. The mail template adds neither (one greeting, one
    sign-off, both visible in the preview)."""
    name = clean_display_name(question.name)
    greeting = _("Beste %(name)s,") % {"name": name} if name else _("Beste,")
    signature = [_("Met vriendelijke groeten,")]
    author = clean_display_name(actor.get_full_name()) if actor is not None else ""
    if author:
        signature.append(author)
    signature.append(settings.PORTAL_NAME)
    return f"{greeting}\n\n\n\n" + "\n".join(signature)


def answer_email(*, question: Question, body: str, actor) -> EmailMultiAlternatives:
    """The answer mail exactly as send_answer sends it (the preview shows this message)."""
    body = body.strip()
    return build_email(
        "inbox_answer",
        to=[named_address(question.name, question.email)],
        context={
            "question": question,
            "body": body,
            "answer_html": render_markdown(body, line_breaks=True),
        },
        reply_to=[settings.PORTAL_CONTACT_EMAIL],
    )


def preview_answer(*, question: Question, body: str, actor) -> EmailMultiAlternatives:
    """The mail send_answer would send now; refuses (IllegalTransition) exactly when sending
    would, without writing anything."""
    copy.copy(question).record_answer(at=timezone.now())
    return answer_email(question=question, body=body, actor=actor)


@transaction.atomic
def send_answer(*, question: Question, body: str, actor) -> Answer:
    """Mail the coordinator's answer (Markdown, with greeting and signature as written) to the
    asker and keep it with the question.

    The first answer sets `first_answered_at`; a new question moves to "in progress".
    """
    question = _locked(question)
    now = timezone.now()
    question.record_answer(at=now)
    if question.assigned_to_id is None:
        question.assigned_to = actor
    answer = Answer(question=question, author=actor, body=body.strip(), sent_to=question.email)
    answer.sent_at = now
    _save(answer, actor)
    _save(question, actor)
    message = answer_email(question=question, body=answer.body, actor=actor)
    outbox.enqueue_messages(
        batch=f"inbox.answer:{answer.pk}",
        messages=[outbox.outgoing_from_email(message, email=question.email, name=question.name)],
        priority=outbox.Priority.NORMAL,
    )
    return answer
