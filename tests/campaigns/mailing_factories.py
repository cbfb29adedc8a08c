"""Factories for campaign mailings."""

import factory

from campaigns.models import Mailing
from tests.campaigns.factories import CampaignFactory


class MailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailing

    campaign = factory.SubFactory(CampaignFactory)
    subject = factory.Sequence(lambda n: f"Steek een poot uit: nieuws {n}")
    body = "De **infopunten** zijn klaar. Bestel ze vóór [15 oktober](https://example.org/)."
    segment = Mailing.Segment.ALL
