"""The POF agenda's annex next to the live figures: the values frozen at the last final
measurement moment for the request's programme, in the site's subregion and in the province,
with the moment's name and the change since the final moment before (never a provisional one)."""

from datetime import date
from decimal import Decimal

import pytest

from dashboard import services as dashboard_services
from dashboard.models import FigureValue
from network.models import Body
from pof import selectors, services
from pof.agenda_pdf import agenda_context
from pof.models import ProgrammatieRequest
from steunpunt.core import frozen_figures
from tests.factories import PostcodeFactory, ProgrammeFactory, SiteFactory, SubregionFactory
from tests.network.factories import MeetingFactory, ProgrammatieRequestFactory, at
from tests.pdf_text import pdf_text
from tests.pof.test_agenda import make_pdf

pytestmark = pytest.mark.django_db
D = FigureValue.Dimension
AGREEMENTS = "matchmaking.agreements_running"
SITES = "matchmaking.recognised_sites"


@pytest.fixture
def session():
    return MeetingFactory(
        body=Body.objects.get(slug="pof"), title="POF najaar 2026", starts_at=at(20, 14)
    )


@pytest.fixture
def kust():
    return SubregionFactory(slug="kust", name="Kust")


def submitted(programme, subregion):
    site = SiteFactory(
        postcode=PostcodeFactory(subregion=subregion, municipality__subregion=subregion)
    )
    request = ProgrammatieRequestFactory(
        provider=site.organisation, site=site, programme=programme, school_year="2027-2028"
    )
    return services.submit_request(request=request, actor=None, today=date(2026, 11, 1))


def moment_with(name, day, values, *, final=True):
    """values: (figure, label, subregion, subregion label, programme code, value)."""
    moment = dashboard_services.create_moment(name=name, date=day, actor=None)
    for figure, label, subregion, subregion_label, code, value in values:
        FigureValue.objects.create(
            moment=moment,
            figure=figure,
            label=label,
            subregion=subregion,
            subregion_label=subregion_label,
            dimension=D.PROGRAMME,
            key=code,
            key_label=code,
            value=Decimal(value),
            source=FigureValue.Source.COMPUTED,
        )
    return dashboard_services.finalise(moment=moment, actor=None) if final else moment


def test_the_annex_data_has_the_last_final_moment_and_the_change(session, kust):
    programme = ProgrammeFactory(code="ELEK", name="Elektrische installaties")
    other = ProgrammeFactory(code="KAP", name="Kapper-stylist")
    request = submitted(programme, kust)
    submitted(other, kust)
    moment_with(
        "20 april 2023",
        date(2023, 4, 20),
        [
            (AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 10),
            (AGREEMENTS, "Lopende overeenkomsten", "", "", "ELEK", 80),
        ],
    )
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [
            (AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 13),
            (AGREEMENTS, "Lopende overeenkomsten", "", "", "ELEK", 94),
            (SITES, "Erkende vestigingen", "kust", "Kust", "ELEK", 7),
            (AGREEMENTS, "Lopende overeenkomsten", "brugge", "Brugge", "ELEK", 50),
            ("lerenden", "Lerenden volgens dataloep", "kust", "Kust", "ELEK", 21),
        ],
    )
    moment_with(  # provisional: never in the annex
        "1 november 2026",
        date(2026, 11, 1),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 99)],
        final=False,
    )
    services.fill_standard_agenda(session=session, actor=None)
    context = agenda_context(session, version=1)
    assert context["frozen_moment"].name == "20 april 2025"
    assert context["frozen_previous"].name == "20 april 2023"
    frozen = {r.programme.code: rows for r, _live, rows in context["annexes"]}
    assert frozen["KAP"] == []  # the moment holds nothing for this programme
    shown = [(v.label, v.scope, v.value, v.change) for v in frozen["ELEK"]]
    # The registry's label where the figure is registered (recognised sites: not the stored
    # "Erkende vestigingen"), else the stored one; the subregion first, then the province;
    # another subregion (Brugge) stays out.
    assert shown == [
        ("Lerenden volgens dataloep", "Kust", Decimal("21"), "–"),
        ("Lopende overeenkomsten", "Kust", Decimal("13"), "+3 (+30 %)"),
        ("Erkende vestigingsplaatsen", "Kust", Decimal("7"), "–"),  # not held in 2023
        ("Lopende overeenkomsten", "West-Vlaanderen", Decimal("94"), "+14 (+18 %)"),
    ]
    assert request.pk in {r.pk for r, _live, _rows in context["annexes"]}


