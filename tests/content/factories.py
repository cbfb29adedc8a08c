import factory

from steunpunt.content.models import Audience, AudiencePage, FaqEntry, GlossaryTerm


class AudiencePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AudiencePage

    audience = Audience.SCHOOLS
    title = "Duaal leren voor scholen"
    slug = factory.LazyAttribute(lambda o: o.audience)
    intro = "Een korte inleiding voor scholen."
    body = "## Wat doen we\n\nWe geven **infosessies** op vraag."
    meta_description = "Uitleg over duaal leren voor scholen."
    published = True


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    slug = factory.Sequence(lambda n: f"testvraag-{n}")
    question = factory.Sequence(lambda n: f"Testvraag nummer {n}?")
    answer = "Een kort antwoord."
    audience = FaqEntry.Audience.EVERYONE
    category = FaqEntry.Category.PRACTICAL
    published = True


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Testwoord {n}")
    slug = factory.Sequence(lambda n: f"testwoord-{n}")
    definition = "Een korte uitleg."
    published = True
