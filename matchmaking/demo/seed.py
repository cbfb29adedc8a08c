"""Demo matchmaking rows on top of the core's demo organisations (seed_demo runs this last).

At each scale: recognitions of demo company sites for programmes that demo providers nearby
offer, open workplaces for a share of them, learners of the demo providers in every stage of
the workflow, and the agreements of those who found a place. Deterministic (one random stream
per row, from the seed) and idempotent: recognitions carry a ``DEMO-ERK-…`` reference and
learners a ``…@demo.steunpunt.test`` address, so a second run adds nothing and a larger scale
tops up a smaller one. Workplaces and agreements are only created together with their new
recognition or learner.

One anchor is always there: an open, public workplace for "Elektrische installaties" within
20 km of Roeselare, so the matchmaking demo (and the README's walk-through) has a match.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from steunpunt.core.figure_groups import school_year_start
from steunpunt.core.models import (
    Organisation,
    Postcode,
    Programme,
    ProgrammeOffer,
    Site,
    distance_km,
)

from ..models import Agreement, Learner, LearnerWish, Recognition, Workplace

DEMO_PREFIX = "demo-"
RECOGNITION_PREFIX = "DEMO-ERK-"
LEARNER_DOMAIN = "demo.steunpunt.test"
ANCHOR_REFERENCE = f"{RECOGNITION_PREFIX}ANKER-ROESELARE"
ANCHOR_POSTCODE = "8800"
ANCHOR_PROGRAMME = "1096"  # Elektrische installaties duaal
ANCHOR_RADIUS_KM = 20


@dataclass(frozen=True)
class DemoSize:
    learners: int
    workplace_share: float  # share of recognitions that publish a workplace


# The province has a little over 2,000 recognised companies and about 900 agreements.
SIZES = {
    "small": DemoSize(learners=60, workplace_share=0.35),
    "province": DemoSize(learners=1_300, workplace_share=0.25),
    "flanders": DemoSize(learners=13_000, workplace_share=0.25),
}

# Where the demo learners are in the workflow (weights).
STATUS_WEIGHTS = [
    (Learner.Status.RUNNING, 45),
    (Learner.Status.AGREEMENT, 8),
    (Learner.Status.SEARCHING, 25),
    (Learner.Status.SCREENED, 7),
    (Learner.Status.REGISTERED, 8),
    (Learner.Status.ENDED, 7),
]
FIRST_NAMES = [
    "Lars", "Emma", "Wout", "Lotte", "Jens", "Fien", "Arne", "Nore", "Seppe", "Lien", "Robbe",
    "Jana", "Milan", "Noor", "Bram", "Elise", "Tibo", "Marie", "Kobe", "Amber", "Yusuf", "Sara",
    "Mohamed", "Aya", "Dries", "Hanne", "Stan", "Febe", "Jonas", "Ines",
]  # fmt: skip
LAST_NAMES = [
    "Vandenbroucke", "Declercq", "Vanhoutte", "Desmet", "Verhaeghe", "Vermeersch", "Maes",
    "Deprez", "Debruyne", "Vandamme", "Lambrecht", "Deconinck", "Goethals", "Decock", "Vanneste",
    "Dewulf", "Coucke", "Verstraete", "Hoste", "Bossuyt", "El Amrani", "Yilmaz", "Vercruysse",
]  # fmt: skip
END_REASONS = [
    "Overgestapt naar voltijds onderwijs.",
    "Kwalificatie behaald.",
    "Verhuisd naar een andere provincie.",
]


class _World:
    """The demo rows the matchmaking demo builds on, loaded once."""

    def __init__(self):
        self.today = timezone.localdate()
        self.postcodes = {
            p.pk: p
            for p in Postcode.objects.filter(latitude__isnull=False, subregion__isnull=False).only(
                "pk", "code", "latitude", "longitude", "subregion_id", "is_main_locality"
            )
        }
        self.postcodes_by_subregion = defaultdict(list)
        for postcode in sorted(self.postcodes.values(), key=lambda p: p.pk):
            self.postcodes_by_subregion[postcode.subregion_id].append(postcode)
        self.company_sites = list(
            Site.objects.filter(
                organisation__kind=Organisation.Kind.COMPANY,
                organisation__external_ref__startswith=DEMO_PREFIX,
                postcode_id__in=self.postcodes,
            )
            .order_by("external_ref")
            .values_list("pk", "external_ref", "postcode_id")
        )
        offers = (
            ProgrammeOffer.objects.filter(
                active=True,
                site__organisation__external_ref__startswith=DEMO_PREFIX,
                site__postcode_id__in=self.postcodes,
                programme__active=True,
            )
            .order_by("site__organisation__external_ref", "programme_id")
            .values_list("site__organisation_id", "site__postcode_id", "programme_id")
        )
        self.offered_by_subregion = defaultdict(set)
        self.offered_by_provider = defaultdict(set)
        self.provider_postcode = {}
        for provider_id, postcode_id, programme_id in offers:
            subregion_id = self.postcodes[postcode_id].subregion_id
            self.offered_by_subregion[subregion_id].add(programme_id)
            self.offered_by_provider[provider_id].add(programme_id)
            self.provider_postcode.setdefault(provider_id, postcode_id)
        self.providers = sorted(self.provider_postcode)

    def distance(self, postcode_a: int, postcode_b: int) -> float:
        a, b = self.postcodes[postcode_a], self.postcodes[postcode_b]
        return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def seed_matchmaking_demo(scale: str, *, seed: int, out=None) -> dict[str, int]:
    """Create the matchmaking demo rows of `scale`; returns what was created (Dutch labels)."""
    size = SIZES[scale]
    world = _World()
    if not world.company_sites or not world.providers:
        return {}
    counts = defaultdict(int)
    _recognitions(world, seed, size, counts)
    _anchor(world, counts)
    _learners(world, seed, size, counts)
    return {
        "erkenningen": counts["recognitions"],
        "leerwerkplekken": counts["workplaces"],
        "jongeren": counts["learners"],
        "overeenkomsten": counts["agreements"],
    }


# Recognitions and workplaces


def _recognitions(world: _World, seed: int, size: DemoSize, counts) -> None:
    existing = set(
        Recognition.objects.filter(reference__startswith=RECOGNITION_PREFIX).values_list(
            "reference", flat=True
        )
    )
    recognitions, workplaces = [], []
    for site_id, site_ref, postcode_id in world.company_sites:
        rng = random.Random(f"{seed}:recognition:{site_ref}")
        # Main sites are almost all recognised; other sites less often.
        if not site_ref.endswith("-1") and rng.random() < 0.6:
            continue
        offered = sorted(world.offered_by_subregion[world.postcodes[postcode_id].subregion_id])
        if not offered:
            continue
        programmes = rng.sample(offered, k=min(len(offered), rng.choices([1, 2], [80, 20])[0]))
        for number, programme_id in enumerate(programmes, start=1):
            reference = f"{RECOGNITION_PREFIX}{site_ref.removeprefix(DEMO_PREFIX)}-{number}"
            if reference in existing:
                continue
            recognition, workplace = _plan_recognition(
                world, rng, site_id, programme_id, reference, size.workplace_share
            )
            recognitions.append(recognition)
            if workplace is not None:
                workplaces.append((len(recognitions) - 1, workplace))
    Recognition.objects.bulk_create(recognitions, batch_size=500)
    for index, workplace in workplaces:
        workplace.site_id = recognitions[index].site_id
    Workplace.objects.bulk_create([w for _, w in workplaces], batch_size=500)
    counts["recognitions"] += len(recognitions)
    counts["workplaces"] += len(workplaces)


def _plan_recognition(world, rng, site_id, programme_id, reference, workplace_share):
    today = world.today
    valid_from = today - timedelta(days=rng.randint(30, 2_000))
    roll = rng.random()
    status = Recognition.Status.RECOGNISED
    if roll < 0.03:  # lapsed and marked expired
        status, valid_until = Recognition.Status.EXPIRED, today - timedelta(rng.randint(1, 300))
    elif roll < 0.08:  # expires soon: the coordinators' warning has something to show
        valid_until = today + timedelta(days=rng.randint(5, 55))
    else:
        valid_until = today + timedelta(days=rng.randint(300, 2_000))
    valid_from = min(valid_from, valid_until - timedelta(days=1))
    recognition = Recognition(
        site_id=site_id,
        programme_id=programme_id,
        status=status,
        reference=reference,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    workplace = None
    start = today + timedelta(days=rng.randint(0, 90))
    recognised = status == Recognition.Status.RECOGNISED
    if recognised and valid_until >= start and rng.random() < workplace_share:
        workplace = _workplace(rng, site_id, programme_id, start)
    return recognition, workplace


def _workplace(rng, site_id, programme_id, start: date) -> Workplace:
    return Workplace(
        site_id=site_id,
        programme_id=programme_id,
        places=rng.choices([1, 2, 3], [60, 30, 10])[0],
        start_date=start,
        hours_per_week=rng.choice([20, 24, 28, 32, 38]),
        description=rng.choice(
            [
                "Je werkt mee in een klein team en leert elke week iets nieuws.",
                "Een vaste mentor begeleidt je; je start met eenvoudige taken.",
                "Afwisselend werk op verplaatsing en in het atelier.",
            ]
        ),
        is_public=rng.random() < 0.8,
    )


def _anchor(world: _World, counts) -> None:
    """An open workplace for Elektrische installaties within 20 km of Roeselare, always."""
    if Recognition.objects.filter(reference=ANCHOR_REFERENCE).exists():
        return
    programme = Programme.objects.filter(code=ANCHOR_PROGRAMME).first()
    origin = (
        Postcode.objects.filter(code=ANCHOR_POSTCODE, latitude__isnull=False)
        .order_by("-is_main_locality", "pk")
        .first()
    )
    if programme is None or origin is None:
        return
    near = sorted(
        (world.distance(origin.pk, postcode_id), site_ref, site_id)
        for site_id, site_ref, postcode_id in world.company_sites
    )
    near = [row for row in near if row[0] <= ANCHOR_RADIUS_KM]
    if not near:
        return
    # The demo company login's own site if it is near enough, else the nearest demo site.
    own = [row for row in near if row[1].startswith(f"{DEMO_PREFIX}site-company-00001-")]
    _, _, site_id = (own or near)[0]
    today = world.today
    Recognition.objects.filter(
        site_id=site_id, programme=programme, status=Recognition.Status.RECOGNISED
    ).update(status=Recognition.Status.EXPIRED, valid_until=today - timedelta(days=1))
    Recognition.objects.create(
        site_id=site_id,
        programme=programme,
        status=Recognition.Status.RECOGNISED,
        reference=ANCHOR_REFERENCE,
        valid_from=today - timedelta(days=400),
        valid_until=today + timedelta(days=3 * 365),
    )
    Workplace.objects.create(
        site_id=site_id,
        programme=programme,
        places=2,
        start_date=today + timedelta(days=14),
        hours_per_week=28,
        description="Elektrische installaties in nieuwbouw en renovatie; je mentor is zelf "
        "installateur.",
        is_public=True,
    )
    counts["recognitions"] += 1
    counts["workplaces"] += 1


# Learners and agreements


def _learners(world: _World, seed: int, size: DemoSize, counts) -> None:
    existing = set(
        Learner.objects.filter(email__endswith=f"@{LEARNER_DOMAIN}").values_list("email", flat=True)
    )
    recognised = defaultdict(list)  # programme -> [(site postcode, site id)]
    for site_id, postcode_id, programme_id in (
        Recognition.objects.valid_on(world.today)
        .filter(site__organisation__external_ref__startswith=DEMO_PREFIX)
        .order_by("pk")
        .values_list("site_id", "site__postcode_id", "programme_id")
    ):
        if postcode_id in world.postcodes:
            recognised[programme_id].append((postcode_id, site_id))

    learners, wishes, agreements = [], [], []
    now = timezone.now()
    for index in range(size.learners):
        email = f"jongere-{index + 1:05d}@{LEARNER_DOMAIN}"
        if email in existing:
            continue
        rng = random.Random(f"{seed}:learner:{index}")
        provider_id = world.providers[index % len(world.providers)]
        learner, programmes = _plan_learner(world, rng, provider_id, email, now)
        if learner is None:
            continue
        agreement = None
        if learner.status in (Learner.Status.RUNNING, Learner.Status.AGREEMENT):
            agreement = _plan_agreement(world, rng, learner, programmes[0], recognised)
            if agreement is None:  # no recognised place near enough: still looking
                learner.status = Learner.Status.SEARCHING
        learners.append(learner)
        wishes.append(programmes)
        agreements.append(agreement)
    Learner.objects.bulk_create(learners, batch_size=500)
    LearnerWish.objects.bulk_create(
        [
            LearnerWish(learner=learner, programme_id=programme_id, rank=rank)
            for learner, programmes in zip(learners, wishes, strict=True)
            for rank, programme_id in enumerate(programmes, start=1)
        ],
        batch_size=1_000,
    )
    rows = []
    for learner, agreement in zip(learners, agreements, strict=True):
        if agreement is not None:
            agreement.learner = learner
            rows.append(agreement)
    Agreement.objects.bulk_create(rows, batch_size=500)
    counts["learners"] += len(learners)
    counts["agreements"] += len(rows)


def _plan_learner(world: _World, rng, provider_id, email, now):
    offered = sorted(world.offered_by_provider[provider_id])
    if not offered:
        return None, []
    provider_postcode = world.postcodes[world.provider_postcode[provider_id]]
    postcode = rng.choice(world.postcodes_by_subregion[provider_postcode.subregion_id])
    programmes = rng.sample(offered, k=min(len(offered), rng.choices([1, 2, 3], [40, 40, 20])[0]))
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    today = world.today
    age = rng.choices([15, 16, 17, 18, 19, 21], [10, 25, 25, 20, 12, 8])[0]
    birth = date(today.year - age, 1, 1) + timedelta(days=rng.randint(0, 364))
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    minor = (today - birth).days < 18 * 365.25
    screened = status != Learner.Status.REGISTERED
    learner = Learner(
        first_name=first,
        last_name=last,
        birth_date=birth,
        email=email,
        phone=f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        postcode_id=postcode.pk,
        parent_name=f"{rng.choice(FIRST_NAMES)} {last}" if minor else "",
        parent_phone=f"0{rng.randint(470, 499)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}"
        if minor
        else "",
        provider_id=provider_id,
        wished_start_date=today + timedelta(days=rng.randint(0, 45)),
        max_distance_km=rng.choice([10, 15, 20, 25, 30]),
        transport_own=age >= 18 and rng.random() < 0.4,
        readiness=(
            rng.choice([Learner.Readiness.WORK_READY, Learner.Readiness.WORK_WILLING])
            if screened
            else Learner.Readiness.NOT_SCREENED
        ),
        screened_on=today - timedelta(days=rng.randint(10, 120)) if screened else None,
        early_school_leaver=rng.random() < 0.1,
        adult=age >= 18,
        no_qualification=rng.random() < 0.3,
        consent_given_on=today - timedelta(days=rng.randint(10, 150)),
        consent_given_by=Learner.ConsentBy.PARENT if minor else Learner.ConsentBy.LEARNER,
        notes="Fictieve demojongere (seed_demo).",
        status=status,
        status_changed_at=now - timedelta(days=rng.randint(1, 120)),
    )
    if status == Learner.Status.ENDED:
        learner.ended_on = today - timedelta(days=rng.randint(5, 200))
        learner.end_reason = rng.choice(END_REASONS)
    return learner, programmes


def _plan_agreement(world: _World, rng, learner: Learner, programme_id, recognised):
    options = [
        (world.distance(learner.postcode_id, postcode_id), site_id)
        for postcode_id, site_id in recognised.get(programme_id, ())
    ]
    options = sorted(o for o in options if o[0] <= learner.max_distance_km)
    if not options:
        return None
    _, site_id = rng.choice(options[:5])
    start = school_year_start(world.today) + timedelta(days=rng.randint(0, 60))
    start = min(start, world.today)
    types = [Agreement.Type.OAO, Agreement.Type.SAO, Agreement.Type.DAO]
    kind = rng.choices(types, [75, 15, 10])[0]
    hours = rng.choice([16, 18]) if kind == Agreement.Type.SAO else rng.choice([20, 24, 28, 32])
    running = learner.status == Learner.Status.RUNNING
    return Agreement(
        site_id=site_id,
        programme_id=programme_id,
        type=kind,
        start_date=start,
        hours_per_week=hours,
        status=Agreement.Status.RUNNING if running else Agreement.Status.SIGNED,
    )
