"""Factories for the parent folders (campaigns/models/folders.py)."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import FolderBatch, FolderBatchItem, ParentFolder
from tests.campaigns.factories import ParticipationFactory


class ParentFolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentFolder

    participation = factory.SubFactory(ParticipationFactory)


class ReadyFolderFactory(ParentFolderFactory):
    """A folder with a stored PDF (not a real folder: for access and download tests)."""

    status = ParentFolder.Status.READY
    progress = 100
    pdf = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7\n%folder\n", "ouderfolder.pdf"))
    pdf_hash = "0" * 64
    generated_at = factory.LazyFunction(timezone.now)


class FolderBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FolderBatch

    campaign = factory.SubFactory("tests.campaigns.factories.CampaignFactory")


class FolderBatchItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FolderBatchItem

    folder = factory.SubFactory(ParentFolderFactory)
    batch = factory.SubFactory(
        FolderBatchFactory, campaign=factory.SelfAttribute("..folder.participation.campaign")
    )
