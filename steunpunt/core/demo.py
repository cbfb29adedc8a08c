"""Fictional demo data: providers with their sites and offer, companies, contacts, demo logins.

Everything is generated from a seed, so the same seed always gives the same rows. Every row
carries a stable `external_ref` (``demo-school-0001``, ``demo-company-00001``,
``demo-site-...``, ``demo-person-...``): a second run creates nothing, and a larger scale tops up
a smaller one (organisation *n* is the same at every scale, because each organisation draws from
its own random stream).

Names, addresses and contacts are made up. School names follow common Flemish patterns
("VTI <gemeente>", "GO! Technisch Atheneum <gemeente>") and may resemble a real school, so every
demo organisation says in its description that its data are fictional. E-mail addresses use the
reserved ``.test`` domain. Enterprise numbers pass the mod-97 check and come from one block
(0990.xxx.xxx–0999.xxx.xxx) so they are easy to recognise; that block is not officially reserved,
so a number may coincide with a real one (a clash with a row already in the database is skipped).
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user

from .enterprise_number import make_enterprise_number
from .models import (
    Membership,
    Organisation,
    Person,
    Postcode,
    Programme,
    ProgrammeOffer,
    Site,
)

DEMO_REF_PREFIX = "demo-"
DEMO_PASSWORD = "Steek-een-poot-uit-2025"
DEFAULT_SEED = 2025
BATCH_SIZE = 500
DEMO_NOTE = "Fictieve demo-gegevens (seed_demo): geen echte {what}."


@dataclass(frozen=True)
class Scale:
    providers: int
    companies: int


# Provider sites follow a fixed pattern per 12 providers (20 sites), companies average ~1.4 sites.
SCALES = {
    "small": Scale(providers=12, companies=150),
    "province": Scale(providers=60, companies=2_100),
    "flanders": Scale(providers=600, companies=21_000),
}


class ReferenceDataMissing(Exception):
    """Demo data need the reference data (postcodes with subregions, programmes)."""


# ---------------------------------------------------------------------------------------------
# Word lists (kept compact: ruff format leaves this block alone)
# ---------------------------------------------------------------------------------------------

# fmt: off
K = Organisation.Kind
N = Organisation.Network

# One cycle of 12 providers: mostly full-time secondary schools, some BuSO, CLW, Syntra, CVO.
PROVIDER_KIND_CYCLE = [K.SCHOOL, K.SCHOOL, K.BUSO_SCHOOL, K.SCHOOL, K.CLW, K.SCHOOL,
                       K.SYNTRA, K.SCHOOL, K.BUSO_SCHOOL, K.SCHOOL, K.ADULT_EDUCATION, K.SCHOOL]
PROVIDER_SITE_CYCLE = [2, 2, 1, 2, 2, 1, 3, 1, 1, 2, 1, 2]  # 20 sites per 12 providers
# The first providers sit in fixed towns, so even the small scale covers all five subregions
# and the demo journeys find "Elektrische installaties duaal" near Kortrijk and Roeselare.
ANCHOR_POSTCODES = [
    "8500", "8800", "8000", "8400", "8900", "8700", "8790", "8600", "8820", "8630", "8930", "8370",
]
ANCHOR_PROFILES = {0: "techniek", 1: "techniek"}
ANCHOR_NETWORKS = {0: N.KOV, 1: N.GO}
ELECTRICAL_INSTALLATIONS = "1096"  # Elektrische installaties duaal

SAINT_INSTITUTES = [
    "Sint-Jozefsinstituut", "Sint-Vincentiusinstituut", "Sint-Lodewijksinstituut",
    "Sint-Franciscusinstituut", "Sint-Michielsinstituut", "Sint-Aloysiusinstituut",
    "Sint-Andreasinstituut", "Sint-Paulusinstituut", "Sint-Pietersinstituut",
    "Sint-Rembertinstituut", "Onze-Lieve-Vrouwinstituut", "Heilige-Familie-instituut",
]
# (network, profile, pattern) for full-time secondary schools.
SCHOOL_PATTERNS = [
    (N.KOV, "techniek", "VTI {town}"),
    (N.KOV, "techniek", "Vrij Technisch Instituut {town}"),
    (N.KOV, "breed", "{saint} {town}"),
    (N.KOV, "zorg", "{saint} {town}"),
    (N.KOV, "horeca", "Hotelschool {town}"),
    (N.KOV, "groen", "Tuinbouwschool {town}"),
    (N.GO, "techniek", "GO! Technisch Atheneum {town}"),
    (N.GO, "breed", "GO! Campus {town}"),
    (N.GO, "zorg", "GO! Atheneum {town}"),
    (N.OVSG, "techniek", "Stedelijk Technisch Instituut {town}"),
    (N.OVSG, "breed", "Stedelijke Campus {town}"),
    (N.POV, "techniek", "Provinciaal Technisch Instituut {town}"),
    (N.POV, "groen", "Provinciale Tuinbouwschool {town}"),
]
SCHOOL_PATTERN_WEIGHTS = [14, 6, 10, 8, 3, 2, 8, 5, 3, 4, 2, 4, 1]
BUSO_WORDS = [
    "De Kade", "De Brug", "Ter Linde", "De Horizon", "Het Anker", "De Sleutel", "Ten Bunderen",
    "De Ceder", "Het Vlot", "De Parel", "Ter Meersen", "De Wegwijzer",
]
CVO_WORDS = ["Leerpunt", "Horizon", "Kompas", "Nova", "Perspectief", "Open Leren"]

# Profile → weight per study domain (by name) when choosing a provider's programmes.
PROFILES = {
    "techniek": {"STEM": 1.0, "Economie en organisatie": 0.12},
    "breed": {
        "STEM": 0.5, "Voeding en horeca": 0.4, "Maatschappij en welzijn": 0.4,
        "Economie en organisatie": 0.4, "Land- en tuinbouw": 0.1,
    },
    "zorg": {
        "Maatschappij en welzijn": 1.0, "Voeding en horeca": 0.6, "Economie en organisatie": 0.5,
        "Sport": 0.2,
    },
    "horeca": {"Voeding en horeca": 1.0, "Economie en organisatie": 0.2},
    "groen": {"Land- en tuinbouw": 1.0},
    "buso": {
        "STEM": 1.0, "Voeding en horeca": 0.8, "Economie en organisatie": 0.8,
        "Land- en tuinbouw": 0.6, "Maatschappij en welzijn": 0.5,
    },
    "syntra": {
        "STEM": 1.0, "Voeding en horeca": 0.8, "Maatschappij en welzijn": 0.4,
        "Economie en organisatie": 0.3, "Land- en tuinbouw": 0.3,
    },
}
OTHER_DOMAIN_WEIGHT = 0.03

PROVIDER_FUNCTIONS = ("coördinator duaal leren", "directeur")
SITE_FUNCTION = "trajectbegeleider"

WEST_FLEMISH_SURNAMES = [
    "Vandenberghe", "Declercq", "Verhaeghe", "Desmet", "Vanneste", "Dewulf", "Deconinck",
    "Vermeersch", "Vandamme", "Maes", "Lambrecht", "Devos", "Decock", "Verstraete", "Vercruysse",
    "Deprez", "Vanhoutte", "Debruyne", "Delanghe", "Vanackere", "Hoste", "Callewaert", "Goethals",
    "Demeyere", "Vandewalle", "Decuypere", "Vanlerberghe", "Seynaeve", "Bostoen", "Dumon",
    "Vancoillie", "Vanhee", "Dejonghe", "Beernaert", "Vanden Bussche", "Degryse", "Verbeke",
    "Casteleyn", "Coussement", "Deleu", "Dekeyser", "Lefevere", "Ryckaert", "Tanghe",
    "Vandekerckhove", "Verschuere", "Claeys", "Dumortier", "Vanmaele",
]
HORECA_NAMES = [
    "'t Hoekske", "De Linde", "Den Anker", "De Zwaan", "Het Molenhuis", "De Kroon", "Ter Beuke",
    "De Vlasbloem", "'t Pleintje", "De Gouden Garve", "Het Zeezicht", "De Oude Pastorie",
    "Ter Polder", "De Kasteelhoeve",
]
CARE_NAMES = [
    "Ter Linde", "De Meersen", "Zonnewende", "Ten Anker", "De Lichtboei", "Het Hofje",
    "Ter Vlaanderen", "De Regenboog", "Sint-Vincentius", "Ter Heide",
]

# (key, weight, name patterns, industrial-address share). {s} surname, {f} first name,
# {h} horeca word, {c} care word. A legal form is added unless the pattern has one.
SECTORS = [
    ("bouw", 16, ["Bouwbedrijf {s}", "Aannemingen {s}", "{s} Bouw", "Dakwerken {s}",
        "Tegelwerken {s}", "{s} Renovaties", "Schilderwerken {s}"], 0.6),
    ("elektriciteit", 10, ["Elektro {s}", "Elektriciteitswerken {s}", "{s} Elektrotechniek"], 0.5),
    ("installatietechniek", 8, ["{s} Sanitair & Verwarming", "Installatiebedrijf {s}",
        "{s} Klimaattechniek"], 0.5),
    ("hout", 8, ["Schrijnwerkerij {s}", "{s} Interieurbouw", "Houtbouw {s}",
        "Meubelmakerij {s}"], 0.6),
    ("metaal", 9, ["Metaalconstructie {s}", "{s} Staalbouw", "Laswerken {s}",
        "{s} Metaalbewerking"], 0.8),
    ("auto", 8, ["Garage {s}", "Carrosserie {s}", "Autobedrijf {s}", "Bandencentrale {s}",
        "{s} Fietsen"], 0.4),
    ("voeding", 9, ["Bakkerij {s}", "Slagerij {s}", "Brood- en banketbakkerij {s}",
        "Chocolaterie {f}", "Traiteur {s}"], 0.1),
    ("horeca", 9, ["Restaurant {h}", "Brasserie {h}", "Hotel {h}", "Bistro {h}",
        "Taverne {h}"], 0.0),
    ("zorg", 6, ["Woonzorgcentrum {c} vzw", "Kinderdagverblijf {c} vzw", "Thuiszorg {s} BV"], 0.0),
    ("logistiek", 7, ["Transport {s}", "{s} Logistics", "Distributiecentrum {s}"], 0.9),
    ("kapsalon", 5, ["Kapsalon {f}", "Haarstudio {f}", "Kapperszaak {s}"], 0.0),
    ("groen", 5, ["Tuinaanleg {s}", "Hoveniersbedrijf {s}", "Groenvoorziening {s}",
        "Bloemen {f}"], 0.3),
    ("industrie", 8, ["{s} Plastics", "{s} Textiles", "{s} Packaging", "{s} Machinebouw",
        "{s} Food Industries"], 0.9),
    ("handel", 5, ["Interieur & Wonen {s}", "Doe-het-zelf {s}", "Kledingzaak {f}",
        "{s} Groothandel"], 0.4),
    ("schoonmaak", 3, ["Schoonmaakbedrijf {s}", "{s} Cleaning"], 0.5),
]
SECTOR_WEIGHTS = [sector[1] for sector in SECTORS]
LEGAL_FORMS = ["BV"] * 14 + ["NV"] * 4 + ["CommV", "VOF"] + [""] * 3

STREETS = [
    "Kerkstraat", "Stationsstraat", "Molenstraat", "Dorpsstraat", "Nieuwstraat", "Schoolstraat",
    "Kapelstraat", "Hoogstraat", "Zuidstraat", "Noordstraat", "Marktplein", "Grote Markt",
    "Bruggestraat", "Ieperstraat", "Kortrijkstraat", "Rijselstraat", "Kasteelstraat", "Lindenlaan",
    "Beukenlaan", "Populierenlaan", "Kloosterstraat", "Sint-Jansstraat", "Sint-Elooisstraat",
    "Koning Albertlaan", "Leopoldlaan", "Vrijheidstraat", "Veldstraat", "Ooststraat", "Weststraat",
    "Heirweg", "Hulstraat", "Meersstraat", "Zandstraat", "Bosstraat", "Beekstraat", "Vijverstraat",
    "Pastoriestraat", "Groeningestraat", "Lange Nieuwstraat", "Torhoutsesteenweg",
    "Diksmuidestraat", "Tieltstraat", "Kerkplein", "Statieplein", "Rozenstraat", "Tuinstraat",
    "Akkerstraat", "Meiboomlaan", "Kouterstraat", "Gravenstraat", "Processiestraat",
    "Smidsestraat", "Brouwerijstraat", "Kruisstraat", "Hospitaalstraat", "Sint-Amandsstraat",
    "Sint-Maartensplein", "Oude Leiestraat", "Leiekaai", "Vlamingstraat", "Wagenaarstraat",
    "Plaatsstraat", "Mandellaan", "Blekerijstraat", "Kortewagenstraat",
]
INDUSTRIAL_STREETS = [
    "Industrielaan", "Industriestraat", "Ambachtenstraat", "Nijverheidsstraat", "Bedrijvenlaan",
    "Ondernemersstraat", "Kanaalstraat", "Havenstraat", "Brugsesteenweg", "Kortrijksesteenweg",
    "Roeselaarsestraat", "Ieperse Steenweg", "Oostendse Steenweg", "Izegemsestraat", "Ringlaan",
    "Vaartstraat", "Fabriekstraat", "Spoorwegstraat", "Zwevezeelsestraat", "Meensesteenweg",
]
# Names of a company's extra sites, by sector ("Vestiging" otherwise).
SITE_WORDS = {
    "bouw": ["Werkplaats", "Vestiging"], "hout": ["Atelier", "Werkplaats"],
    "metaal": ["Atelier", "Vestiging"], "auto": ["Garage", "Vestiging"],
    "voeding": ["Winkel", "Filiaal"], "handel": ["Winkel", "Filiaal"], "kapsalon": ["Salon"],
    "logistiek": ["Depot", "Magazijn"], "industrie": ["Productiesite"], "zorg": ["Afdeling"],
}
# Bpost names some West-Flemish localities only in French (Mesen, Spiere-Helkijn); skip them.
SKIPPED_LOCALITIES = {"Messines", "Espierres", "Espierres-Helchin", "Helchin"}
# Rough share of companies per subregion (slug), after population and employment.
SUBREGION_WEIGHTS = {"brugge": 24, "kust": 14, "westhoek": 16, "midden-west-vlaanderen": 21,
                     "zuid-west-vlaanderen": 25}
# Landline zones per subregion (slug); mobile numbers otherwise.
# Regional centres, where CLW, Syntra and CVO campuses are.
CENTRE_TOWNS = {"Brugge", "Oostende", "Kortrijk", "Roeselare", "Ieper", "Tielt", "Waregem",
                "Torhout", "Diksmuide", "Veurne", "Poperinge", "Izegem", "Menen", "Harelbeke",
                "Knokke-Heist", "Blankenberge"}
PHONE_ZONES = {"brugge": "050", "kust": "059", "westhoek": "057",
               "midden-west-vlaanderen": "051", "zuid-west-vlaanderen": "056"}
# fmt: on

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


# ---------------------------------------------------------------------------------------------
# Writing: create what is missing, in batches
# ---------------------------------------------------------------------------------------------


def _refs(model, prefix: str) -> dict[str, int]:
    return dict(
        model.objects.filter(external_ref__startswith=prefix).values_list("external_ref", "pk")
    )


def _write(
    plans: list[OrganisationPlan], org_key: str, site_key: str, counts: dict[str, int]
) -> None:
    """Create the organisations of `plans` and everything below them that does not exist yet."""
    now = timezone.now()
    # Organisations.
    existing = _refs(Organisation, DEMO_REF_PREFIX)
    taken_numbers = set(
        Organisation.objects.exclude(enterprise_number="")
        .exclude(external_ref__startswith=DEMO_REF_PREFIX)
        .values_list("enterprise_number", flat=True)
    )
    new = [
        Organisation(
            external_ref=p.ref,
            name=p.name,
            kind=p.kind,
            network=p.network,
            enterprise_number="" if p.enterprise_number in taken_numbers else p.enterprise_number,
            email=p.email,
            phone=p.phone,
            description=p.description,
        )
        for p in plans
        if p.ref not in existing
    ]
    Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
    counts[org_key] = len(new)
    org_ids = _refs(Organisation, DEMO_REF_PREFIX)

    # Sites.
    existing = _refs(Site, DEMO_REF_PREFIX)
    new = [
        Site(
            external_ref=s.ref,
            organisation_id=org_ids[p.ref],
            name=s.name,
            street=s.street,
            postcode_id=s.postcode_id,
            is_main=s.is_main,
        )
        for p in plans
        for s in p.sites
        if s.ref not in existing
    ]
    Site.objects.bulk_create(new, batch_size=BATCH_SIZE)
    counts[site_key] = len(new)

    # Offers (providers only).
    if any(s.programme_ids for p in plans for s in p.sites):
        site_ids = _refs(Site, DEMO_REF_PREFIX)
        existing_offers = set(
            ProgrammeOffer.objects.filter(
                site__external_ref__startswith=DEMO_REF_PREFIX, school_year=""
            ).values_list("site_id", "programme_id")
        )
        new = [
            ProgrammeOffer(site_id=site_ids[s.ref], programme_id=programme_id)
            for p in plans
            for s in p.sites
            for programme_id in s.programme_ids
            if (site_ids[s.ref], programme_id) not in existing_offers
        ]
        ProgrammeOffer.objects.bulk_create(new, batch_size=BATCH_SIZE)
        counts["offers"] = counts.get("offers", 0) + len(new)

    # Persons and their memberships.
    existing = _refs(Person, DEMO_REF_PREFIX)
    new = [
        Person(
            external_ref=person.ref,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
            consent_given_at=now,
            consent_source="demo-gegevens (seed_demo)",
            accepts_newsletters=person.accepts_newsletters,
            notes=DEMO_NOTE.format(what="persoon"),
        )
        for p in plans
        for person in p.persons
        if person.ref not in existing
    ]
    Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
    counts["persons"] = counts.get("persons", 0) + len(new)
    person_ids = _refs(Person, DEMO_REF_PREFIX)
    existing_memberships = set(
        Membership.objects.filter(person__external_ref__startswith=DEMO_REF_PREFIX).values_list(
            "person_id", "organisation_id", "function"
        )
    )
    new = [
        Membership(
            person_id=person_ids[person.ref],
            organisation_id=org_ids[p.ref],
            function=person.function,
            is_primary_contact=person.is_primary,
        )
        for p in plans
        for person in p.persons
        if (person_ids[person.ref], org_ids[p.ref], person.function) not in existing_memberships
    ]
    Membership.objects.bulk_create(new, batch_size=BATCH_SIZE)
    counts["memberships"] = counts.get("memberships", 0) + len(new)


# ---------------------------------------------------------------------------------------------
# Demo logins
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: Role
    first_name: str
    last_name: str
    organisation_refs: tuple[str, ...]  # the first that exists is used
    function: str


DEMO_LOGINS = [
    DemoLogin(
        "school@steunpunt.test",
        Role.SCHOOL_CONTACT,
        "Lien",
        "Vandenbroucke",
        (f"{DEMO_REF_PREFIX}school-0001",),
        "coördinator duaal leren",
    ),
    DemoLogin(
        "bedrijf@steunpunt.test",
        Role.COMPANY_CONTACT,
        "Pieter",
        "Vanhoutte",
        (f"{DEMO_REF_PREFIX}company-00001",),
        "mentor",
    ),
    DemoLogin(
        "partner@steunpunt.test",
        Role.PARTNER_CONTACT,
        "Sarah",
        "Demeulenaere",
        ("ref-vdab", f"{DEMO_REF_PREFIX}partner-0001"),
        "consulent duaal leren",
    ),
    DemoLogin(
        "pof@steunpunt.test",
        Role.POF_SECRETARIAT,
        "Bart",
        "Vermeulen",
        ("ref-provincie-wvl",),
        "secretariaat POF",
    ),
]


def _demo_partner() -> Organisation:
    partner = Organisation.objects.filter(kind=K.PARTNER).order_by("name").first()
    if partner:
        return partner
    return Organisation.objects.get_or_create(
        external_ref=f"{DEMO_REF_PREFIX}partner-0001",
        defaults={
            "name": "Demo-partnerorganisatie",
            "kind": K.PARTNER,
            "description": DEMO_NOTE.format(what="organisatie"),
        },
    )[0]


def _ensure_logins(counts: dict[str, int]) -> list[DemoLogin]:
    from steunpunt.accounts.models import User

    created = 0
    hashed = make_password(DEMO_PASSWORD)
    for login in DEMO_LOGINS:
        organisation = Organisation.objects.filter(external_ref__in=login.organisation_refs).first()
        if organisation is None and login.role == Role.PARTNER_CONTACT:
            organisation = _demo_partner()
        slug = login.role.key.replace("_", "-")
        person, _ = Person.objects.get_or_create(
            external_ref=f"{DEMO_REF_PREFIX}person-login-{slug}",
            defaults={
                "first_name": login.first_name,
                "last_name": login.last_name,
                "email": login.email,
                "consent_given_at": timezone.now(),
                "consent_source": "demo-gegevens (seed_demo)",
                "notes": DEMO_NOTE.format(what="persoon"),
            },
        )
        if organisation is not None:
            Membership.objects.get_or_create(
                person=person, organisation=organisation, function=login.function
            )
        created += not User.objects.filter(email__iexact=login.email).exists()
        user = create_portal_user(
            email=login.email,
            role=login.role,
            person=person,
            first_name=login.first_name,
            last_name=login.last_name,
        )
        # Always (re)set the known password, hashed once for all logins (hashing is slow).
        user.password = hashed
        user.save(update_fields=["password"])
    counts["logins"] = created
    return DEMO_LOGINS


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def seed(scale: str = "small", *, seed: int = DEFAULT_SEED, stdout=None) -> dict[str, int]:
    """Create the demo data of `scale` (small, province, flanders); returns what was created.

    Safe to repeat; a larger scale adds to a smaller one. Raises ReferenceDataMissing when
    load_reference_data has not run.
    """
    if scale not in SCALES:
        raise ValueError(f"Onbekende schaal {scale!r}; kies uit {', '.join(SCALES)}.")
    size = SCALES[scale]
    out = stdout.write if stdout is not None else (lambda line: None)
    started = time.monotonic()
    counts: dict[str, int] = {}

    def step(label: str, since: float) -> float:
        now = time.monotonic()
        out(f"  {label}: {now - since:.2f} s")
        return now

    reference = _Reference()
    generator = _Generator(reference, seed)
    mark = time.monotonic()
    providers = generator.providers(size.providers)
    companies = generator.companies(size.companies)
    mark = step(f"plan ({len(providers)} scholen, {len(companies)} ondernemingen)", mark)
    with transaction.atomic():
        _write(providers, "providers", "provider_sites", counts)
        mark = step("scholen, vestigingen, aanbod en contacten", mark)
        _write(companies, "companies", "company_sites", counts)
        mark = step("ondernemingen, vestigingen en contacten", mark)
        _ensure_logins(counts)
        step("demo-logins", mark)
    counts["seconds"] = round(time.monotonic() - started, 2)
    return counts


def demo_totals() -> dict[str, int]:
    """How many demo rows exist now (by external_ref prefix)."""
    demo_orgs = Organisation.objects.filter(external_ref__startswith=DEMO_REF_PREFIX)
    demo_sites = Site.objects.filter(external_ref__startswith=DEMO_REF_PREFIX)
    return {
        "providers": demo_orgs.filter(kind__in=Organisation.PROVIDER_KINDS).count(),
        "provider_sites": demo_sites.filter(
            organisation__kind__in=Organisation.PROVIDER_KINDS
        ).count(),
        "companies": demo_orgs.filter(kind=K.COMPANY).count(),
        "company_sites": demo_sites.filter(organisation__kind=K.COMPANY).count(),
        "offers": ProgrammeOffer.objects.filter(
            site__external_ref__startswith=DEMO_REF_PREFIX
        ).count(),
        "persons": Person.objects.filter(external_ref__startswith=DEMO_REF_PREFIX).count(),
        "memberships": Membership.objects.filter(
            person__external_ref__startswith=DEMO_REF_PREFIX
        ).count(),
    }
