"""Factories and small builders for the matching runs and proposals (real West-Vlaamse places)."""

import factory
from django.utils import timezone

from matchmaking.models import Learner, LearnerWish, MatchingRun, Proposal
from tests.factories import MunicipalityFactory, PostcodeFactory, SubregionFactory
from tests.matchmaking.factories import (
    CompanySiteFactory,
    LearnerFactory,
    WorkplaceFactory,
)

# (code, locality, latitude, longitude)
ROESELARE = ("8800", "Roeselare", 50.9469, 3.1227)
IZEGEM = ("8870", "Izegem", 50.9143, 3.2130)
TIELT = ("8700", "Tielt", 50.9990, 3.3270)
KORTRIJK = ("8500", "Kortrijk", 50.8280, 3.2650)
BRUGGE = ("8000", "Brugge", 51.2090, 3.2240)


def subregion(name):
    return SubregionFactory(name=name, slug=name.lower().replace(" ", "-"))


def postcode(where, region):
    code, locality, lat, lon = where
    return PostcodeFactory(
        code=code,
        locality=locality,
        latitude=lat,
        longitude=lon,
        municipality=MunicipalityFactory(name=locality, subregion=region),
        subregion=region,
    )


def searching_learner(place, programmes, **fields):
    """A searching learner living at `place` (a Postcode) wanting `programmes` in that order."""
    fields.setdefault("readiness", Learner.Readiness.WORK_READY)
    learner = LearnerFactory(postcode=place, status=Learner.Status.SEARCHING, **fields)
    for rank, programme in enumerate(programmes, start=1):
        LearnerWish.objects.create(learner=learner, programme=programme, rank=rank)
    return learner


def workplace_at(place, programme, **fields):
    site = CompanySiteFactory(postcode=place)
    fields.setdefault("start_date", timezone.localdate())
    return WorkplaceFactory(site=site, programme=programme, **fields)


class MatchingRunFactory(factory.django.DjangoModelFactory):
    """A finished real run (proposals can be accepted from it)."""

    class Meta:
        model = MatchingRun

    dry_run = False
    status = MatchingRun.Status.DONE
    progress = 100
    finished_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    """An open proposal of a searching learner for a workplace of the learner's first wish."""

    class Meta:
        model = Proposal

    run = factory.SubFactory(MatchingRunFactory)
    workplace = factory.SubFactory(WorkplaceFactory)
    learner = factory.LazyAttribute(
        lambda o: searching_learner(o.workplace.site.postcode, [o.workplace.programme])
    )
    cost = 1234
    explanation = "1e keuze, minder dan 1 km, erkend tot 31/08/2029, 2 van 2 plaatsen vrij"


def accepted_proposal(provider=None, **fields):
    """A proposal a coordinator accepted: proposal and learner both "proposed"."""
    workplace = fields.pop("workplace", None) or WorkplaceFactory()
    extra = {"provider": provider} if provider is not None else {}
    learner = searching_learner(workplace.site.postcode, [workplace.programme], **extra)
    proposal = ProposalFactory(learner=learner, workplace=workplace, **fields)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.PROPOSED)
    Learner.objects.filter(pk=learner.pk).update(status=Learner.Status.PROPOSED)
    proposal.refresh_from_db()
    return proposal