def test_the_pdf_shows_the_frozen_figures_with_the_moment_name(
    session, kust, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory(code="ELEK", name="Elektrische installaties")
    submitted(programme, kust)
    moment_with(
        "20 april 2023",
        date(2023, 4, 20),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 10)],
    )
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 13)],
    )
    services.fill_standard_agenda(session=session, actor=None)
    pdf = make_pdf(session, django_capture_on_commit_callbacks)
    pdf.refresh_from_db()
    text = pdf_text(pdf.file.read())
    assert "Cijfers van het meetmoment 20 april 2025" in text
    # The table's cells in order: the header, then the figure's row.
    table = text.split("Cijfers van het meetmoment 20 april 2025", 1)[1]
    assert table.startswith(
        " Cijfer voor deze opleiding Waar 20 april 2025 Verschil met 20 april 2023"
        " Lopende overeenkomsten Kust 13 +3 (+30 %) "
    )


def test_no_final_moment_means_no_frozen_table(session, kust, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(code="ELEK", name="Elektrische installaties")
    submitted(programme, kust)
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 13)],
        final=False,
    )
    services.fill_standard_agenda(session=session, actor=None)
    context = agenda_context(session, version=1)
    assert context["frozen_moment"] is None
    assert [rows for _r, _live, rows in context["annexes"]] == [[]]
    pdf = make_pdf(session, django_capture_on_commit_callbacks)
    pdf.refresh_from_db()
    assert "meetmoment" not in pdf_text(pdf.file.read())


def test_the_frozen_figures_take_two_queries_for_any_number_of_requests(
    kust, django_assert_num_queries
):
    requests = [submitted(ProgrammeFactory(code=f"P{n}"), kust) for n in range(6)]
    moment_with(
        "20 april 2025",
        date(2025, 4, 20),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", f"P{n}", n + 10) for n in range(6)],
    )
    loaded = list(
        ProgrammatieRequest.objects.filter(pk__in=[r.pk for r in requests])
        .select_related("programme", "site__postcode__subregion")
        .order_by("programme__code")
    )
    # 1: the final moments; 2: the values of the programmes in their subregions and province.
    with django_assert_num_queries(2):
        frozen = selectors.frozen_figures_for_requests(loaded)
    assert [v.value for r in loaded for v in frozen.for_request(*selectors.annex_key(r))] == [
        Decimal(n + 10) for n in range(6)
    ]


def test_the_dashboard_provides_the_frozen_figures_through_the_core():
    """pof asks the core's port; the dashboard registered the answer in its ready()."""
    from dashboard.public import frozen_annex as dashboard_annex

    assert frozen_figures.annex_provider() is dashboard_annex
    with pytest.raises(ValueError):
        frozen_figures.register_annex_provider(lambda pairs: frozen_figures.EMPTY)


def test_without_a_provider_the_annex_has_the_live_figures_only(
    session, kust, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(frozen_figures, "_provider", None)
    programme = ProgrammeFactory(code="ELEK", name="Elektrische installaties")
    submitted(programme, kust)
    moment_with(  # a final moment exists, but nothing provides frozen figures
        "20 april 2025",
        date(2025, 4, 20),
        [(AGREEMENTS, "Lopende overeenkomsten", "kust", "Kust", "ELEK", 13)],
    )
    services.fill_standard_agenda(session=session, actor=None)
    context = agenda_context(session, version=1)
    assert context["frozen_moment"] is None and context["frozen_previous"] is None
    [(request, live, frozen)] = context["annexes"]
    assert frozen == []
    assert "Lopende overeenkomsten" in [figure.label for figure in live]
    pdf = make_pdf(session, django_capture_on_commit_callbacks)
    pdf.refresh_from_db()
    text = pdf_text(pdf.file.read())
    assert "Kerncijfers voor deze opleiding" in text and "meetmoment" not in text
