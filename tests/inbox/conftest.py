import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """django-ratelimit counts in the default cache: start every test with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def postcode(db):
    from tests.factories import PostcodeFactory, SubregionFactory

    subregion = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden-west-vlaanderen")
    return PostcodeFactory(
        code="8700",
        locality="Tielt",
        is_main_locality=True,
        municipality__subregion=subregion,
        subregion=subregion,
    )
