"""The self-test pages: questions, result with programmes near a postcode, the anonymous tally."""

import re
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.urls import reverse

from infotools.models import SelfTestTally
from infotools.selftest.services import programmes_near, record_selftest_result
from tests.factories import (
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SiteFactory,
    StudyDomainFactory,
)

pytestmark = pytest.mark.django_db

READY = {
    "interesse": ["techniek", "koken"],
    "leren": "doen",
    "samen": "graag",
    "werkplek": "ja",
    "op-tijd": "ja",
    "opdrachten": "goed",
    "verplaatsen": "ja",
    "volhouden": "volhouden",
    "opmerkingen": "leren",
    "leeftijd": "15-17",
    "school": "secundair",
}


@pytest.fixture
def kortrijk_area():
    """Kortrijk (8500) as origin, offers at 0, ~4, ~14 and ~50 km; one in another domain."""
    stem = StudyDomainFactory(code=2, name="STEM")
    horeca = StudyDomainFactory(code=8, name="Voeding en horeca")
    care = StudyDomainFactory(code=6, name="Maatschappij en welzijn")
    kortrijk = PostcodeFactory(
        code="8500", locality="Kortrijk", is_main_locality=True, latitude=50.8280, longitude=3.2650
    )
    kuurne = PostcodeFactory(code="8520", locality="Kuurne", latitude=50.8510, longitude=3.2830)
    waregem = PostcodeFactory(code="8790", locality="Waregem", latitude=50.8890, longitude=3.4270)
    brugge = PostcodeFactory(code="8000", locality="Brugge", latitude=51.2090, longitude=3.2240)

    def offer(name, domain, postcode, **programme):
        programme = ProgrammeFactory(name=name, study_domain=domain, **programme)
        ProgrammeOfferFactory(programme=programme, site=SiteFactory(postcode=postcode))
        return programme

    return {
        "kuurne": offer("Elektrische installaties duaal", stem, kuurne),
        "kortrijk": offer("Chef-kok duaal", horeca, kortrijk),
        "waregem": offer("Mechanische vormgevingstechnieken duaal", stem, waregem),
        "brugge": offer("Onderhoudsmechanica auto duaal", stem, brugge),
        "care": offer("Kapper-stylist duaal", care, kortrijk),
        "buso": offer("Medewerker fastfood duaal (BuSO)", horeca, kortrijk, is_buso=True),
    }


def result_url(**changes):
    data = {**READY, **changes}
    return reverse("selftest:result") + "?" + urlencode(data, doseq=True)


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- The questions ---------------------------------------------------------------------------


