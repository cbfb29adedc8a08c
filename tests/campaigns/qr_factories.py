"""Factories for the info point panels (QR codes are made by campaigns.qr.services)."""

import factory

from campaigns.models import InfoPanel
from tests.campaigns.factories import CampaignFactory


class InfoPanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoPanel

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Wat is duaal leren? ({n})")
    text = "Half op school, half op de werkvloer: ontdek hoe het werkt."
    target_url = "https://www.duaallerenwvl.be/film"
    target_path = ""
    order = factory.Sequence(int)
