"""The shared core: geography, programmes, organisations with their sites, contacts, the offer.

Every feature app builds on these rows. Personal data (Person, Membership) keeps an audit trail.
"""

import math
import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enterprise_number import (
    format_enterprise_number,
    normalise_enterprise_number,
    validate_enterprise_number,
)
from .text import fold_for_search


def _related_label(obj, name: str) -> str:
    """str() of a related row for a __str__, or "#<key>" when that row is gone: a history row
    (simple_history) keeps the key of a person, programme or organisation deleted since."""
    try:
        return str(getattr(obj, name))
    except ObjectDoesNotExist:
        return f"#{getattr(obj, f'{name}_id')}"


class Subregion(models.Model):
    """A labour-market subregion of West-Vlaanderen (editable; five by default)."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    arrondissements = models.CharField(
        _("arrondissementen"),
        max_length=200,
        blank=True,
        help_text=_("Namen van de arrondissementen die bij deze subregio horen, met komma's."),
    )

    class Meta:
        verbose_name = _("subregio")
        verbose_name_plural = _("subregio's")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def resolve(self, name_or_nis: str) -> "Municipality | None":
        """The current municipality for a current or former name or NIS code."""
        value = (name_or_nis or "").strip()
        if not value:
            return None
        match = self.filter(Q(nis_code=value) | Q(name__iexact=value)).first()
        if match:
            return match
        alias = (
            MunicipalityAlias.objects.select_related("municipality")
            .filter(Q(nis_code=value) | Q(name__iexact=value))
            .first()
        )
        return alias.municipality if alias else None


class Municipality(models.Model):
    """A municipality of West-Vlaanderen (state from 1 January 2025)."""

    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True)
    name = models.CharField(_("naam"), max_length=80)
    arrondissement = models.CharField(_("arrondissement"), max_length=80)
    arrondissement_nis = models.CharField(_("NIS-code arrondissement"), max_length=5)
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MunicipalityAlias(models.Model):
    """A former name or NIS code of a current municipality (e.g. Meulebeke → Tielt)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("vroegere naam"), max_length=80)
    nis_code = models.CharField(_("vroegere NIS-code"), max_length=5, unique=True)
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("vroegere gemeentenaam")
        verbose_name_plural = _("vroegere gemeentenamen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} → {self.municipality.name}"


class Postcode(models.Model):
    """A Belgian postcode with one locality (a postcode can cover several localities)."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    locality = models.CharField(_("plaats"), max_length=120)
    is_main_locality = models.BooleanField(_("hoofdgemeente"), default=False)
    province = models.CharField(_("provincie"), max_length=80, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="postcodes",
        null=True,
        blank=True,
        help_text=_("Alleen ingevuld voor West-Vlaamse postcodes."),
    )
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        related_name="postcodes",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code", "-is_main_locality", "locality"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locality"], name="core_postcode_code_locality"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.locality}"

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat = rlat2 - rlat1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class StudyDomain(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=80)

    class Meta:
        verbose_name = _("studiedomein")
        verbose_name_plural = _("studiedomeinen")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Programme(models.Model):
    """A dual programme (opleiding). Secondary ones come from the Flemish catalogue."""

    class Grade(models.TextChoices):
        SECOND = "2", _("Tweede graad")
        THIRD = "3", _("Derde graad")
        NONE = "", _("Geen graad")

    class Finality(models.TextChoices):
        LABOUR_MARKET = "arbeidsmarkt", _("Arbeidsmarktfinaliteit")
        DOUBLE = "dubbel", _("Dubbele finaliteit")
        NONE = "", _("Geen finaliteit")

    class EducationForm(models.TextChoices):
        BSO = "BSO", _("BSO")
        TSO = "TSO", _("TSO")
        SEVENTH = "7DE", _("7de leerjaar / Se-n-Se")
        BUSO_OV3 = "OV3", _("BuSO opleidingsvorm 3")
        BUSO_OV4 = "OV4", _("BuSO opleidingsvorm 4")
        ADULT = "VOLW", _("Volwassenenonderwijs")
        HIGHER = "HO", _("Hoger onderwijs (graduaat, HBO5)")

    class Segment(models.TextChoices):
        SECONDARY = "so", _("Gewoon secundair onderwijs, 2de/3de graad")
        PREPARATORY = "aanloop", _("Aanloopfase")
        SEVENTH_YEAR = "7de", _("7de leerjaar / Se-n-Se")
        BUSO = "buso", _("Buitengewoon secundair onderwijs")
        ADULT = "volwassenen", _("Volwassenenonderwijs")
        HIGHER = "hoger", _("Hoger onderwijs")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    grade = models.CharField(_("graad"), max_length=1, choices=Grade, blank=True)
    finality = models.CharField(_("finaliteit"), max_length=20, choices=Finality, blank=True)
    study_domain = models.ForeignKey(
        StudyDomain,
        verbose_name=_("studiedomein"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
    )
    education_form = models.CharField(_("onderwijsvorm"), max_length=5, choices=EducationForm)
    segment = models.CharField(_("segment"), max_length=20, choices=Segment)
    is_buso = models.BooleanField(_("BuSO"), default=False)
    is_seventh_year = models.BooleanField(_("7de leerjaar"), default=False)
    is_preparatory = models.BooleanField(_("aanloopfase"), default=False)
    from_catalogue = models.BooleanField(
        _("uit de Vlaamse catalogus"),
        default=False,
        help_text=_("Ingeladen uit de onderwijscatalogus; anders toegevoegd door het Steunpunt."),
    )
    description = models.TextField(_("korte omschrijving"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.name}-{self.code}")[:220]
        self.search_text = fold_for_search(f"{self.name} {self.code}")
        super().save(*args, **kwargs)


class Organisation(models.Model):
    """A school, training provider, company or partner organisation."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School voltijds secundair onderwijs")
        BUSO_SCHOOL = "buso", _("School buitengewoon secundair onderwijs")
        CLW = "clw", _("Centrum voor Leren en Werken")
        SYNTRA = "syntra", _("Syntra")
        ADULT_EDUCATION = "cvo", _("Centrum voor volwassenenonderwijs")
        UNIVERSITY_COLLEGE = "hogeschool", _("Hogeschool")
        COMPANY = "company", _("Onderneming")
        PARTNER = "partner", _("Partnerorganisatie")
        SECTOR = "sector", _("Sectorfederatie")
        OTHER = "other", _("Andere")

    PROVIDER_KINDS = (
        Kind.SCHOOL,
        Kind.BUSO_SCHOOL,
        Kind.CLW,
        Kind.SYNTRA,
        Kind.ADULT_EDUCATION,
        Kind.UNIVERSITY_COLLEGE,
    )

    class Network(models.TextChoices):
        GO = "go", _("GO! onderwijs van de Vlaamse Gemeenschap")
        KOV = "kov", _("Katholiek Onderwijs Vlaanderen")
        OVSG = "ovsg", _("OVSG (stedelijk en gemeentelijk onderwijs)")
        POV = "pov", _("Provinciaal Onderwijs Vlaanderen")
        OTHER = "other", _("Ander net")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=60, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    network = models.CharField(
        _("onderwijsnet"),
        max_length=10,
        choices=Network,
        blank=True,
        help_text=_("Alleen voor opleidingsverstrekkers."),
    )
    enterprise_number = models.CharField(
        _("ondernemingsnummer"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("10 cijfers, bijvoorbeeld 0123.456.749."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    external_ref = models.CharField(
        _("externe referentie"),
        max_length=60,
        blank=True,
        help_text=_("Sleutel uit een ander systeem of een import; uniek als ingevuld."),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~Q(enterprise_number=""),
                name="core_organisation_enterprise_number_unique",
            ),
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~Q(external_ref=""),
                name="core_organisation_external_ref_unique",
            ),
            models.CheckConstraint(
                condition=Q(network="")
                | Q(kind__in=["school", "buso", "clw", "syntra", "cvo", "hogeschool"]),
                name="core_organisation_network_only_for_providers",
            ),
        ]
        indexes = [
            # Lists and counts by kind (providers vs companies) on the dashboard and finder.
            models.Index(fields=["kind", "name"], name="core_org_kind_name_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:organisation_detail", kwargs={"uuid": self.uuid})

    def clean_fields(self, exclude=None):
        # Accept "0123.456.749" or "BE 0123 456 749"; store the 10 digits.
        if self.enterprise_number:
            self.enterprise_number = normalise_enterprise_number(self.enterprise_number)
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        if self.network and self.kind not in self.PROVIDER_KINDS:
            raise ValidationError(
                {"network": _("Een onderwijsnet hoort alleen bij een opleidingsverstrekker.")}
            )

    @property
    def is_provider(self) -> bool:
        return self.kind in self.PROVIDER_KINDS

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)


class Site(models.Model):
    """A vestigingsplaats: an address of an organisation. Recognitions and offers are per site."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(_("naam vestigingsplaats"), max_length=200, blank=True)
    street = models.CharField(_("straat en nummer"), max_length=200)
    postcode = models.ForeignKey(
        Postcode, verbose_name=_("postcode"), on_delete=models.PROTECT, related_name="sites"
    )
    is_main = models.BooleanField(_("hoofdvestiging"), default=False)
    external_ref = models.CharField(_("externe referentie"), max_length=60, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vestigingsplaats")
        verbose_name_plural = _("vestigingsplaatsen")
        ordering = ["organisation__name", "-is_main", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~Q(external_ref=""),
                name="core_site_external_ref_unique",
            ),
        ]

    def __str__(self):
        label = self.name or _related_label(self, "organisation")
        try:
            return f"{label}, {self.postcode.locality}"
        except ObjectDoesNotExist:
            return label

    @property
    def municipality(self):
        return self.postcode.municipality

    @property
    def subregion(self):
        return self.postcode.subregion


class Person(models.Model):
    """A contact person. Linked to a login (optional) and to organisations through memberships."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Telefoon")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_source = models.CharField(
        _("toestemming via"),
        max_length=120,
        blank=True,
        help_text=_("Bv. formulier, mail, import."),
    )
    accepts_newsletters = models.BooleanField(_("wil nieuwsbrieven ontvangen"), default=False)
    accepts_invitations = models.BooleanField(_("wil uitnodigingen ontvangen"), default=True)
    preferred_channel = models.CharField(
        _("voorkeurskanaal"), max_length=10, choices=Channel, default=Channel.EMAIL
    )
    external_ref = models.CharField(_("externe referentie"), max_length=60, blank=True)
    notes = models.TextField(_("interne notities"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~Q(external_ref=""),
                name="core_person_external_ref_unique",
            ),
        ]
        indexes = [
            # Finding a contact by e-mail (imports, login linking).
            models.Index(fields=["email"], name="core_person_email_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Membership(models.Model):
    """A person's function in an organisation (e.g. trajectbegeleider at a school)."""

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    function = models.CharField(_("functie"), max_length=120, blank=True)
    is_primary_contact = models.BooleanField(_("eerste aanspreekpunt"), default=False)
    started_on = models.DateField(_("sinds"), null=True, blank=True)
    ended_on = models.DateField(_("tot"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "function"], name="core_membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="core_membership_end_after_start",
            ),
        ]

    def __str__(self):
        person, organisation = _related_label(self, "person"), _related_label(self, "organisation")
        return f"{person} – {self.function or _('contact')} ({organisation})"


class ProgrammeOfferQuerySet(models.QuerySet):
    def current(self):
        return self.filter(active=True)


class ProgrammeOffer(models.Model):
    """A provider offers a programme at one of its sites."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="offers"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("vestigingsplaats"), on_delete=models.CASCADE, related_name="offers"
    )
    school_year = models.CharField(
        _("schooljaar"), max_length=9, blank=True, help_text=_("Bv. 2026-2027; leeg = doorlopend.")
    )
    active = models.BooleanField(_("actief"), default=True)

    objects = ProgrammeOfferQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opleidingsaanbod")
        verbose_name_plural = _("opleidingsaanbod")
        ordering = ["programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "site", "school_year"], name="core_offer_unique"
            ),
        ]
        indexes = [
            # Programme finder: the sites offering one programme.
            models.Index(fields=["programme", "active"], name="core_offer_programme_idx"),
        ]

    def __str__(self):
        return f"{_related_label(self, 'programme')} – {_related_label(self, 'site')}"

    def clean(self):
        super().clean()
        if self.site_id and not self.site.organisation.is_provider:
            raise ValidationError(
                {
                    "site": _(
                        "Alleen een vestigingsplaats van een opleidingsverstrekker kan een "
                        "opleiding aanbieden."
                    )
                }
            )


class JobFailure(models.Model):
    """A background job that failed after all its retries, so a coordinator can see it."""

    task_name = models.CharField(_("taak"), max_length=200)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    arguments = models.TextField(_("argumenten"), blank=True)
    exception = models.TextField(_("fout"))
    traceback = models.TextField(_("traceback"), blank=True)
    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    resolved = models.BooleanField(_("afgehandeld"), default=False)

    class Meta:
        verbose_name = _("mislukte achtergrondtaak")
        verbose_name_plural = _("mislukte achtergrondtaken")
        ordering = ["-occurred_at"]

    def __str__(self):
        return f"{self.task_name} ({self.occurred_at:%d/%m/%Y %H:%M})"


class JobState(models.Model):
    """What a background task keeps on the row it works on: status, attempts, last error and
    when the work started and finished (a folder's PDF, a kit's ZIP, a matching run, an agenda
    PDF, an outbox mail).

    Each model declares its own `Status` choices (the values "queued"/"failed" mean the same
    everywhere) and keeps its own declaration where its column differs: a field that a model
    does not have is set to None (Django drops it), an error column named `error` stays so.
    The task base (steunpunt.celery.PortalTask) moves the row along with the model's
    transition methods; its `on_final_failure` hook puts the final error here.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        abstract = True


class OutboxMessage(JobState):
    """One e-mail to one recipient of a mailing, invitation or notification (the outbox).

    A mailing is a `batch` key ("campaigns.mailing:12", "network.meeting:4:invitation"): the
    unique constraint on (batch, recipient) means a recipient never gets the same mailing
    twice, however often it is queued. Workers claim a row with a conditional update
    (queued → sending), so two workers never send the same row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        SENDING = "sending", _("Wordt verstuurd")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")
        CANCELLED = "cancelled", _("Geannuleerd")

    class Priority(models.IntegerChoices):
        """Which due rows a dispatch run claims first (lower goes first), whatever waits."""

        # Someone waits for it now: login codes, password resets, acknowledgements,
        # confirmations of a registration or an order.
        TRANSACTIONAL = 10, _("Meteen (transactioneel)")
        # One-to-one notifications of a step (an answer, a proposal step, a referral).
        NORMAL = 20, _("Normaal")
        # Rounds to many: campaign mailings, invitation and reminder rounds.
        BULK = 30, _("Massaverzending")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.CharField(_("verzending"), max_length=120)
    priority = models.PositiveSmallIntegerField(
        _("voorrang"), choices=Priority, default=Priority.NORMAL
    )
    # The body carries a credential (a login code, a password-reset or confirmation link):
    # the admin never shows it, and it is wiped once the mail is sent (outbox.mark_sent).
    confidential = models.BooleanField(_("vertrouwelijk"), default=False, editable=False)
    recipient_email = models.EmailField(_("e-mailadres"))
    recipient_name = models.CharField(_("naam"), max_length=200, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=250)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    attachments = models.JSONField(
        _("bijlagen"),
        default=list,
        blank=True,
        help_text=_("Lijst van {filename, mimetype, content}; content is tekst (bv. .ics)."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=250, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    # attempts and last_error: JobState's
    started_at = None  # claimed_at and sent_at say when
    finished_at = None
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("opgepikt op"), null=True, blank=True)
    # Who holds the claim: every later write of the sending worker is conditional on it, so a
    # worker whose claim was taken away (released as stale) can no longer hand the row over.
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    # Set right before the SMTP DATA command: from here on the server may have the message,
    # so a row left "sending" with this set is never sent again automatically.
    handed_over_at = models.DateTimeField(_("aan de mailserver gegeven op"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails (outbox)")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "recipient_email"], name="core_outbox_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | ~Q(status="sent"),
                name="core_outbox_sent_has_time",
            ),
        ]
        indexes = [
            # The dispatcher: "queued rows due now", and "sending rows claimed too long ago".
            models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx"),
            # The claim (outbox.due_messages): queued rows, most urgent priority first, then the
            # longest waiting; read in this order and cut at the chunk size, so no sort.
            models.Index(
                fields=["priority", "created_at", "id"],
                condition=Q(status="queued"),
                name="core_outbox_claim_idx",
            ),
            # The per-mailing status page: all rows of one batch.
            models.Index(fields=["batch", "status"], name="core_outbox_batch_idx"),
            # The rate limit: "rows claimed in the last minute" (all workers together).
            models.Index(fields=["claimed_at"], name="core_outbox_claimed_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient_email} ({self.get_status_display()})"
