"""Writes of the public matchmaking pages: the "Word leerwerkplek" intake and the "Interesse?"
question about a workplace.

The candidate itself is stored by `candidates.services.register_candidate_company`; this
module adds what the public form needs around it: an acknowledgement to the contact and a
notification to the coordinators, both through the outbox, in the same transaction (sent once
it commits).
"""

from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Postcode, Programme
from steunpunt.core.outbox import Priority, enqueue_messages, templated_message
from steunpunt.inbox.models import Question
from steunpunt.inbox.services import submit_question

from ..candidates import services as candidate_services
from ..common.coordinator_mail import coordinator_recipients
from ..models import CandidateCompany, Workplace


@transaction.atomic
def submit_candidate_company(
    *,
    company_name: str,
    postcode: Postcode,
    contact_first_name: str,
    contact_last_name: str,
    contact_email: str,
    consent: bool,
    enterprise_number: str = "",
    sector: str = "",
    programmes: Sequence[Programme] = (),
    contact_function: str = "",
    contact_phone: str = "",
    message: str = "",
    actor=None,
) -> CandidateCompany:
    """Register a candidate company from the public form and queue both mails."""
    candidate = candidate_services.register_candidate_company(
        actor=actor,
        programmes=programmes,
        company_name=company_name.strip(),
        enterprise_number=enterprise_number,
        postcode=postcode,
        sector=sector.strip(),
        contact_first_name=contact_first_name.strip(),
        contact_last_name=contact_last_name.strip(),
        contact_function=contact_function.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        message=message.strip(),
        consent_given_at=timezone.now() if consent else None,
    )
    context = {
        "candidate": candidate,
        "programmes": [str(p) for p in candidate.programmes.all()],
        "admin_path": reverse("admin:matchmaking_candidatecompany_change", args=[candidate.pk]),
    }
    enqueue_messages(
        batch=f"matchmaking-candidate-acknowledgement-{candidate.pk}",
        messages=[
            templated_message(
                "matchmaking_candidate_acknowledgement",
                email=candidate.contact_email,
                name=candidate.contact_name,
                context=context,
            )
        ],
        priority=Priority.TRANSACTIONAL,
    )
    enqueue_messages(
        batch=f"matchmaking-candidate-new-{candidate.pk}",
        messages=[
            templated_message("matchmaking_candidate_new", email=email, name=name, context=context)
            for email, name in coordinator_recipients()
        ],
    )
    return candidate


def workplace_label(workplace: Workplace) -> str:
    """How the inbox names the workplace (no personal data: company, programme, place)."""
    place = workplace.site.postcode.municipality or workplace.site.postcode.locality
    return _("Leerwerkplek %(programme)s bij %(company)s in %(place)s") % {
        "programme": workplace.programme.name,
        "company": workplace.site.organisation.name,
        "place": getattr(place, "name", place),
    }


def ask_about_workplace(
    *,
    workplace: Workplace,
    audience: str,
    text: str,
    name: str,
    email: str = "",
    phone: str = "",
    consent: bool,
) -> Question:
    """File the visitor's question in the Steunpunt's inbox, linked to the workplace."""
    return submit_question(
        kind=Question.Kind.QUESTION,
        audience=audience,
        text=text,
        name=name,
        email=email,
        phone=phone,
        subregion=workplace.site.postcode.subregion,
        consent=consent,
        about=workplace,
        about_label=workplace_label(workplace),
        about_url=reverse("admin:matchmaking_workplace_change", args=[workplace.pk]),
        actor=None,
    )
