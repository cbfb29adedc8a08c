import pytest

from steunpunt.core.figures import Figure, FigureRegistry, registry
from tests.factories import ProgrammeFactory, ProgrammeOfferFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_core_figures_count_the_offer_per_subregion():
    electric = ProgrammeFactory(name="Elektrische installaties duaal")
    site = SiteFactory()
    ProgrammeOfferFactory(programme=electric, site=site)
    ProgrammeOfferFactory(site=site)  # a second programme at the same provider
    other = SiteFactory()
    ProgrammeOfferFactory(programme=electric, site=other, active=False)

    assert registry.value("core.providers_with_offer") == 1
    assert registry.value("core.programmes_offered") == 2
    assert registry.value("core.programmes_offered", subregion=site.subregion) == 2
    assert registry.value("core.providers_with_offer", subregion=other.subregion) == 0
    assert registry.value("core.providers_with_offer", programme=electric) == 1


def test_registry_refuses_clashes_and_unknown_filters():
    local = FigureRegistry()
    local.register(
        Figure(name="x.count", label="X", unit="", compute=lambda **kw: 3, filters=("subregion",))
    )
    assert local.value("x.count", subregion=None) == 3
    with pytest.raises(ValueError):
        local.register(Figure(name="x.count", label="X", unit="", compute=lambda **kw: 4))
    with pytest.raises(TypeError):
        local.value("x.count", programme=None)
    with pytest.raises(KeyError):
        local.value("y.count")
