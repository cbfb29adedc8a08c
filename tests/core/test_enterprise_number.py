import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from steunpunt.core.enterprise_number import (
    format_enterprise_number,
    is_valid_enterprise_number,
    make_enterprise_number,
    validate_enterprise_number,
)
from steunpunt.core.models import Organisation
from tests.factories import CompanyFactory


@pytest.mark.parametrize("value", ["0123.456.749", "0123456749", "BE 0123 456 749", "123456749"])
def test_valid_numbers_in_any_notation(value):
    assert is_valid_enterprise_number(value)
    validate_enterprise_number(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0123.456.748", "controlecijfers"),
        ("12345", "10 cijfers"),
        ("0123.456.7490", "10 cijfers"),
    ],
)
def test_invalid_numbers_get_a_dutch_reason(value, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_enterprise_number(value)
    assert message in str(excinfo.value)


def test_format_and_generate():
    assert format_enterprise_number("0123456749") == "0123.456.749"
    for base in (1, 12345678, 40000017, 99999999):
        assert is_valid_enterprise_number(make_enterprise_number(base))


@pytest.mark.django_db
def test_organisation_normalises_and_validates_its_number():
    organisation = Organisation(
        name="Bakkerij Declercq", kind=Organisation.Kind.COMPANY, enterprise_number="0123.456.749"
    )
    organisation.full_clean()
    assert organisation.enterprise_number == "0123456749"
    assert organisation.enterprise_number_display == "0123.456.749"

    organisation.enterprise_number = "0123.456.748"
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "enterprise_number" in excinfo.value.message_dict


@pytest.mark.django_db
def test_network_only_for_providers():
    company = Organisation(
        name="Garage Vermeulen", kind=Organisation.Kind.COMPANY, network=Organisation.Network.GO
    )
    with pytest.raises(ValidationError) as excinfo:
        company.full_clean()
    assert "opleidingsverstrekker" in str(excinfo.value.message_dict["network"])


@pytest.mark.django_db(transaction=True)
def test_database_refuses_duplicate_enterprise_numbers():
    CompanyFactory(enterprise_number="0123456749")
    CompanyFactory(enterprise_number="")
    CompanyFactory(enterprise_number="")  # several without a number are fine
    with pytest.raises(IntegrityError):
        CompanyFactory(enterprise_number="0123456749")
