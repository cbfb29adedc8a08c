"""Public information written by the coordinators: pages per audience, FAQ and glossary.

Texts are Markdown, rendered and sanitised on output (`steunpunt.core.markdown`). Nothing here
holds personal data, so there is no audit trail. The initial texts ship in `initial/` and are
loaded by `services.load_initial_content` (a data migration and the `load_content` command).
"""

import unicodedata

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    LEARNERS_PARENTS = "leerlingen-en-ouders", _("Leerlingen & ouders")
    SCHOOLS = "scholen", _("Scholen en opleidingsverstrekkers")
    COMPANIES = "ondernemingen", _("Ondernemingen")
    PARTNERS = "partners", _("Partners en organisaties")
    ADULTS = "volwassenen", _("Volwassenen en hoger onderwijs")


class AudiencePage(models.Model):
    """The page for one audience, at /voor/<slug>/ (one page per audience)."""

    Audience = Audience

    audience = models.CharField(_("doelgroep"), max_length=32, choices=Audience, unique=True)
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Het laatste deel van het webadres: /voor/<slug>/."),
    )
    intro = models.TextField(
        _("inleiding"),
        max_length=600,
        help_text=_("Eén of twee korte zinnen bovenaan de pagina, zonder opmaak."),
    )
    body = models.TextField(
        _("tekst"),
        help_text=_("In Markdown: ## voor een tussentitel, - voor een opsomming, [tekst](link)."),
    )
    meta_description = models.CharField(
        _("beschrijving voor zoekmachines"),
        max_length=200,
        help_text=_("Verschijnt in Google en bij het delen op sociale media. Maximaal 200 tekens."),
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("pagina per doelgroep")
        verbose_name_plural = _("pagina's per doelgroep")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:audience_page", kwargs={"slug": self.slug})


class FaqEntry(models.Model):
    """One question with its answer, for one audience or for everyone."""

    class Audience(models.TextChoices):
        EVERYONE = "iedereen", _("Iedereen")
        LEARNERS_PARENTS = Audience.LEARNERS_PARENTS.value, Audience.LEARNERS_PARENTS.label
        SCHOOLS = Audience.SCHOOLS.value, Audience.SCHOOLS.label
        COMPANIES = Audience.COMPANIES.value, Audience.COMPANIES.label
        PARTNERS = Audience.PARTNERS.value, Audience.PARTNERS.label
        ADULTS = Audience.ADULTS.value, Audience.ADULTS.label

    class Category(models.TextChoices):
        WHAT_IS_IT = "wat-is-duaal-leren", _("Wat is duaal leren?")
        STARTING = "starten", _("Starten met duaal leren")
        AGREEMENT = "overeenkomst", _("De overeenkomst")
        RECOGNITION = "erkenning-en-mentor", _("Erkenning en mentor")
        STEUNPUNT = "steunpunt", _("Het Steunpunt")
        PRACTICAL = "praktisch", _("Praktisch")

    slug = models.SlugField(
        _("sleutel"),
        max_length=80,
        unique=True,
        help_text=_("Vaste naam van de vraag, ook het anker in het webadres (#vraag-<sleutel>)."),
    )
    question = models.CharField(_("vraag"), max_length=200)
    answer = models.TextField(_("antwoord"), help_text=_("In Markdown."))
    audience = models.CharField(
        _("doelgroep"), max_length=32, choices=Audience, default=Audience.EVERYONE
    )
    category = models.CharField(_("categorie"), max_length=32, choices=Category)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    published = models.BooleanField(_("gepubliceerd"), default=False)

    class Meta:
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")
        ordering = ["category", "order", "question"]
        indexes = [
            # The FAQ page: published entries of one audience (and "iedereen"), per category.
            models.Index(
                fields=["published", "audience", "category", "order"],
                name="content_faq_public_idx",
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return f"{reverse('content:faq')}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"vraag-{self.slug}"


def index_letter(term: str) -> str:
    """The A–Z index letter of a term: its first letter without accent, "#" for a digit."""
    first = unicodedata.normalize("NFKD", (term or "").strip()[:1]).encode("ascii", "ignore")
    letter = first.decode().upper()
    return letter if letter.isalpha() else "#"


class GlossaryTerm(models.Model):
    """A word from the world of dual learning, explained in plain Dutch."""

    term = models.CharField(_("term"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Het anker in de woordenlijst: /woordenlijst/#term-<slug>."),
    )
    expansion = models.CharField(
        _("voluit"),
        max_length=160,
        blank=True,
        help_text=_(
            "Voor een afkorting: wat ze voluit betekent, bv. ‘overeenkomst alternerende "
            "opleiding’ bij OAO."
        ),
    )
    definition = models.TextField(_("uitleg"), help_text=_("In Markdown, kort en eenvoudig."))
    see_also = models.ManyToManyField(
        "self",
        verbose_name=_("zie ook"),
        blank=True,
        symmetrical=False,
        related_name="+",
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)

    class Meta:
        verbose_name = _("term uit de woordenlijst")
        verbose_name_plural = _("woordenlijst")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), name="content_glossaryterm_term_ci_unique"),
        ]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return f"{reverse('content:glossary')}#{self.anchor}"

    @property
    def letter(self) -> str:
        return index_letter(self.term)

    @property
    def anchor(self) -> str:
        return f"term-{self.slug}"
