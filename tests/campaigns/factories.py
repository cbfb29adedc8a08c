"""Factories for the campaign models (the quiz has its own in quiz_factories.py)."""

import datetime

import factory
from django.core.files.base import ContentFile

from campaigns.models import Campaign, Material, MaterialFile, Order, OrderLine, Participation
from tests.factories import SchoolFactory, SiteFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Steek een poot uit {n}")
    slug = factory.Sequence(lambda n: f"steek-een-poot-uit-{n}")
    slogan = "Duaal leren: steek een poot uit!"
    school_year = "2026-2027"
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 6, 30)
    status = Campaign.Status.ACTIVE


class PhysicalMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    campaign = factory.SubFactory(CampaignFactory)
    kind = Material.Kind.PHYSICAL
    category = Material.Category.POSTER
    name = factory.Sequence(lambda n: f"Affiche {n}")
    slug = factory.Sequence(lambda n: f"affiche-{n}")
    description = "Een affiche A2 voor de gang of het leraarslokaal."
    stock = 100
    max_per_school = 5


class DigitalMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    campaign = factory.SubFactory(CampaignFactory)
    kind = Material.Kind.DIGITAL
    category = Material.Category.BANNER
    name = factory.Sequence(lambda n: f"Webbanner {n}")
    slug = factory.Sequence(lambda n: f"webbanner-{n}")
    description = "Een banner voor de website of de nieuwsbrief van de school."
    stock = None
    max_per_school = None


class MaterialFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaterialFile

    material = factory.SubFactory(DigitalMaterialFactory)
    label = "728 × 90 px"
    file = factory.LazyFunction(lambda: ContentFile(b"\x89PNG\r\n\x1a\n" + b"0" * 64, "banner.png"))
    size_bytes = 72


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    campaign = factory.SubFactory(CampaignFactory)
    school = factory.SubFactory(SchoolFactory)


class OrderFactory(factory.django.DjangoModelFactory):
    """An order as the order form leaves it (the stock is not touched: use place_order for that)."""

    class Meta:
        model = Order
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    school = factory.SubFactory(SchoolFactory)
    site = factory.LazyAttribute(
        lambda o: o.school.sites.first() or SiteFactory(organisation=o.school)
    )
    remarks = "Leveren aan het onthaal, graag."

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        for material, quantity in extracted or [
            (PhysicalMaterialFactory(campaign=self.campaign), 2)
        ]:
            OrderLine.objects.create(order=self, material=material, quantity=quantity)


# --- Calendar, checklist, feedback (the campaign page's engineer) ----------------------------


class CampaignMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.CampaignMoment"

    campaign = factory.SubFactory(CampaignFactory)
    slug = factory.Sequence(lambda n: f"moment-{n}")
    title = factory.Sequence(lambda n: f"Campagnemoment {n}")
    date = datetime.date(2027, 1, 19)
    what_to_do = "Speel De Duale Quiz met je klas en praat na over de antwoorden."
    audience = "pupils"


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.ChecklistItem"

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Checklistpunt {n}")
    order = factory.Sequence(lambda n: n)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.Feedback"

    campaign = factory.SubFactory(CampaignFactory)
    author = "pupil"
    text = "Het infopunt was echt leuk om samen op te bouwen."
    consent_to_quote = True
