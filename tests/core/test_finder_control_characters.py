"""A NUL byte or another control character in a search box is dropped, never echoed back."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["kap\x00per", "\x00", "kap\x07per\x1b", "kapper\x00" * 700])
def test_the_finder_drops_control_characters_from_q(q):
    ProgrammeFactory(name="Kapper duaal")
    response = Client(raise_request_exception=False).get(reverse("core:programme_list"), {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert "\x00" not in html and "\x07" not in html and "\x1b" not in html


def test_a_search_with_a_nul_still_finds_by_the_other_letters():
    ProgrammeFactory(name="Kapper duaal")
    response = Client().get(reverse("core:programme_list"), {"q": "kapper\x00"})
    assert "Kapper duaal" in response.content.decode()
    assert response.context["filterset"].form["q"].value() == "kapper"
