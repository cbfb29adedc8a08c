"""The public figures page /cijfers/: frozen values of final moments only, with definitions,
sources and the date; every count from 1 to 4 shown as "< 5" (and no change computed from it);
provisional moments never shown; an empty state; a fixed number of queries."""

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboard import public, services
from dashboard.models import FigureValue

pytestmark = pytest.mark.django_db
D = FigureValue.Dimension
LEARNERS = "matchmaking.learners_in_dual"
PROVIDERS = "core.providers_with_offer"
URL = "/cijfers/"


def moment_with(name, day, values, *, final=True):
    """A moment holding `values`: (figure, subregion, provider type, dimension, key, value)."""
    moment = services.create_moment(name=name, date=day, actor=None)
    labels = {"kust": "Kust", "ieper": "Westhoek", "brugge": "Brugge"}
    types = {"school": "Voltijds secundair", "syntra": "Syntra"}
    for figure, subregion, provider_type, dimension, key, value in values:
        FigureValue.objects.create(
            moment=moment,
            figure=figure,
            label="Lerenden in duaal leren" if figure == LEARNERS else "x",
            subregion=subregion,
            subregion_label=labels.get(subregion, ""),
            provider_type=provider_type,
            provider_type_label=types.get(provider_type, ""),
            dimension=dimension,
            key=key,
            key_label={"bouw": "Bouw", "zorg": "Zorg"}.get(key, ""),
            value=Decimal(value),
            source=FigureValue.Source.COMPUTED,
        )
    if final:
        moment = services.finalise(moment=moment, actor=None)
    return moment


def total(figure, value, subregion="", provider_type=""):
    return (figure, subregion, provider_type, D.TOTAL, "", value)


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", main)))


# The one suppression function


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        (0, "0"),
        (1, "< 5"),
        (4, "< 5"),
        (Decimal("2.50"), "< 5"),
        (5, "5"),
        (Decimal("937.00"), "937"),
        (12345, "12.345"),
    ],
)
def test_suppress_shows_counts_from_1_to_4_as_less_than_5(value, shown):
    assert public.suppress(value) == shown


def test_suppress_hides_percentages_and_medians_of_fewer_than_5_people():
    assert public.suppress(Decimal("66.67"), kind="percent", people=3) == "–"
    assert public.suppress(Decimal("66.67"), kind="percent") == "–"
    assert public.suppress(Decimal("66.67"), kind="percent", people=30) == "67 %"
    assert public.suppress(Decimal("12"), kind="days", people=4) == "–"
    assert public.suppress(Decimal("12"), kind="days", people=9) == "12"


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (800, 937, "+17 %"),
        (320, 307, "−4 %"),
        (50, 50, "0 %"),
        (3, 40, "niet te berekenen"),
        (40, 2, "niet te berekenen"),
        (0, 12, "–"),
        (None, 12, "–"),
    ],
)
def test_a_change_is_never_computed_from_a_suppressed_count(before, after, shown):
    assert public.change(before, after) == shown


def test_secondary_suppression_hides_what_would_give_a_small_count_away():
    values = {"a": 3, "b": 40, "c": 12, "total": 55}
    # 55 − 40 − 12 would give a away: the smallest other part (c) is hidden too.
    assert public.secondary_suppression(values, [(["a", "b", "c"], "total")]) == {"a", "c"}
    # Two hidden parts already: nothing more to hide.
    two = {"a": 3, "b": 2, "c": 12, "total": 17}
    assert public.secondary_suppression(two, [(["a", "b", "c"], "total")]) == {"a", "b"}
    # Parts that do not add up (distinct counts overlap): nothing can be subtracted.
    overlap = {"a": 3, "b": 40, "total": 41}
    assert public.secondary_suppression(overlap, [(["a", "b"], "total")]) == {"a"}
    # Only zeros besides the small part: then the total is small too, and hidden itself.
    zeros = {"a": 3, "b": 0, "total": 3}
    assert public.secondary_suppression(zeros, [(["a", "b"], "total")]) == {"a", "total"}


