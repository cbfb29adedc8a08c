"""Loading the shipped reference data (steunpunt/core/data/, see its README for sources).

Idempotent: running it again updates rows from the files and creates what is missing, but never
undoes what coordinators edit in the admin (subregion names and the municipality → subregion
mapping are only set when a row is first created).
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import (
    Municipality,
    MunicipalityAlias,
    Organisation,
    Postcode,
    Programme,
    StudyDomain,
    Subregion,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Default subregions of West-Vlaanderen and the arrondissements they cover (DOMAIN.md).
DEFAULT_SUBREGIONS = [
    ("Brugge", "brugge", ["Brugge"]),
    ("Kust", "kust", ["Oostende"]),
    ("Westhoek", "westhoek", ["Ieper", "Diksmuide", "Veurne"]),
    ("Midden-West-Vlaanderen", "midden-west-vlaanderen", ["Roeselare", "Tielt"]),
    ("Zuid-West-Vlaanderen", "zuid-west-vlaanderen", ["Kortrijk"]),
]

# The partner organisations of the Netwerk Duaal Leren West-Vlaanderen (DOMAIN.md).
PARTNER_ORGANISATIONS = [
    (
        "ref-provincie-wvl",
        "Provincie West-Vlaanderen",
        "Provincie",
        "https://www.west-vlaanderen.be",
    ),
    ("ref-pom-wvl", "POM West-Vlaanderen", "POM", ""),
    ("ref-rtc-wvl", "RTC West-Vlaanderen", "RTC", ""),
    (
        "ref-wewis",
        "Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie",
        "Departement WEWIS",
        "",
    ),
    ("ref-kov", "Katholiek Onderwijs Vlaanderen", "KOV", ""),
    ("ref-go", "GO! onderwijs van de Vlaamse Gemeenschap", "GO!", ""),
    ("ref-pov", "Provinciaal Onderwijs Vlaanderen", "POV", ""),
    ("ref-unizo", "Unizo West-Vlaanderen", "Unizo", ""),
    ("ref-voka", "Voka West-Vlaanderen", "VOKA", ""),
    (
        "ref-ahovoks",
        "Agentschap voor Hoger Onderwijs, Volwassenenonderwijs, Kwalificaties en Studietoelagen",
        "AHOVOKS",
        "",
    ),
    ("ref-vdab", "VDAB", "VDAB", "https://www.vdab.be"),
]

SEGMENTS = {
    "gewoon SO 2de/3de graad": Programme.Segment.SECONDARY,
    "aanloopfase (gewoon SO)": Programme.Segment.PREPARATORY,
    "7de leerjaar / Se-n-Se": Programme.Segment.SEVENTH_YEAR,
    "BuSO OV3": Programme.Segment.BUSO,
}
GRADES = {"Tweede graad": Programme.Grade.SECOND, "Derde graad": Programme.Grade.THIRD, "": ""}
FINALITIES = {
    "Arbeidsmarkt": Programme.Finality.LABOUR_MARKET,
    "Dubbel": Programme.Finality.DOUBLE,
    "": "",
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, model: str, created: int = 0, updated: int = 0):
        self.created[model] = self.created.get(model, 0) + created
        self.updated[model] = self.updated.get(model, 0) + updated

    def lines(self) -> list[str]:
        return [
            f"{name}: {self.created.get(name, 0)} nieuw, {self.updated.get(name, 0)} bijgewerkt"
            for name in sorted(set(self.created) | set(self.updated))
        ]


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(value: str) -> float | None:
    return float(value) if value not in (None, "") else None


@transaction.atomic
def load_reference_data() -> LoadReport:
    report = LoadReport()
    subregion_by_arrondissement = _load_subregions(report)
    municipalities = _load_municipalities(report, subregion_by_arrondissement)
    _load_postcodes(report, municipalities)
    _load_programmes(report)
    _load_partners(report)
    return report


def _load_subregions(report: LoadReport) -> dict[str, Subregion]:
    by_arrondissement = {}
    for order, (name, slug, arrondissements) in enumerate(DEFAULT_SUBREGIONS, start=1):
        subregion, created = Subregion.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "order": order, "arrondissements": ", ".join(arrondissements)},
        )
        report.add("subregio's", created=int(created))
        for arrondissement in arrondissements:
            by_arrondissement[arrondissement] = subregion
    return by_arrondissement


def _load_municipalities(report, subregion_by_arrondissement) -> dict[str, Municipality]:
    existing = {m.nis_code: m for m in Municipality.objects.all()}
    for row in _rows("wvl_gemeenten_2025.csv"):
        values = {
            "name": row["name_nl"],
            "arrondissement": row["arrondissement_nl"],
            "arrondissement_nis": row["arrondissement_nis"],
            "latitude": _float(row["lat_main_locality"]),
            "longitude": _float(row["lng_main_locality"]),
        }
        municipality = existing.get(row["nis_code"])
        if municipality is None:
            existing[row["nis_code"]] = Municipality.objects.create(
                nis_code=row["nis_code"],
                subregion=subregion_by_arrondissement[row["arrondissement_nl"]],
                **values,
            )
            report.add("gemeenten", created=1)
        elif any(getattr(municipality, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(municipality, key, value)
            municipality.save()
            report.add("gemeenten", updated=1)
    # Former municipalities (2025 mergers) stay resolvable by name and NIS code.
    for row in _rows("wvl_gemeenten_2019_2024.csv"):
        if row["status_2025"] != "samengevoegd":
            continue
        _, created = MunicipalityAlias.objects.update_or_create(
            nis_code=row["nis_code"],
            defaults={
                "name": row["name_nl"],
                "municipality": existing[row["nis_code_2025"]],
                "valid_until": "2024-12-31",
            },
        )
        report.add("vroegere gemeenten", created=int(created))
    return existing


def _load_postcodes(report, municipalities) -> None:
    wvl = {(row["postcode"], row["locality"]): row for row in _rows("wvl_postcodes.csv")}
    existing = {(p.code, p.locality): p for p in Postcode.objects.all()}
    to_create, to_update = [], []
    fields = ["is_main_locality", "province", "latitude", "longitude", "municipality", "subregion"]
    for row in _rows("be_postcodes.csv"):
        key = (row["postcode"], row["locality"])
        values = {
            "is_main_locality": row["locality_type"] == "hoofdgemeente",
            "province": row["province_nl"],
            "latitude": _float(row["lat"]),
            "longitude": _float(row["lng"]),
            "municipality": None,
            "subregion": None,
        }
        wvl_row = wvl.get(key)
        if wvl_row is not None:
            municipality = municipalities[wvl_row["nis_code_2025"]]
            values["municipality"] = municipality
            values["subregion"] = municipality.subregion
            # No point, or a point flagged as wrong in the source: use the town centre.
            if wvl_row["coord_note"] or values["latitude"] is None:
                values["latitude"] = municipality.latitude
                values["longitude"] = municipality.longitude
        postcode = existing.get(key)
        if postcode is None:
            to_create.append(Postcode(code=key[0], locality=key[1], **values))
            continue
        if postcode.municipality_id is not None and values["municipality"] is not None:
            # Keep a coordinator's subregion choice; the municipality decides.
            values["subregion"] = postcode.municipality.subregion
        if any(getattr(postcode, name) != values[name] for name in fields):
            for name in fields:
                setattr(postcode, name, values[name])
            to_update.append(postcode)
    Postcode.objects.bulk_create(to_create, batch_size=500)
    Postcode.objects.bulk_update(to_update, fields, batch_size=500)
    report.add("postcodes", created=len(to_create), updated=len(to_update))


def _load_programmes(report) -> None:
    domains = {}
    for row in _rows("studiedomeinen_so.csv"):
        domain, created = StudyDomain.objects.update_or_create(
            code=int(row["studiedomein_code"]), defaults={"name": row["studiedomein"]}
        )
        domains[domain.code] = domain
        report.add("studiedomeinen", created=int(created))
    existing = {p.code: p for p in Programme.objects.all()}
    for row in _rows("duale_studierichtingen.csv"):
        is_buso = row["buso_ov3"] == "true"
        values = {
            "name": row["naam"],
            "grade": GRADES[row["graad"]],
            "finality": FINALITIES[row["finaliteit"]],
            "study_domain": domains.get(int(row["studiedomein_code"]))
            if row["studiedomein_code"]
            else None,
            "education_form": Programme.EducationForm.BUSO_OV3 if is_buso else row["onderwijsvorm"],
            "segment": SEGMENTS[row["segment"]],
            "is_buso": is_buso,
            "is_seventh_year": row["zevende_leerjaar"] == "true",
            "is_preparatory": row["segment"].startswith("aanloop"),
            "from_catalogue": True,
        }
        programme = existing.get(row["code"])
        if programme is None:
            Programme(code=row["code"], **values).save()
            report.add("opleidingen", created=1)
        elif any(getattr(programme, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(programme, key, value)
            programme.save()
            report.add("opleidingen", updated=1)


def _load_partners(report) -> None:
    for ref, name, short_name, website in PARTNER_ORGANISATIONS:
        _, created = Organisation.objects.get_or_create(
            external_ref=ref,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": Organisation.Kind.PARTNER,
                "website": website,
            },
        )
        report.add("partnerorganisaties", created=int(created))
