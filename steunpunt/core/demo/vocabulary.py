"""Constants and word lists of the demo data (fictional, but West-Flemish in flavour)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Organisation

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
