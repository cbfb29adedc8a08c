"""The POF request form's partner search with a NUL byte: no 500 (PostgreSQL refuses a NUL in
a text lookup), the control characters are dropped from the search."""

import pytest
from django.http import QueryDict

from pof.forms import RequestForm
from steunpunt.core.models import Site
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_the_partner_search_drops_a_nul_byte():
    CompanyFactory(name="Elektro Vanneste BV")
    data = QueryDict(mutable=True)
    data.update({"partner_search": "Vann\x00este", "zoek": "1"})
    form = RequestForm(data=data, sites=Site.objects.none())
    assert [c.name for c in form.fields["partner_companies"].queryset] == []
    data["partner_search"] = "Vanneste\x00"
    form = RequestForm(data=data, sites=Site.objects.none())
    assert [c.name for c in form.fields["partner_companies"].queryset] == ["Elektro Vanneste BV"]
