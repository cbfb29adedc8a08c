"""The plan of one scale: what the rows look like (pure, no database writes)."""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.text import slugify
from faker import Faker

from ..enterprise_number import make_enterprise_number
from ..models import (
    Postcode,
    Programme,
)
from .vocabulary import (
    ANCHOR_NETWORKS,
    ANCHOR_POSTCODES,
    ANCHOR_PROFILES,
    BUSO_WORDS,
    CARE_NAMES,
    CENTRE_TOWNS,
    CVO_WORDS,
    DEMO_NOTE,
    DEMO_REF_PREFIX,
    ELECTRICAL_INSTALLATIONS,
    HORECA_NAMES,
    INDUSTRIAL_STREETS,
    LEGAL_FORMS,
    OTHER_DOMAIN_WEIGHT,
    PHONE_ZONES,
    PROFILES,
    PROVIDER_FUNCTIONS,
    PROVIDER_KIND_CYCLE,
    PROVIDER_SITE_CYCLE,
    SAINT_INSTITUTES,
    SCHOOL_PATTERN_WEIGHTS,
    SCHOOL_PATTERNS,
    SECTOR_WEIGHTS,
    SECTORS,
    SITE_FUNCTION,
    SITE_WORDS,
    SKIPPED_LOCALITIES,
    STREETS,
    SUBREGION_WEIGHTS,
    WEST_FLEMISH_SURNAMES,
    K,
    N,
    ReferenceDataMissing,
)

# ---------------------------------------------------------------------------------------------
# Plan: what the rows of one scale look like (pure, no database writes)
# ---------------------------------------------------------------------------------------------


@dataclass
class PersonPlan:
    ref: str
    first_name: str
    last_name: str
    email: str
    phone: str
    function: str
    is_primary: bool
    accepts_newsletters: bool


@dataclass
class SitePlan:
    ref: str
    name: str
    street: str
    postcode_id: int
    is_main: bool
    programme_ids: list[int] = field(default_factory=list)


@dataclass
class OrganisationPlan:
    ref: str
    name: str
    kind: str
    network: str
    enterprise_number: str
    email: str
    phone: str
    description: str
    sites: list[SitePlan] = field(default_factory=list)
    persons: list[PersonPlan] = field(default_factory=list)


@dataclass
class _PostcodeInfo:
    id: int
    code: str
    locality: str
    is_main: bool
    municipality_id: int
    municipality: str
    subregion_id: int
    subregion_slug: str


@dataclass
class _ProgrammeInfo:
    id: int
    code: str
    name: str
    segment: str
    domain: str


class _Reference:
    """The reference rows the generator draws from, in a stable order."""

    def __init__(self):
        rows = (
            Postcode.objects.filter(subregion__isnull=False, municipality__isnull=False)
            .select_related("municipality", "subregion")
            .order_by("code", "locality", "pk")
        )
        self.postcodes = [
            _PostcodeInfo(
                p.pk,
                p.code,
                p.locality,
                p.is_main_locality,
                p.municipality_id,
                p.municipality.name,
                p.subregion_id,
                p.subregion.slug,
            )
            for p in rows
            if p.locality not in SKIPPED_LOCALITIES
        ]
        self.programmes = [
            _ProgrammeInfo(
                p.pk, p.code, p.name, p.segment, p.study_domain.name if p.study_domain else ""
            )
            for p in Programme.objects.filter(active=True)
            .select_related("study_domain")
            .order_by("code")
        ]
        if not self.postcodes or not self.programmes:
            raise ReferenceDataMissing(
                "Referentiegegevens ontbreken (West-Vlaamse postcodes met subregio, "
                "opleidingen). Voer eerst 'python manage.py load_reference_data' uit."
            )
        self.by_municipality = defaultdict(list)
        self.by_subregion = defaultdict(list)
        for info in self.postcodes:
            self.by_municipality[info.municipality_id].append(info)
            self.by_subregion[info.subregion_id].append(info)
        # Municipalities weighted by their number of localities (a rough proxy for size).
        self.municipality_ids = sorted(self.by_municipality)
        self.municipality_weights = [len(self.by_municipality[m]) for m in self.municipality_ids]
        self.centre_municipality_ids = [
            m
            for m in self.municipality_ids
            if self.by_municipality[m][0].municipality in CENTRE_TOWNS
        ]
        self.subregion_ids = sorted(self.by_subregion)
        self.subregion_weights = [
            SUBREGION_WEIGHTS.get(self.by_subregion[s][0].subregion_slug, 20)
            for s in self.subregion_ids
        ]
        self.municipalities_by_subregion = defaultdict(list)
        for municipality_id in self.municipality_ids:
            first = self.by_municipality[municipality_id][0]
            self.municipalities_by_subregion[first.subregion_id].append(municipality_id)
        self.by_code = defaultdict(list)
        for info in self.postcodes:
            self.by_code[info.code].append(info)

    def main_postcode(self, municipality_id: int) -> _PostcodeInfo:
        options = self.by_municipality[municipality_id]
        return next((p for p in options if p.is_main), options[0])

    def company_postcode(self, rng: random.Random) -> _PostcodeInfo:
        """A subregion by its weight, a municipality by its size, mostly the main locality."""
        subregion_id = rng.choices(self.subregion_ids, self.subregion_weights)[0]
        municipalities = self.municipalities_by_subregion[subregion_id]
        weights = [len(self.by_municipality[m]) ** 0.5 for m in municipalities]
        municipality_id = rng.choices(municipalities, weights)[0]
        if rng.random() < 0.6:
            return self.main_postcode(municipality_id)
        return rng.choice(self.by_municipality[municipality_id])

    def anchor(self, code: str) -> _PostcodeInfo | None:
        options = self.by_code.get(code)
        if not options:
            return None
        return next((p for p in options if p.is_main), options[0])