def test_the_form_shows_twelve_questions_in_plain_dutch(client):
    response = client.get(reverse("selftest:start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Is duaal leren iets voor mij?" in html
    for number in range(1, 13):
        assert f"{number}. " in html
    assert html.count("<fieldset") >= 11  # every radio/checkbox question has a legend
    assert 'name="csrfmiddlewaretoken"' in html
    assert " style=" not in html  # the CSP forbids inline styles


def test_a_valid_post_counts_once_and_redirects_to_the_result(client, kortrijk_area):
    response = client.post(reverse("selftest:start"), {**READY, "postcode": "8500", "km": "20"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("selftest:result") + "?")
    assert "interesse=techniek" in response["Location"]
    assert list(SelfTestTally.objects.values_list("result", "count")) == [("past", 1)]
    # Reloading the result page does not count again.
    client.get(response["Location"])
    client.get(response["Location"])
    assert SelfTestTally.objects.get().count == 1


def test_bad_input_keeps_what_was_typed_with_dutch_errors(client):
    data = {**READY, "postcode": "85a0"}
    del data["leren"]
    data["samen"] = "misschien-wel"
    response = client.post(reverse("selftest:start"), data)
    assert response.status_code == 200
    body = text(response)
    assert "Kijk dit nog even na" in body
    assert "Kies een antwoord." in body
    assert "Kies een van de antwoorden uit de lijst." in body
    assert "Typ een postcode van 4 cijfers" in body
    html = response.content.decode()
    assert 'value="85a0"' in html  # the typed postcode stays
    assert re.search(r'value="techniek"[^>]*checked', html)  # the ticked interests stay
    assert re.search(r'name="werkplek" value="ja"[^>]*checked', html)
    assert response.context["form"].errors
    assert not SelfTestTally.objects.exists()


def test_an_unknown_postcode_is_explained(client):
    PostcodeFactory(code="8500", locality="Kortrijk")
    response = client.post(reverse("selftest:start"), {**READY, "postcode": "9999"})
    assert "Postcode 9999 kennen we niet" in text(response)


def test_change_my_answers_prefills_the_form(client):
    response = client.get(reverse("selftest:start") + "?" + urlencode(READY, doseq=True))
    html = response.content.decode()
    assert re.search(r'value="koken"[^>]*checked', html)
    assert re.search(r'name="school" value="secundair"[^>]*checked', html)


# --- The result ------------------------------------------------------------------------------


def test_result_shows_profile_reasons_next_steps_and_contacts(client, kortrijk_area):
    response = client.get(result_url())
    assert response.status_code == 200
    body = text(response)
    assert "Duaal leren past bij jou" in body
    assert "Je leert graag door te doen." in body
    assert "Wat doe je nu?" in body
    assert "trajectbegeleider" in body
    assert "/contact/?bron=zelftest" in response.content.decode()
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_result_lists_programmes_near_the_postcode_nearest_first_with_km(client, kortrijk_area):
    response = client.get(result_url(postcode="8500", km="20"))
    body = text(response)
    names = [m.name for m in response.context["result"].programmes]
    # Techniek → STEM, koken → horeca; Brugge (~42 km) is too far, the hairdresser is another
    # domain and the BuSO programme is not for this learner.
    assert names == [
        "Chef-kok duaal",
        "Elektrische installaties duaal",
        "Mechanische vormgevingstechnieken duaal",
    ]
    assert "Dicht bij 8500 Kortrijk" in body
    assert "minder dan 1 km" in body
    assert re.search(r"Elektrische installaties duaal .*? 3 km", body)
    assert re.search(r"Mechanische vormgevingstechnieken duaal .*? 13 km", body)
    assert "Onderhoudsmechanica" not in body
    assert "Kapper-stylist" not in body
    slug = kortrijk_area["kuurne"].slug
    assert f'href="/opleidingen/{slug}/"' in response.content.decode()


def test_a_wider_radius_reaches_further(client, kortrijk_area):
    response = client.get(result_url(postcode="8500", km="50"))
    names = [m.name for m in response.context["result"].programmes]
    assert names[-1] == "Onderhoudsmechanica auto duaal"


def test_without_postcode_programmes_are_listed_by_name(client, kortrijk_area):
    response = client.get(result_url())
    names = [m.name for m in response.context["result"].programmes]
    assert names == sorted(names)
    assert "Onderhoudsmechanica auto duaal" in names
    assert "Dicht bij" not in text(response)


def test_buso_learners_see_buso_programmes(client, kortrijk_area):
    response = client.get(result_url(school="buso", postcode="8500"))
    names = [m.name for m in response.context["result"].programmes]
    assert names == ["Medewerker fastfood duaal (BuSO)"]


def test_not_now_profile_offers_other_paths(client, kortrijk_area):
    response = client.get(result_url(werkplek="nee"))
    body = text(response)
    assert "nu waarschijnlijk nog niet voor jou" in body
    assert "Wat kan nog meer?" in body
    assert "Een gesprek met het CLB" in body
    assert "Stel je vraag aan het Steunpunt" in body


def test_nothing_nearby_has_a_helpful_empty_state(client, kortrijk_area):
    PostcodeFactory(code="8630", locality="Veurne", latitude=51.0720, longitude=2.6620)
    response = client.get(result_url(postcode="8630", km="10"))
    assert "Binnen 10 km vonden we geen duale opleiding die past" in text(response)


def test_a_broken_result_link_shows_the_questions_again(client):
    response = client.get(result_url(leren="zweven"))
    assert response.status_code == 200
    assert "Kies een van de antwoorden uit de lijst." in text(response)
    assert not SelfTestTally.objects.exists()


def test_result_without_answers_goes_to_the_start(client):
    response = client.get(reverse("selftest:result"))
    assert response.status_code == 302
    assert response["Location"] == reverse("selftest:start")


def test_result_page_runs_a_bounded_number_of_queries(
    client, kortrijk_area, django_assert_max_num_queries
):
    kuurne = kortrijk_area["kuurne"].offers.get().site.postcode
    for _ in range(20):
        ProgrammeOfferFactory(site=SiteFactory(postcode=kuurne))
        ProgrammeOfferFactory(programme=kortrijk_area["kuurne"], site=SiteFactory(postcode=kuurne))
    # postcode lookup + offers in the bounding box + study domains for the finder links
    with django_assert_max_num_queries(3):
        client.get(result_url(postcode="8500", km="20"))


# --- Nothing personal is stored; the tally ---------------------------------------------------


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def test_taking_the_test_stores_nothing_but_the_tally(client, kortrijk_area):
    before = row_counts()
    response = client.post(reverse("selftest:start"), {**READY, "postcode": "8500"})
    client.get(response["Location"])
    after = row_counts()
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"infotools.SelfTestTally"}
    tally = SelfTestTally.objects.get()
    assert (tally.result, tally.count, tally.month.day) == ("past", 1, 1)
    # No answer, postcode or session is kept anywhere.
    assert not client.session.keys()


def test_the_tally_increments_per_result_and_month():
    import datetime

    may = datetime.date(2025, 5, 17)
    record_selftest_result(result="past", today=may)
    record_selftest_result(result="past", today=may.replace(day=30))
    record_selftest_result(result="nu-niet", today=may)
    record_selftest_result(result="past", today=datetime.date(2025, 6, 1))
    rows = set(SelfTestTally.objects.values_list("result", "month", "count"))
    assert rows == {
        ("past", datetime.date(2025, 5, 1), 2),
        ("nu-niet", datetime.date(2025, 5, 1), 1),
        ("past", datetime.date(2025, 6, 1), 1),
    }
    with pytest.raises(ValueError):
        record_selftest_result(result="misschien-wel")


def test_selector_skips_inactive_offers_and_programmes(kortrijk_area):
    kortrijk_area["kuurne"].offers.update(active=False)
    kortrijk_area["waregem"].active = False
    kortrijk_area["waregem"].save()
    matches, total = programmes_near(domain_codes=(2,), origin=None, radius_km=20, buso=False)
    assert [m.name for m in matches] == ["Onderhoudsmechanica auto duaal"]
    assert total == 1


def test_the_figure_registry_counts_selftests():
    from infotools.selftest.figures import register_selftest_figures
    from steunpunt.core.figures import registry

    register_selftest_figures()
    record_selftest_result(result="past")
    record_selftest_result(result="misschien")
    assert registry.value("campaigns.selftests") == 2
    assert registry.value("campaigns.selftests_fit") == 1


def test_selftest_figures_are_in_the_registry():
    from steunpunt.core.figures import registry

    assert {"campaigns.selftests", "campaigns.selftests_fit"} <= set(registry.names())
