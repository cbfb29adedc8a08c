"""Writes of the matchmaking app: learners, recognitions, workplaces, candidate companies.

Each service is keyword-only with an `actor`, runs in its own transaction, validates with
`full_clean()` before saving, and leaves an audit record (simple_history for every change of a
learner, recognition, workplace or candidate; a LearnerAccess row for every view of a learner).
"""

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Membership, Organisation, Person, Programme, Site
from steunpunt.core.outbox import enqueue_messages, templated_message

from .models import (
    Agreement,
    CandidateCompany,
    CandidateReferral,
    IllegalTransition,
    Learner,
    LearnerAccess,
    LearnerWish,
    Recognition,
    Workplace,
)

# Learner status changes a caller may ask for by name, with the keyword arguments they take.
LEARNER_ACTIONS = {
    "screen": Learner.screen,
    "start_search": Learner.start_search,
    "propose": Learner.propose,
    "plan_introduction": Learner.plan_introduction,
    "sign_agreement": Learner.sign_agreement,
    "start_running": Learner.start_running,
    "end": Learner.end,
    "refer": Learner.refer,
}

CANDIDATE_ACTIONS = {
    "mark_contacted": CandidateCompany.mark_contacted,
    "request_recognition": CandidateCompany.request_recognition,
    "mark_recognised": CandidateCompany.mark_recognised,
    "not_pursue": CandidateCompany.not_pursue,
}


