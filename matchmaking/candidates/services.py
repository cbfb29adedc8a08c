"""Writes of the candidate pipeline: companies that want to become a workplace.

Each service is keyword-only with an `actor`, runs in its own transaction, validates with
`full_clean()` before saving, and leaves an audit record (simple_history).
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Membership, Organisation, Programme
from steunpunt.core.outbox import enqueue_messages, templated_message

from ..common.history import save_with_history
from ..models import CandidateCompany, CandidateReferral, IllegalTransition

CANDIDATE_ACTIONS = {
    "mark_contacted": CandidateCompany.mark_contacted,
    "request_recognition": CandidateCompany.request_recognition,
    "mark_recognised": CandidateCompany.mark_recognised,
    "not_pursue": CandidateCompany.not_pursue,
}


@transaction.atomic
def register_candidate_company(
    *, actor=None, programmes: Sequence[Programme] = (), **fields
) -> CandidateCompany:
    """A company that wants to become a workplace (the public intake form or a coordinator)."""
    fields.setdefault("consent_given_at", None)
    if not fields["consent_given_at"]:
        raise ValidationError(
            {"consent_given_at": _("Zonder toestemming kunnen we je niet contacteren.")}
        )
    candidate = CandidateCompany(**fields)
    candidate.full_clean()
    save_with_history(candidate, actor=actor)
    candidate.programmes.set(list(programmes))
    return candidate


@transaction.atomic
def move_candidate(
    *, candidate: CandidateCompany, action: str, actor, **params
) -> CandidateCompany:
    if action not in CANDIDATE_ACTIONS:
        raise IllegalTransition(_("Onbekende statuswijziging."))
    candidate = CandidateCompany.objects.select_for_update().get(pk=candidate.pk)
    CANDIDATE_ACTIONS[action](candidate, **params)
    candidate.full_clean()
    save_with_history(candidate, actor=actor)
    return candidate


@transaction.atomic
def refer_candidate(
    *,
    candidate: CandidateCompany,
    providers: Sequence[Organisation],
    actor,
    on: date | None = None,
    note: str = "",
) -> CandidateReferral:
    """Record a hand-over of a candidate to providers and mail their contacts (outbox, on commit).

    Returns the referral; `referral.mailed` says how many contacts were queued.
    """
    providers = list(providers)
    if not providers:
        raise ValidationError(_("Kies minstens één opleidingsverstrekker."))
    not_providers = [p.name for p in providers if p.kind not in Organisation.PROVIDER_KINDS]
    if not_providers:
        raise ValidationError(
            _("Alleen opleidingsverstrekkers kunnen een kandidaat ontvangen: %(names)s.")
            % {"names": ", ".join(not_providers)}
        )
    if candidate.status in (
        CandidateCompany.Status.RECOGNISED,
        CandidateCompany.Status.NOT_PURSUED,
    ):
        raise IllegalTransition(_("Deze kandidaat is al afgesloten."))
    referral = CandidateReferral(
        candidate=candidate,
        referred_on=on or timezone.localdate(),
        referred_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    referral.full_clean()
    referral.save()
    referral.providers.set(providers)
    referral.mailed = _mail_referral(referral, providers)
    return referral


def _mail_referral(referral: CandidateReferral, providers: list[Organisation]) -> int:
    """One outbox row per active contact (with an e-mail address) of the providers."""
    candidate = referral.candidate
    context = {
        "candidate": candidate,
        "referral": referral,
        "programmes": [str(p) for p in candidate.programmes.all()],
    }
    messages = []
    contacts = (
        Membership.objects.filter(organisation__in=providers, ended_on__isnull=True)
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__email")
    )
    for membership in contacts:
        person = membership.person
        messages.append(
            templated_message(
                "matchmaking_candidate_referral",
                email=person.email,
                name=person.full_name,
                context=context,
            )
        )
    return enqueue_messages(
        batch=f"matchmaking-candidate-referral-{referral.pk}", messages=messages
    )