def test_secondary_suppression_follows_rows_and_columns():
    """Hiding a cell for its row opens its column: repeated until nothing is given away."""
    values = {
        ("r1", "x"): 2, ("r1", "y"): 10, ("r1", ""): 12,
        ("r2", "x"): 20, ("r2", "y"): 30, ("r2", ""): 50,
        ("", "x"): 22, ("", "y"): 40, ("", ""): 62,
    }  # fmt: skip
    groups = [
        ([("r1", "x"), ("r1", "y")], ("r1", "")),
        ([("r2", "x"), ("r2", "y")], ("r2", "")),
        ([("r1", "x"), ("r2", "x")], ("", "x")),
        ([("r1", "y"), ("r2", "y")], ("", "y")),
    ]
    hidden = public.secondary_suppression(values, groups)
    assert hidden == {("r1", "x"), ("r1", "y"), ("r2", "x"), ("r2", "y")}


def test_the_template_filter_uses_the_suppression():
    from django.template import Context, Template

    template = Template("{% load public_figures %}[{{ a|suppressed }}|{{ b|suppressed }}]")
    assert template.render(Context({"a": 3, "b": 0})) == "[&lt; 5|0]"


# The page


def test_the_page_shows_the_latest_final_moment_with_definitions_sources_and_change(client):
    moment_with(
        "20 april 2023",
        date(2023, 4, 20),
        [total(LEARNERS, 800), total(LEARNERS, 300, "kust"), total(PROVIDERS, 40)],
    )
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [
            total(LEARNERS, 937),
            total(LEARNERS, 330, "kust"),
            total(LEARNERS, 607, "brugge"),
            total(LEARNERS, 500, "", "school"),
            total(LEARNERS, 437, "", "syntra"),
            (LEARNERS, "", "", D.STUDY_DOMAIN, "bouw", 210),
            total(PROVIDERS, 44),
        ],
    )
    response = client.get(URL)
    assert response.status_code == 200
    text = main_text(response)
    assert "De cijfers van het meetmoment 20 april 2025" in text
    assert "20 april 2025" in text
    # The registry's labels and definitions of the figures.
    assert "Lerenden in duaal leren" in text
    assert "Opleidingsverstrekkers met duaal aanbod" in text
    assert "minstens één actief duaal aanbod" in text
    assert "overeenkomst (OAO, SAO of DAO) die op de peildatum loopt" in text
    assert "Bron: berekend uit het portaal" in text
    assert "West-Vlaanderen: 937" in text and "+17 %" in text  # 800 → 937
    assert "Kust 330 300 +10 %" in text
    assert "Brugge 607 – –" in text  # no value at the earlier moment
    assert "Voltijds secundair" in text and "Syntra" in text
    assert "Subregio Syntra Voltijds secundair Totaal West-Vlaanderen 437 500 937" in text
    assert "Bouw 210" in text
    assert "+10 %" in text and "Het verschil vergelijkt met het vorige meetmoment" in text
    # An older final moment is linked, and shown with ?moment=.
    assert f'href="{URL}?moment=2023-04-20"' in response.content.decode()
    older = main_text(client.get(URL, {"moment": "2023-04-20"}))
    assert "De cijfers van het meetmoment 20 april 2023" in older
    assert "West-Vlaanderen: 800" in older and "937" not in older


def test_an_imported_figure_names_its_source(client):
    moment = services.create_moment(name="1 februari 2025", date=date(2025, 2, 1), actor=None)
    preview = services.preview_import(
        moment=moment,
        data=f"figuur;dimensie;sleutel;waarde\n{LEARNERS};totaal;;912\n".encode(),
        file_name="dataloep.csv",
        source="Departement Onderwijs, dataloep",
        actor=None,
    )
    services.confirm_import(figure_import=preview, actor=None)
    services.finalise(moment=moment, actor=None)
    text = main_text(client.get(URL))
    assert "Bron: Departement Onderwijs, dataloep" in text
    assert "West-Vlaanderen: 912" in text


SMALL_VALUES = [
    total(LEARNERS, 3),
    total(LEARNERS, 1, "kust"),
    total(LEARNERS, 2, "ieper"),
    total(LEARNERS, 0, "brugge"),
    total(LEARNERS, 4, "", "school"),
    total(LEARNERS, 1, "kust", "school"),
    total(LEARNERS, 2, "ieper", "syntra"),
    (LEARNERS, "", "", D.STUDY_DOMAIN, "zorg", 2),
    total(PROVIDERS, 12),
    total(PROVIDERS, 4, "kust"),
    total(PROVIDERS, 8, "brugge"),
]


