import pytest
from django.core.management import call_command

from steunpunt.core.models import (
    Municipality,
    Organisation,
    Postcode,
    Programme,
    StudyDomain,
    Subregion,
    distance_km,
)


@pytest.fixture
def loaded(db):
    call_command("load_reference_data", verbosity=0)


def test_counts_match_the_shipped_files(loaded):
    assert Subregion.objects.count() == 5
    assert Municipality.objects.count() == 62
    assert Programme.objects.count() == 163
    assert StudyDomain.objects.count() == 10
    # All Belgian postcodes/localities of the bpost list.
    assert Postcode.objects.count() == 2823
    west = Postcode.objects.filter(province="West-Vlaanderen")
    assert west.count() == 253
    assert west.values("code").distinct().count() == 104
    assert not west.filter(municipality__isnull=True).exists()
    assert not west.filter(subregion__isnull=True).exists()
    assert not west.filter(latitude__isnull=True).exists()
    # Postcodes outside the province have no municipality or subregion here.
    assert (
        not Postcode.objects.exclude(province="West-Vlaanderen")
        .filter(subregion__isnull=False)
        .exists()
    )


def test_subregions_follow_the_arrondissements(loaded):
    expected = {
        "Kortrijk": "Zuid-West-Vlaanderen",
        "Roeselare": "Midden-West-Vlaanderen",
        "Ieper": "Westhoek",
        "Oostende": "Kust",
        "Brugge": "Brugge",
    }
    for municipality, subregion in expected.items():
        assert Municipality.objects.get(name=municipality).subregion.name == subregion
    assert Postcode.objects.get(code="8500", locality="Kortrijk").subregion.name == (
        "Zuid-West-Vlaanderen"
    )
    counts = {s.name: s.municipalities.count() for s in Subregion.objects.all()}
    assert counts == {
        "Brugge": 10,
        "Kust": 7,
        "Westhoek": 18,
        "Midden-West-Vlaanderen": 15,
        "Zuid-West-Vlaanderen": 12,
    }


def test_merged_municipalities_resolve_to_their_successor(loaded):
    assert Municipality.objects.resolve("Meulebeke").name == "Tielt"
    assert Municipality.objects.resolve("ruiselede").name == "Wingene"
    assert Municipality.objects.resolve("37012").nis_code == "37021"
    assert Municipality.objects.resolve("Oostende").nis_code == "35013"
    assert Municipality.objects.resolve("Atlantis") is None
    # Postcode 8760 Meulebeke now belongs to Tielt.
    assert Postcode.objects.get(code="8760", locality="Meulebeke").municipality.name == "Tielt"


def test_flagged_coordinates_fall_back_to_the_town_centre(loaded):
    driekapellen = Postcode.objects.get(code="8600", locality="Driekapellen")
    diksmuide = Municipality.objects.get(name="Diksmuide")
    assert (
        distance_km(
            driekapellen.latitude, driekapellen.longitude, diksmuide.latitude, diksmuide.longitude
        )
        < 15
    )


def test_programmes_carry_catalogue_attributes(loaded):
    electric = Programme.objects.get(code="1096")
    assert electric.name == "Elektrische installaties duaal"
    assert electric.grade == Programme.Grade.THIRD
    assert electric.finality == Programme.Finality.LABOUR_MARKET
    assert electric.study_domain.name == "STEM"
    assert electric.segment == Programme.Segment.SECONDARY
    assert Programme.objects.filter(is_buso=True, education_form="OV3").count() == 22
    assert Programme.objects.filter(is_seventh_year=True).count() == 63
    assert Programme.objects.filter(is_preparatory=True).count() == 5
    assert Programme.objects.filter(finality=Programme.Finality.DOUBLE).count() == 3
    assert all(p.slug for p in Programme.objects.all())
    assert Programme.objects.values("slug").distinct().count() == 163


def test_partner_organisations_are_reference_data(loaded):
    partners = set(
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER).values_list(
            "short_name", flat=True
        )
    )
    assert {
        "Provincie",
        "POM",
        "RTC",
        "Departement WEWIS",
        "KOV",
        "GO!",
        "POV",
        "Unizo",
        "VOKA",
        "AHOVOKS",
        "VDAB",
    } <= partners


def test_reloading_is_idempotent_and_keeps_coordinator_edits(loaded):
    counts = (Postcode.objects.count(), Municipality.objects.count(), Organisation.objects.count())
    # A coordinator renames a subregion and moves a municipality to another subregion.
    kust = Subregion.objects.get(slug="kust")
    kust.name = "Kust en Polders"
    kust.save()
    from steunpunt.core.services import move_municipality

    torhout = Municipality.objects.get(name="Torhout")
    move_municipality(municipality=torhout, subregion=kust, actor=None)
    assert Postcode.objects.get(code="8820", locality="Torhout").subregion == kust

    call_command("load_reference_data", verbosity=0)

    assert (
        Postcode.objects.count(),
        Municipality.objects.count(),
        Organisation.objects.count(),
    ) == counts
    assert Subregion.objects.get(slug="kust").name == "Kust en Polders"
    torhout.refresh_from_db()
    assert torhout.subregion == kust
    assert Postcode.objects.get(code="8820", locality="Torhout").subregion == kust
