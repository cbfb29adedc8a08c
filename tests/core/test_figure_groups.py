"""The core's grouped figures on a small hand-made set: additive counts in one query, distinct
counts per scope shape, rows without a subregion only in the province, percentages of two
figures, and the database helpers Median and DaysBetween (SQLite here, PostgreSQL under CI)."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steunpunt.core.figure_groups import (
    Cell,
    DaysBetween,
    Grouping,
    Median,
    cells,
    derived_cells,
    query_count,
)
from steunpunt.core.figures import OFFER_PATHS
from steunpunt.core.models import Organisation, ProgrammeOffer
from tests.factories import (
    OrganisationFactory,
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SiteFactory,
    StudyDomainFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 20)


def offers(day):
    return ProgrammeOffer.objects.filter(active=True)


OFFERS = Grouping(rows=offers, paths=OFFER_PATHS)
PROVIDERS = Grouping(
    rows=offers,
    paths=OFFER_PATHS,
    aggregate=Count("site__organisation", distinct=True),
    additive=False,
)


@pytest.fixture
def offer():
    """School S1 in Noord offers A and B, Syntra Y in Zuid offers A, school S2 at a postcode
    without subregion offers B (and A, inactive)."""
    noord = SubregionFactory(slug="noord", name="Noord")
    zuid = SubregionFactory(slug="zuid", name="Zuid")
    nowhere = PostcodeFactory(code="1000", locality="Brussel", subregion=None)
    a = ProgrammeFactory(code="A", study_domain=StudyDomainFactory(code=2, name="STEM"))
    b = ProgrammeFactory(code="B", study_domain=StudyDomainFactory(code=7, name="Zorg"))
    s1 = SiteFactory(
        organisation=OrganisationFactory(kind=Organisation.Kind.SCHOOL),
        postcode=PostcodeFactory(code="8800", locality="Roeselare", subregion=noord),
    )
    y = SiteFactory(
        organisation=OrganisationFactory(kind=Organisation.Kind.SYNTRA, network=""),
        postcode=PostcodeFactory(code="8500", locality="Kortrijk", subregion=zuid),
    )
    s2 = SiteFactory(
        organisation=OrganisationFactory(kind=Organisation.Kind.SCHOOL), postcode=nowhere
    )
    ProgrammeOfferFactory(site=s1, programme=a)
    ProgrammeOfferFactory(site=s1, programme=b)
    ProgrammeOfferFactory(site=y, programme=a)
    ProgrammeOfferFactory(site=s2, programme=b)
    ProgrammeOfferFactory(site=s2, programme=a, active=False)


def as_dict(found):
    return {cell[:4]: cell.value for cell in found}


def test_additive_counts_every_scope_and_breakdown_in_one_query(offer, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = as_dict(cells(OFFERS, DAY))
    expected = {("", "", "total", ""): 4}
    expected.update({("noord", "", "total", ""): 2, ("zuid", "", "total", ""): 1})
    expected.update({("", "school", "total", ""): 3, ("", "syntra", "total", ""): 1})
    expected.update({("noord", "school", "total", ""): 2, ("zuid", "syntra", "total", ""): 1})
    for dim, key_a, key_b in (("programme", "A", "B"), ("study_domain", "2", "7")):
        expected.update(
            {
                ("", "", dim, key_a): 2,
                ("", "", dim, key_b): 2,
                ("noord", "", dim, key_a): 1,
                ("noord", "", dim, key_b): 1,
                ("zuid", "", dim, key_a): 1,
                ("", "school", dim, key_a): 1,
                ("", "school", dim, key_b): 2,
                ("", "syntra", dim, key_a): 1,
                ("noord", "school", dim, key_a): 1,
                ("noord", "school", dim, key_b): 1,
                ("zuid", "syntra", dim, key_a): 1,
            }
        )
    assert found == expected
    # The offer without subregion counts in the province and its provider type, nowhere else.
    assert sum(v for (s, p, d, k), v in found.items() if s and not p and d == "total") == 3


def test_distinct_counts_take_one_query_per_shape_and_breakdown(offer, django_assert_num_queries):
    # 4 scope shapes (none, subregion, provider type, both) × (total, programme, study domain):
    # one query each, or one with GROUPING SETS on PostgreSQL.
    expected = 1 if connection.vendor == "postgresql" else 12
    assert query_count(PROVIDERS, connection.vendor) == expected
    with django_assert_num_queries(expected):
        found = as_dict(cells(PROVIDERS, DAY))
    assert found[("", "", "total", "")] == 3  # S1, Y, S2: not the 4 offers
    assert found[("noord", "", "total", "")] == 1  # S1 with two offers counts once
    assert found[("", "school", "total", "")] == 2
    assert found[("", "", "programme", "A")] == 2  # S1, Y (S2's A is inactive)
    assert found[("", "school", "programme", "B")] == 2
    assert found[("noord", "school", "study_domain", "7")] == 1
    assert ("", "", "subregion", "") not in found
    assert not any(s == "" and p == "" and d == "total" and k for s, p, d, k in found)
    assert {s for s, p, d, k in found} == {"", "noord", "zuid"}


def test_no_rows_gives_a_zero_total_or_nothing():
    assert cells(OFFERS, DAY) == []
    assert as_dict(cells(PROVIDERS, DAY)) == {("", "", "total", ""): 0}


def test_derived_cells_are_percentages_where_the_denominator_is_not_zero():
    top = [Cell("", "", "total", "", 1), Cell("noord", "", "total", "", 2)]
    bottom = [
        Cell("", "", "total", "", 4),
        Cell("noord", "", "total", "", 2),
        Cell("zuid", "", "total", "", 3),
        Cell("leeg", "", "total", "", 0),
    ]
    found = as_dict(derived_cells(top, bottom))
    assert found == {
        ("", "", "total", ""): 25,
        ("noord", "", "total", ""): 100,
        ("zuid", "", "total", ""): 0,
    }
    assert derived_cells(None, bottom) == []


def _organisation(kind, created, days):
    made = OrganisationFactory(kind=kind, network="" if kind != "school" else "go")
    Organisation.objects.filter(pk=made.pk).update(
        created_at=created, updated_at=created + timedelta(days=days)
    )
    return made


@pytest.fixture
def ages():
    start = timezone.make_aware(datetime.datetime(2026, 1, 10, 9, 0))
    _organisation(Organisation.Kind.SCHOOL, start, 1)
    _organisation(Organisation.Kind.SCHOOL, start, 2)
    _organisation(Organisation.Kind.SCHOOL, start, 4.5)
    _organisation(Organisation.Kind.SYNTRA, start, 10)


def test_days_between_keeps_the_fraction_of_a_day(ages):
    days = sorted(
        Organisation.objects.annotate(d=DaysBetween("created_at", "updated_at")).values_list(
            "d", flat=True
        )
    )
    assert days == pytest.approx([1, 2, 4.5, 10])


def test_median_in_the_database_and_per_group(ages, django_assert_num_queries):
    grouping = Grouping(
        rows=lambda day: Organisation.objects.all(),
        paths={"provider_type": "kind"},
        aggregate=Median(DaysBetween("created_at", "updated_at")),
        additive=False,
    )
    # The province, and one grouped by provider type; one with GROUPING SETS on PostgreSQL.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        found = as_dict(cells(grouping, DAY))
    assert found == {
        ("", "", "total", ""): pytest.approx(3.25),  # between 2 and 4.5
        ("", "school", "total", ""): pytest.approx(2),
        ("", "syntra", "total", ""): pytest.approx(10),
    }
    assert Organisation.objects.filter(kind="company").aggregate(
        m=Median(DaysBetween("created_at", "updated_at"))
    ) == {"m": None}


def test_median_runs_as_the_database_own_aggregate(ages):
    with CaptureQueriesContext(connection) as queries:
        Organisation.objects.aggregate(m=Median(DaysBetween("created_at", "updated_at")))
    sql = queries.captured_queries[-1]["sql"].upper()
    if connection.vendor == "postgresql":
        assert "PERCENTILE_CONT(0.5) WITHIN GROUP" in sql and "EXTRACT(EPOCH" in sql
    else:
        assert "MEDIAN(" in sql and "JULIANDAY" in sql


@pytest.mark.postgres_only
def test_median_and_days_between_on_postgresql(ages):
    """The same figures through percentile_cont and EXTRACT(EPOCH ...) (run with DATABASE_URL
    pointing at PostgreSQL; CI does)."""
    assert connection.vendor == "postgresql"
    result = Organisation.objects.aggregate(m=Median(DaysBetween("created_at", "updated_at")))
    assert result["m"] == pytest.approx(3.25)


def test_day_end_is_the_next_local_midnight():
    from steunpunt.core.figure_groups import day_end

    end = day_end(datetime.date(2026, 3, 29))  # the clocks go forward that Sunday
    assert timezone.localtime(end).replace(tzinfo=None) == datetime.datetime(2026, 3, 30)
    assert end.timestamp() - day_end(datetime.date(2026, 3, 28)).timestamp() == 23 * 3600


def test_every_registered_figure_explains_itself():
    """The public figures page shows label, unit and description of each figure."""
    from steunpunt.core.figures import registry

    for name in registry.names():
        figure = registry.get(name)
        assert str(figure.label) and str(figure.unit), name
        assert str(figure.description).endswith((".", ")")), name
        assert figure.kind in {"count", "percent", "days"}, name
        assert figure.compute is not None or figure.derived is not None, name


@pytest.mark.postgres_only
def test_grouping_sets_give_the_cells_of_one_query_per_shape(offer, ages):
    """PostgreSQL answers a distinct count or a median in one GROUPING SETS query; the cells are
    those of the portable path (one query per shape), the rows without a subregion included."""
    from steunpunt.core.figure_groups import _grouped_cells, _grouping_sets_cells

    median = Grouping(
        rows=lambda day: Organisation.objects.all(),
        paths={"provider_type": "kind"},
        aggregate=Median(DaysBetween("created_at", "updated_at")),
        additive=False,
    )
    for grouping in (PROVIDERS, median):
        rows = grouping.rows(DAY).order_by()
        one_query = _grouping_sets_cells(grouping, rows)
        assert one_query is not None
        assert as_dict(one_query) == pytest.approx(as_dict(_grouped_cells(grouping, rows)))