def test_no_count_from_1_to_4_appears_anywhere(client):
    moment_with(
        "20 april 2023",
        date(2023, 4, 20),
        [total(LEARNERS, 40), total(LEARNERS, 3, "kust"), total(PROVIDERS, 9)],
    )
    moment_with("20 april 2025", date(2025, 4, 20), SMALL_VALUES)
    response = client.get(URL)
    html = response.content.decode()
    assert not re.search(r"<td[^>]*>\s*[1-4]\s*</td>", html)
    text = main_text(response)
    # No standalone 1, 2, 3 or 4 in the page's text (dates like 20 april 2025 are no figure).
    assert not re.search(r"(?<![\w.,:/-])[1-4](?![\w.,:/%])", text), text
    assert "&lt; 5" in html
    assert text.count("< 5") >= 10
    assert "West-Vlaanderen: < 5" in text  # the text summary too
    assert "Brugge 0" in text  # 0 stays 0
    assert "niet te berekenen" in text  # 40 → 3 and 3 → 1 are not computed
    assert "+33 %" in text  # providers 9 → 12: both large enough


def test_a_total_next_to_one_small_part_does_not_give_it_away(client):
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [
            total(LEARNERS, 55),
            total(LEARNERS, 3, "kust"),
            total(LEARNERS, 40, "brugge"),
            total(LEARNERS, 12, "ieper"),
        ],
    )
    text = main_text(client.get(URL))
    assert "Kust < 5" in text
    assert "Westhoek x" in text  # else 55 − 40 − 12 = 3
    assert "Brugge 40" in text and "West-Vlaanderen 55" in text
    assert " 12 " not in text
    assert "als “< 5”. Een verschil" in text
    assert "daar staat een “x”" in text


def test_a_provisional_moment_is_never_shown(client):
    moment_with("20 april 2023", date(2023, 4, 20), [total(LEARNERS, 800)])
    moment_with("20 april 2025", date(2025, 4, 20), [total(LEARNERS, 937)], final=False)
    text = main_text(client.get(URL))
    assert "20 april 2023" in text and "800" in text
    assert "937" not in text and "20 april 2025" not in text
    assert client.get(URL, {"moment": "2025-04-20"}).status_code == 404
    assert client.get(URL, {"moment": "2024-01-01"}).status_code == 404
    assert client.get(URL, {"moment": "gisteren"}).status_code == 404


def test_the_empty_state_before_any_moment_is_final(client):
    moment_with("20 april 2025", date(2025, 4, 20), [total(LEARNERS, 937)], final=False)
    response = client.get(URL)
    assert response.status_code == 200
    text = main_text(response)
    assert "Er zijn nog geen definitieve cijfers." in text
    assert "937" not in text


def test_the_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for year in (2021, 2022, 2023, 2024):
        moment_with(f"1 mei {year}", date(year, 5, 1), SMALL_VALUES)
    many = [total(PROVIDERS, n + 5, f"sub-{n}") for n in range(30)]
    moment_with("20 april 2025", date(2025, 4, 20), SMALL_VALUES + many)
    # 1: the final moments (newest first); 2: the values of the shown and the previous moment.
    with django_assert_num_queries(2):
        response = client.get(URL)
    # Every subregion is on the page (one without a stored name shows its key).
    assert "sub-0 5 – –" in main_text(response) and "sub-29 34 – –" in main_text(response)


def test_anonymous_visitors_get_the_cached_page(client, django_assert_num_queries):
    moment_with("20 april 2025", date(2025, 4, 20), [total(LEARNERS, 937)])
    client.get(URL)
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert b"937" in response.content


def test_the_page_is_in_the_sitemap_and_the_footer(client):
    assert URL in client.get(reverse("sitemap")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("core:privacy")).content.decode()


def test_the_figures_of_a_provisional_moment_are_refused():
    moment = moment_with("20 april 2025", date(2025, 4, 20), [total(LEARNERS, 9)], final=False)
    with pytest.raises(ValueError):
        public.public_figures(moment, None)
