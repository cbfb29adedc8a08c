"""Writes of the campaign calendar, the school checklist and feedback.

Keyword-only, an `actor`, their own transaction, `full_clean()` before save. Mails go through
the core outbox (one batch per moment: nobody is reminded of the same moment twice).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation
from steunpunt.core.outbox import OutgoingMessage, enqueue_messages, templated_message

from . import recipients
from .campaign_services import join_campaign
from .models import Campaign, CampaignMoment, ChecklistItem, ChecklistTick, Feedback, Participation

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


# --- Reminders --------------------------------------------------------------------------------


def due_moments(today: datetime.date | None = None):
    """Moments of active campaigns whose reminder date has come and that have not passed.

    Picked up every morning until the moment itself: a school that joins in between still
    gets its reminder; the outbox batch makes sure nobody gets it twice."""
    today = today or timezone.localdate()
    moments = CampaignMoment.objects.filter(
        campaign__status=Campaign.Status.ACTIVE,
        date__gte=today,
        remind_days_before__gt=0,
    ).select_related("campaign")
    return [m for m in moments if m.remind_on is not None and m.remind_on <= today]


def _moment_attachment(moment: CampaignMoment) -> dict:
    """The moment as a one-event .ics (same UID as in the feed: no double in the agenda)."""
    from .calendar_ics import render_campaign_ics

    return {
        "filename": f"{moment.slug}.ics",
        "mimetype": "text/calendar",
        "content": render_campaign_ics(moment.campaign, [moment]).decode("utf-8"),
    }


def _reminder_message(
    moment: CampaignMoment, recipient: recipients.Recipient, attachment: dict
) -> OutgoingMessage:
    campaign = moment.campaign
    unsubscribe = recipients.unsubscribe_url(recipient.email)
    return templated_message(
        "campaign_reminder",
        email=recipient.email,
        name=recipient.name,
        headers=recipients.unsubscribe_headers(recipient.email),
        attachments=[attachment],
        context={
            "moment": moment,
            "campaign": campaign,
            "school_name": recipient.school_name,
            "greeting_name": recipient.name,
            "campaign_url": settings.SITE_URL + campaign.get_absolute_url(),
            "calendar_url": settings.SITE_URL + campaign.get_absolute_url() + "kalender.ics",
            "unsubscribe_url": unsubscribe,
        },
    )


def queue_moment_reminders(*, moment_id: int, actor=None) -> int:
    """Queue the reminder of one moment for the contacts of all participating schools.

    Claims the moment row (select_for_update), so two runs at once queue it once; the outbox
    batch per moment skips whoever already has it. Returns how many mails are new."""
    with transaction.atomic():
        moment = (
            CampaignMoment.objects.select_for_update().select_related("campaign").get(pk=moment_id)
        )
        schools = Organisation.objects.filter(
            campaign_participations__campaign=moment.campaign
        ).values("pk")
        attachment = _moment_attachment(moment)
        messages = [
            _reminder_message(moment, r, attachment) for r in recipients.school_contacts(schools)
        ]
        new = enqueue_messages(batch=moment.reminder_batch, messages=messages)
        CampaignMoment.objects.filter(pk=moment.pk).update(
            reminders_queued_at=timezone.now(),
            reminders_queued=moment.reminders_queued + new,
            reminder_error="",
        )
    return new


def record_reminder_failure(*, moment_id: int, error: str) -> None:
    """Shown to coordinators in the admin (the moment's list and form)."""
    CampaignMoment.objects.filter(pk=moment_id).update(reminder_error=error[:2000])