def _ascii(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _domain(name: str) -> str:
    return (slugify(name)[:40].strip("-") or "demo") + ".test"


def _email(first: str, last: str, domain: str) -> str:
    return f"{_ascii(first)}.{_ascii(last)}@{domain}"


def _phone(rng: random.Random, subregion_slug: str, mobile: bool) -> str:
    if mobile:
        return (
            f"04{rng.choice('789')}{rng.randint(0, 9)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        )
    zone = PHONE_ZONES.get(subregion_slug, "050")
    return f"{zone} {rng.randint(20, 89)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _street(rng: random.Random, industrial_share: float) -> str:
    # Curated names: Faker's nl_BE streets ("Miabaan", "Erikweg") do not look West-Flemish.
    names = INDUSTRIAL_STREETS if rng.random() < industrial_share else STREETS
    return f"{rng.choice(names)} {rng.randint(1, 180)}"


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k items without replacement, proportional to weight (Efraimidis–Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


def _enterprise_number(index: int) -> str:
    # A bijection of 0..99,999 (7,919 is prime to 100,000), so numbers look scattered but
    # stay unique up to 100,000 companies (flanders needs 21,000); block 0990.000.0xx–0999.999.9xx.
    return make_enterprise_number(9_900_000 + (index * 7_919) % 100_000)


class _NamePool:
    """Names drawn once from a seeded Faker('nl_BE'): per-row Faker calls are slow."""

    def __init__(self, seed: int):
        fake = Faker("nl_BE")
        fake.seed_instance(seed)
        self._first = [fake.first_name() for _ in range(600)]
        self._last = [fake.last_name() for _ in range(400)]
        self._company = [fake.company() for _ in range(200)]
        self.rng: random.Random | None = None

    def first_name(self) -> str:
        return self.rng.choice(self._first)

    def last_name(self) -> str:
        return self.rng.choice(self._last)

    def company(self) -> str:
        return self.rng.choice(self._company)


class _Generator:
    def __init__(self, ref: _Reference, seed: int):
        self.ref = ref
        self.seed = seed
        self.names = _NamePool(seed)

    def _streams(self, key: str) -> tuple[random.Random, _NamePool]:
        """Each organisation draws from its own stream, so it is the same at every scale."""
        rng = random.Random(f"{self.seed}:{key}")
        self.names.rng = rng
        return rng, self.names

    def _person(
        self, rng, fake, ref, function, domain, subregion_slug, primary, surname=None
    ) -> PersonPlan:
        first = fake.first_name()
        last = surname or (
            rng.choice(WEST_FLEMISH_SURNAMES) if rng.random() < 0.6 else fake.last_name()
        )
        return PersonPlan(
            ref=ref,
            first_name=first,
            last_name=last,
            email=_email(first, last, domain),
            phone=_phone(rng, subregion_slug, mobile=rng.random() < 0.7),
            function=function,
            is_primary=primary,
            accepts_newsletters=rng.random() < 0.4,
        )

    # -- providers ----------------------------------------------------------------------------

    def providers(self, count: int) -> list[OrganisationPlan]:
        plans, used_names = [], set()
        for index in range(count):
            plan = self._provider(index, used_names)
            used_names.add(plan.name)
            plans.append(plan)
        return plans

    def _provider(self, index: int, used_names: set[str]) -> OrganisationPlan:
        rng, fake = self._streams(f"provider:{index}")
        kind = PROVIDER_KIND_CYCLE[index % len(PROVIDER_KIND_CYCLE)]
        site_count = PROVIDER_SITE_CYCLE[index % len(PROVIDER_SITE_CYCLE)]
        main = self.ref.anchor(ANCHOR_POSTCODES[index]) if index < len(ANCHOR_POSTCODES) else None
        for attempt in range(12):
            if main is None or attempt > 0 and attempt % 3 == 0:  # taken: try another town
                main = self._provider_town(rng, kind)
            name, network, profile = self._provider_name(
                rng, kind, main.municipality, index, attempt
            )
            if name not in used_names:
                break
        else:
            name = f"{name} {index + 1}"
        domain = _domain(name)
        ref = f"{DEMO_REF_PREFIX}school-{index + 1:04d}"
        plan = OrganisationPlan(
            ref=ref,
            name=name,
            kind=kind,
            network=network,
            enterprise_number="",
            email=f"info@{domain}",
            phone=_phone(rng, main.subregion_slug, mobile=False),
            description=DEMO_NOTE.format(what="school") + f" Profiel: {profile}.",
        )
        for number in range(1, site_count + 1):
            postcode = main if number == 1 else self._nearby(rng, main)
            if number == 1:
                site_name = "Hoofdvestiging" if site_count > 1 else ""
            else:
                site_name = f"Campus {postcode.locality}"
            site = SitePlan(
                ref=f"{DEMO_REF_PREFIX}site-school-{index + 1:04d}-{number}",
                name=site_name,
                street=_street(rng, 0.1),
                postcode_id=postcode.id,
                is_main=number == 1,
            )
            site.programme_ids = self._offer(rng, kind, profile, postcode, index, number == 1)
            plan.sites.append(site)
        for number, function in enumerate(PROVIDER_FUNCTIONS, start=1):
            plan.persons.append(
                self._person(
                    rng,
                    fake,
                    f"{DEMO_REF_PREFIX}person-school-{index + 1:04d}-{number}",
                    function,
                    domain,
                    main.subregion_slug,
                    primary=number == 1,
                )
            )
        for number in range(1, site_count + 1):
            plan.persons.append(
                self._person(
                    rng,
                    fake,
                    f"{DEMO_REF_PREFIX}person-school-{index + 1:04d}-t{number}",
                    SITE_FUNCTION,
                    domain,
                    main.subregion_slug,
                    primary=False,
                )
            )
        return plan

    def _provider_name(self, rng, kind, town, index, attempt) -> tuple[str, str, str]:
        if kind == K.SCHOOL:
            if index in ANCHOR_NETWORKS and attempt == 0:
                network = ANCHOR_NETWORKS[index]
                pattern = "VTI {town}" if network == N.KOV else "GO! Technisch Atheneum {town}"
                return pattern.format(town=town), network, ANCHOR_PROFILES[index]
            network, profile, pattern = rng.choices(SCHOOL_PATTERNS, SCHOOL_PATTERN_WEIGHTS)[0]
            return (pattern.format(town=town, saint=rng.choice(SAINT_INSTITUTES)), network, profile)
        if kind == K.BUSO_SCHOOL:
            network = rng.choices([N.KOV, N.GO, N.OVSG, N.POV], [6, 3, 1, 1])[0]
            if network == N.GO:
                return f"GO! BuSO {rng.choice(BUSO_WORDS)} {town}", network, "buso"
            return f"BuSO {rng.choice(BUSO_WORDS)} {town}", network, "buso"
        if kind == K.CLW:
            network = rng.choice([N.KOV, N.GO, N.OVSG])
            return f"Centrum voor Leren en Werken {town}", network, "breed"
        if kind == K.SYNTRA:
            return f"Syntra West {town}", "", "syntra"
        network = rng.choice([N.GO, N.KOV, N.OVSG, N.POV])
        return f"CVO {rng.choice(CVO_WORDS)} {town}", network, "breed"

    def _provider_town(self, rng, kind) -> _PostcodeInfo:
        """CLW, Syntra and CVO sit in regional centres; schools anywhere (bigger towns likelier)."""
        if kind in (K.CLW, K.SYNTRA, K.ADULT_EDUCATION) and self.ref.centre_municipality_ids:
            return self.ref.main_postcode(rng.choice(self.ref.centre_municipality_ids))
        ids, weights = self.ref.municipality_ids, self.ref.municipality_weights
        return self.ref.main_postcode(rng.choices(ids, weights)[0])

    def _nearby(self, rng, main: _PostcodeInfo) -> _PostcodeInfo:
        same_town = [p for p in self.ref.by_municipality[main.municipality_id] if p.id != main.id]
        if same_town and rng.random() < 0.5:
            return rng.choice(same_town)
        others = (
            [
                p
                for p in self.ref.by_subregion[main.subregion_id]
                if p.is_main and p.municipality_id != main.municipality_id
            ]
            or same_town
            or [main]
        )
        return rng.choice(others)

    def _offer(self, rng, kind, profile, postcode, index, is_main) -> list[int]:
        if kind == K.BUSO_SCHOOL:
            segments = {Programme.Segment.BUSO}
            k = rng.randint(3, 6) if is_main else rng.randint(2, 4)
        elif kind == K.SCHOOL:
            segments = {
                Programme.Segment.SECONDARY,
                Programme.Segment.PREPARATORY,
                Programme.Segment.SEVENTH_YEAR,
            }
            k = rng.randint(4, 8) if is_main else rng.randint(2, 5)
        elif kind == K.CLW:
            segments = {Programme.Segment.SECONDARY, Programme.Segment.PREPARATORY}
            k = rng.randint(5, 9) if is_main else rng.randint(3, 6)
        elif kind == K.SYNTRA:
            segments = {Programme.Segment.SECONDARY}
            k = rng.randint(5, 10) if is_main else rng.randint(4, 7)
        else:  # adult education offers a few secondary programmes
            segments = {Programme.Segment.SECONDARY, Programme.Segment.SEVENTH_YEAR}
            k = rng.randint(2, 4)
        weights_by_domain = PROFILES[profile]
        pool = [
            p
            for p in self.ref.programmes
            if p.segment in segments
            and ("zeevisserij" not in p.name.lower() or postcode.subregion_slug == "kust")
        ]
        weights = [weights_by_domain.get(p.domain, OTHER_DOMAIN_WEIGHT) for p in pool]
        chosen = _weighted_sample(rng, pool, weights, k)
        electrical = next((p for p in pool if p.code == ELECTRICAL_INSTALLATIONS), None)
        if electrical and electrical not in chosen:
            wants = (
                (index in ANCHOR_PROFILES and is_main)
                or (profile == "techniek" and rng.random() < 0.6)
                or (kind in (K.CLW, K.SYNTRA) and rng.random() < 0.5)
            )
            if wants:
                chosen.append(electrical)
        return sorted(p.id for p in chosen)

    # -- companies ----------------------------------------------------------------------------

    def companies(self, count: int) -> list[OrganisationPlan]:
        return [self._company(index) for index in range(count)]

    def _company(self, index: int) -> OrganisationPlan:
        rng, fake = self._streams(f"company:{index}")
        key, _, patterns, industrial = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
        surname = rng.choice(WEST_FLEMISH_SURNAMES) if rng.random() < 0.7 else fake.last_name()
        if rng.random() < 0.08:
            name = fake.company()  # "Maes, Goethals en Decock BV"
        else:
            name = rng.choice(patterns).format(
                s=surname, f=fake.first_name(), h=rng.choice(HORECA_NAMES), c=rng.choice(CARE_NAMES)
            )
            if not name.endswith((" vzw", " BV", " NV")):
                form = rng.choice(LEGAL_FORMS)
                name = f"{name} {form}".strip()
        main = self.ref.company_postcode(rng)
        domain = _domain(name)
        number = index + 1
        plan = OrganisationPlan(
            ref=f"{DEMO_REF_PREFIX}company-{number:05d}",
            name=name,
            kind=K.COMPANY,
            network="",
            enterprise_number=_enterprise_number(index),
            email=f"info@{domain}",
            phone=_phone(rng, main.subregion_slug, mobile=rng.random() < 0.3),
            description=DEMO_NOTE.format(what="onderneming") + f" Sector: {key}.",
        )
        site_count = rng.choices([1, 2, 3, 4], [72, 18, 7, 3])[0]
        for site_number in range(1, site_count + 1):
            if site_number == 1:
                postcode, site_name = main, ""
            else:
                postcode = (
                    self.ref.company_postcode(rng)
                    if rng.random() < 0.15
                    else rng.choice(self.ref.by_subregion[main.subregion_id])
                )
                site_name = f"{rng.choice(SITE_WORDS.get(key, ['Vestiging']))} {postcode.locality}"
            plan.sites.append(
                SitePlan(
                    ref=f"{DEMO_REF_PREFIX}site-company-{number:05d}-{site_number}",
                    name=site_name,
                    street=_street(rng, industrial),
                    postcode_id=postcode.id,
                    is_main=site_number == 1,
                )
            )
        person_ref = f"{DEMO_REF_PREFIX}person-company-{number:05d}"
        plan.persons.append(
            self._person(
                rng,
                fake,
                f"{person_ref}-1",
                "zaakvoerder",
                domain,
                main.subregion_slug,
                primary=True,
                surname=surname if rng.random() < 0.5 else None,
            )
        )
        if rng.random() < 0.7:
            plan.persons.append(
                self._person(
                    rng,
                    fake,
                    f"{person_ref}-2",
                    "mentor",
                    domain,
                    main.subregion_slug,
                    primary=False,
                )
            )
        if site_count >= 3:
            plan.persons.append(
                self._person(
                    rng,
                    fake,
                    f"{person_ref}-3",
                    "HR-verantwoordelijke",
                    domain,
                    main.subregion_slug,
                    primary=False,
                )
            )
        return plan
