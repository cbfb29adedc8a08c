"""Word leerwerkplek with a programme key beyond 64 bits: the form's error, never a 500."""

import pytest
from django.test import Client

from matchmaking.models import CandidateCompany
from tests.matchmaking.test_public_forms import BECOME, candidate_data, roeselare  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["99999999999999999999", "9223372036854775808", "abc", "²"])
def test_a_programme_key_the_database_cannot_hold_is_an_invalid_choice(roeselare, key):  # noqa: F811
    client = Client(raise_request_exception=False)
    response = client.post(BECOME, candidate_data(programmes=[key]))
    assert response.status_code == 200
    assert response.context["form"].errors["programmes"]
    assert not CandidateCompany.objects.exists()