def _save_with_history(obj, *, actor, reason: str = ""):
    """Save a history-tracked row with who did it (simple_history reads these attributes)."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason
    obj.save()


# Learners


def record_learner_access(
    *, learner: Learner, user, action: str = LearnerAccess.Action.VIEW, what: str = ""
) -> LearnerAccess:
    """Log that `user` viewed (or exported, changed) a learner file; every learner view calls it."""
    return LearnerAccess.objects.create(
        learner=learner,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        what=what[:200],
    )


def _set_wishes(learner: Learner, programmes: Sequence[Programme]) -> None:
    if len({p.pk for p in programmes}) != len(programmes):
        raise ValidationError(_("Elke opleiding mag maar één keer in de wensen staan."))
    learner.wishes.all().delete()
    LearnerWish.objects.bulk_create(
        LearnerWish(learner=learner, programme=programme, rank=rank)
        for rank, programme in enumerate(programmes, start=1)
    )


@transaction.atomic
def register_learner(*, actor, programmes: Sequence[Programme] = (), **fields) -> Learner:
    """A new learner file, with the wished programmes in order of preference (first = rank 1)."""
    learner = Learner(**fields)
    learner.full_clean()
    _save_with_history(learner, actor=actor, reason=_("Aangemeld"))
    _set_wishes(learner, list(programmes))
    record_learner_access(learner=learner, user=actor, action=LearnerAccess.Action.CREATE)
    return learner


@transaction.atomic
def update_learner(
    *, learner: Learner, actor, programmes: Sequence[Programme] | None = None, **fields
) -> Learner:
    """Change fields of a learner file (not its status: see `move_learner`)."""
    if "status" in fields:
        raise ValidationError(_("De status wijzig je met een statuswijziging, niet hier."))
    for name, value in fields.items():
        setattr(learner, name, value)
    learner.full_clean()
    _save_with_history(learner, actor=actor)
    if programmes is not None:
        _set_wishes(learner, list(programmes))
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=", ".join(fields)
    )
    return learner


@transaction.atomic
def move_learner(*, learner: Learner, action: str, actor, **params) -> Learner:
    """Apply one status change (see LEARNER_ACTIONS); refused changes raise IllegalTransition."""
    if action not in LEARNER_ACTIONS:
        raise IllegalTransition(_("Onbekende statuswijziging."))
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if action == "screen":
        params.setdefault("by", actor)
    LEARNER_ACTIONS[action](learner, **params)
    learner.full_clean()
    _save_with_history(learner, actor=actor, reason=learner.get_status_display())
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=f"status: {action}"
    )
    return learner


# Recognitions and workplaces


@transaction.atomic
def request_recognition(
    *, site: Site, programme: Programme, actor, reference: str = "", mentors: Iterable[Person] = ()
) -> Recognition:
    recognition = Recognition(site=site, programme=programme, reference=reference)
    recognition.full_clean()
    _save_with_history(recognition, actor=actor)
    recognition.mentors.set(list(mentors))
    return recognition


@transaction.atomic
def record_recognition(
    *,
    site: Site,
    programme: Programme,
    actor,
    valid_from: date,
    valid_until: date | None = None,
    reference: str = "",
    mentors: Iterable[Person] = (),
) -> Recognition:
    """Grant the recognition of (site, programme): the requested one, or a new row."""
    recognition = (
        Recognition.objects.select_for_update()
        .filter(site=site, programme=programme, status=Recognition.Status.REQUESTED)
        .first()
    ) or Recognition(site=site, programme=programme)
    recognition.recognise(valid_from=valid_from, valid_until=valid_until, reference=reference)
    recognition.full_clean()
    _save_with_history(recognition, actor=actor)
    if mentors:
        recognition.mentors.add(*mentors)
    return recognition


@transaction.atomic
def withdraw_recognition(*, recognition: Recognition, actor) -> int:
    """Withdraw a recognition and close the workplaces it allowed; returns how many closed."""
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    recognition.withdraw()
    _save_with_history(recognition, actor=actor)
    return _close_workplaces(recognition, actor=actor)


@transaction.atomic
def close_workplaces_of(*, recognition: Recognition, actor) -> int:
    """Close the open and full workplaces of a recognition that no longer holds."""
    if recognition.status == Recognition.Status.RECOGNISED:
        return 0
    return _close_workplaces(recognition, actor=actor)


def _close_workplaces(recognition: Recognition, *, actor) -> int:
    closed = 0
    for workplace in Workplace.objects.select_for_update().filter(
        site_id=recognition.site_id,
        programme_id=recognition.programme_id,
        status__in=[Workplace.Status.OPEN, Workplace.Status.FULL],
    ):
        workplace.close()
        _save_with_history(workplace, actor=actor, reason=_("Erkenning niet meer geldig"))
        closed += 1
    return closed


def _require_valid_recognition(workplace: Workplace) -> None:
    """The same check as Workplace.clean(), with the recognition row locked while we save."""
    today = timezone.localdate()
    locked = list(
        Recognition.objects.select_for_update().filter(
            site_id=workplace.site_id, programme_id=workplace.programme_id
        )
    )
    for day in {today, workplace.start_date}:
        if not any(r.is_valid_on(day) for r in locked):
            workplace.check_recognised(today)  # raises with the Dutch message


@transaction.atomic
def create_workplace(
    *,
    site: Site,
    programme: Programme,
    actor,
    start_date: date,
    places: int = 1,
    hours_per_week: int = 20,
    description: str = "",
    is_public: bool = False,
) -> Workplace:
    """A workplace, only for a (site, programme) with a recognised and valid recognition."""
    workplace = Workplace(
        site=site,
        programme=programme,
        start_date=start_date,
        places=places,
        hours_per_week=hours_per_week,
        description=description,
        is_public=is_public,
    )
    _require_valid_recognition(workplace)
    workplace.full_clean()
    _save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def update_workplace(*, workplace: Workplace, actor, **fields) -> Workplace:
    if {"status", "site"} & set(fields):
        raise ValidationError(_("Status en vestigingsplaats wijzig je hier niet."))
    for name, value in fields.items():
        setattr(workplace, name, value)
    if workplace.status != Workplace.Status.CLOSED:
        _require_valid_recognition(workplace)
    workplace.full_clean()
    _save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def move_workplace(*, workplace: Workplace, action: str, actor) -> Workplace:
    """mark_full, reopen (needs a valid recognition) or close."""
    if action not in ("mark_full", "reopen", "close"):
        raise IllegalTransition(_("Onbekende statuswijziging."))
    workplace = Workplace.objects.select_for_update().get(pk=workplace.pk)
    getattr(workplace, action)()
    _save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def close_workplaces_of_expired_recognitions(*, today: date | None = None, actor=None) -> int:
    """Mark recognitions past their end date as expired and close their workplaces.

    Idempotent (a periodic task runs it nightly); returns the number of workplaces closed.
    """
    today = today or timezone.localdate()
    closed = 0
    for recognition in Recognition.objects.select_for_update().lapsed(today):
        recognition.expire()
        _save_with_history(recognition, actor=actor, reason=_("Verlopen"))
        closed += _close_workplaces(recognition, actor=actor)
    return closed


def recognitions_expiring_within(*, days: int, today: date | None = None):
    """The warning list for coordinators: recognitions ending within `days` days."""
    return Recognition.objects.expiring_within(days, today).select_related(
        "site__organisation", "site__postcode", "programme"
    )


# Candidate companies


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
    _save_with_history(candidate, actor=actor)
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
    _save_with_history(candidate, actor=actor)
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


# Agreements


@transaction.atomic
def register_agreement(
    *,
    learner: Learner,
    actor,
    type: str,
    start_date: date,
    hours_per_week: int,
    workplace: Workplace | None = None,
    site: Site | None = None,
    programme: Programme | None = None,
    end_date: date | None = None,
) -> Agreement:
    """Register a signed agreement; the learner moves to "agreement" and a workplace whose
    places are all taken becomes full."""
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if workplace is not None:
        workplace = Workplace.objects.select_for_update().get(pk=workplace.pk)
        site, programme = site or workplace.site, programme or workplace.programme
    agreement = Agreement(
        learner=learner,
        workplace=workplace,
        site=site,
        programme=programme,
        type=type,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    agreement.full_clean()
    learner.sign_agreement()
    _save_with_history(learner, actor=actor, reason=learner.get_status_display())
    _save_with_history(agreement, actor=actor)
    if workplace is not None and workplace.status == Workplace.Status.OPEN:
        taken = workplace.agreements.filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING]
        ).count()
        if taken >= workplace.places:
            workplace.mark_full()
            _save_with_history(workplace, actor=actor, reason=_("Alle plaatsen ingevuld"))
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what="overeenkomst"
    )
    return agreement


@transaction.atomic
def start_agreement(*, agreement: Agreement, actor) -> Agreement:
    """The learner starts at the workplace: agreement and learner both become "running"."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    learner = Learner.objects.select_for_update().get(pk=agreement.learner_id)
    agreement.start()
    learner.start_running()
    _save_with_history(agreement, actor=actor)
    _save_with_history(learner, actor=actor, reason=learner.get_status_display())
    return agreement


@transaction.atomic
def end_agreement(*, agreement: Agreement, actor, reason: str, on: date | None = None) -> Agreement:
    """End an agreement; the learner file ends with it (same reason and date)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    learner = Learner.objects.select_for_update().get(pk=agreement.learner_id)
    agreement.end(reason=reason, on=on)
    agreement.full_clean()
    _save_with_history(agreement, actor=actor)
    if learner.status in (Learner.Status.AGREEMENT, Learner.Status.RUNNING):
        learner.end(reason=reason, on=agreement.end_date)
        _save_with_history(learner, actor=actor, reason=learner.get_status_display())
    return agreement
