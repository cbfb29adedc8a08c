"""Writes on campaigns and participations (the other campaign tools build on these), the
school checklist and feedback.

Keyword-only, an `actor`, their own transaction, `full_clean()` before save.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation

from ..models import Campaign, ChecklistItem, ChecklistTick, Feedback, Participation


def current_campaign() -> Campaign | None:
    """The active campaign a school works in (the most recent one if several are active)."""
    return Campaign.objects.active().order_by("-starts_on", "-pk").first()


def join_campaign(*, campaign: Campaign, school: Organisation, actor=None) -> Participation:
    """The school takes part in the campaign; idempotent (a second call returns the same row)."""
    if school.kind not in Organisation.PROVIDER_KINDS:
        raise ValidationError(
            _("Alleen scholen en opleidingsverstrekkers doen mee aan een campagne.")
        )
    if campaign.status != Campaign.Status.ACTIVE:
        raise ValidationError(_("Deze campagne loopt niet (meer)."))
    existing = Participation.objects.filter(campaign=campaign, school=school).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            contact = None
            if actor is not None and actor.is_authenticated:
                contact = getattr(actor, "person", None)
            return Participation.objects.create(
                campaign=campaign, school=school, contact_person=contact
            )
    except IntegrityError:  # two contacts of the school at the same moment
        return Participation.objects.get(campaign=campaign, school=school)


@transaction.atomic
def set_campaign_status(*, campaign: Campaign, status: str, actor=None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if status == Campaign.Status.ACTIVE:
        campaign.activate()
    elif status == Campaign.Status.CLOSED:
        campaign.close()
    campaign.save(update_fields=["status"])
    return campaign


def bump_kit_version(*, campaign: Campaign) -> int:
    """A digital file changed: the next ZIP of the kit is a new version."""
    from django.db.models import F

    Campaign.objects.filter(pk=campaign.pk).update(kit_version=F("kit_version") + 1)
    campaign.refresh_from_db(fields=["kit_version"])
    return campaign.kit_version


# The nine points of the campaign guide's checklist, in our own words (title, explanation).
DEFAULT_CHECKLIST: list[tuple[str, str]] = [
    (
        "Affiches en wobblers ophangen",
        "Hang ze op plekken waar veel leerlingen voorbijkomen: de gang, de refter, de ingang.",
    ),
    (
        "Het infopunt opbouwen met leerlingen",
        "Bouw het doe-het-zelf-infopunt samen met een paar leerlingen en zet het op een "
        "drukke plek.",
    ),
    (
        "Leerlingen vragen wat ze ervan vinden",
        "Vraag wat ze van de affiches en het infopunt vinden. Kenden ze duaal leren al?",
    ),
    (
        "De quiz spelen in de klas en erover praten",
        "Speel De Duale Quiz met de klas. Praat achteraf samen over wat ze leerden.",
    ),
    (
        "De campagnewebsite bekijken",
        "Kijk zelf op de website van de campagne, zodat je vragen van leerlingen kunt "
        "beantwoorden.",
    ),
    (
        "Duaal leren bespreken in de leraarskamer",
        "Begin een gesprek met je collega's. Zij kennen ook leerlingen voor wie duaal leren past.",
    ),
    (
        "De digitale banners online zetten",
        "Zet ze op het schoolplatform, de infoschermen, in de nieuwsbrief of op de website.",
    ),
    (
        "De folder naar de ouders sturen",
        "Stuur de digitale ouderfolder via het schoolplatform of per e-mail. Afdrukken mag ook.",
    ),
    (
        "De test toevoegen aan het advies van de klassenraad",
        "Voeg de test over duaal leren toe aan het advies en leg het uit in een gesprek met "
        "de leerling.",
    ),
]


# --- Checklist --------------------------------------------------------------------------------


@transaction.atomic
def add_default_checklist(*, campaign: Campaign, actor=None) -> int:
    """Give a campaign the nine points of the guide; points it already has are kept.

    Returns how many points were added."""
    existing = set(campaign.checklist_items.values_list("title", flat=True))
    orders = campaign.checklist_items.order_by("-order").values_list("order", flat=True)
    start = orders.first() or 0
    added = 0
    for title, explanation in DEFAULT_CHECKLIST:
        if title in existing:
            continue
        added += 1
        item = ChecklistItem(
            campaign=campaign, title=title, explanation=explanation, order=start + added
        )
        item.full_clean()
        item.save()
    return added


def tick_item(
    *, campaign: Campaign, school: Organisation, item: ChecklistItem, done: bool, actor
) -> Participation:
    """Tick an item off (done=True) or untick it for the school. The first tick makes the
    school take part in the campaign. Idempotent: ticking twice leaves one tick."""
    if item.campaign_id != campaign.pk:
        raise ValidationError(_("Dit punt hoort niet bij deze campagne."))
    if campaign.status != Campaign.Status.ACTIVE:
        raise ValidationError(
            _("Deze campagne loopt niet: je kunt de checklist niet (meer) wijzigen.")
        )
    with transaction.atomic():
        if done:
            participation = join_campaign(campaign=campaign, school=school, actor=actor)
            tick = ChecklistTick(
                participation=participation,
                item=item,
                ticked_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            tick.full_clean(validate_constraints=False)
            try:
                with transaction.atomic():
                    tick.save()
            except IntegrityError:  # already ticked (a double click, two tabs)
                pass
            return participation
        participation = Participation.objects.filter(campaign=campaign, school=school).first()
        if participation is not None:
            ChecklistTick.objects.filter(participation=participation, item=item).delete()
        return participation


# --- Feedback ---------------------------------------------------------------------------------


@transaction.atomic
def submit_feedback(
    *,
    campaign: Campaign,
    author: str,
    text: str,
    signature: str = "",
    consent_to_quote: bool = False,
    school: Organisation | None = None,
    actor=None,
) -> Feedback:
    if campaign.status == Campaign.Status.DRAFT:
        raise ValidationError(_("Op deze campagne kun je nog niet reageren."))
    feedback = Feedback(
        campaign=campaign,
        author=author,
        text=text.strip(),
        signature=signature.strip(),
        consent_to_quote=consent_to_quote,
        school=school,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def set_feedback_quoted(*, feedback: Feedback, quoted: bool, actor) -> Feedback:
    """A coordinator puts a reaction on the public page as a quote, or takes it off."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if quoted:
        feedback.pick_as_quote()
    else:
        feedback.drop_quote()
    feedback.full_clean()
    feedback.save(update_fields=["is_quoted"])
    return feedback
