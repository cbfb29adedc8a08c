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

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user

from ..models import (
    Membership,
    Organisation,
    Person,
    ProgrammeOffer,
    Site,
)
from .plan import (
    OrganisationPlan,
    _Generator,
    _Reference,
)
from .vocabulary import (
    BATCH_SIZE,
    DEFAULT_SEED,
    DEMO_NOTE,
    DEMO_PASSWORD,
    DEMO_REF_PREFIX,
    SCALES,
    K,
    ReferenceDataMissing,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "SCALES",
    "DemoLogin",
    "ReferenceDataMissing",
    "demo_totals",
    "register_extension",
    "seed",
]

# Feature apps add their own demo rows after the core's (the core never imports them): each
# registers `fn(scale, seed=..., out=...) -> {label: created}` in its AppConfig.ready().
_EXTENSIONS: dict[str, Callable[..., dict[str, int]]] = {}


def register_extension(name: str, fn: Callable[..., dict[str, int]]) -> None:
    """Run `fn` after the core demo data on every seed; `name` keeps a second registration out."""
    _EXTENSIONS[name] = fn


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
        mark = step("demo-logins", mark)
    for name, extension in _EXTENSIONS.items():
        with transaction.atomic():
            counts.update(extension(scale, seed=seed, out=out))
        mark = step(name, mark)
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
