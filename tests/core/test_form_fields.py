"""KeyedModelMultipleChoiceField: keys the key column cannot hold are refused before any query,
with Django's Dutch "invalid choice" message; the staff forms that pick several rows use it."""

import pytest
from django import forms
from django.http import QueryDict

from campaigns.mailings.forms import MailingForm
from matchmaking.candidates.forms import HandOverForm
from network.meetings.forms import AgendaItemForm, DocumentForm
from pof.forms import RequestForm
from steunpunt.core.form_fields import KeyedModelMultipleChoiceField
from steunpunt.core.models import Programme, Site
from tests.factories import ProgrammeFactory
from tests.network.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "99999999999999999999"


def test_keys_beyond_the_column_are_an_invalid_choice():
    programme = ProgrammeFactory()
    field = KeyedModelMultipleChoiceField(queryset=Programme.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(programme.pk), BEYOND_64_BITS])
    assert refused.value.code == "invalid_choice"
    assert "is geen beschikbare keuze" in refused.value.messages[0]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(["-99999999999999999999"])
    assert refused.value.code == "invalid_choice"
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(["²"])
    assert refused.value.code == "invalid_pk_value"
    assert list(field.clean([str(programme.pk)])) == [programme]


def _errors(form, name):
    assert not form.is_valid()
    return form.errors[name]


def test_the_mailing_form_refuses_a_material_beyond_64_bits():
    form = MailingForm(data={"materials": [BEYOND_64_BITS], "schools": [BEYOND_64_BITS]})
    assert _errors(form, "materials") and _errors(form, "schools")


def test_the_hand_over_form_refuses_a_provider_beyond_64_bits():
    assert _errors(HandOverForm(data={"providers": [BEYOND_64_BITS]}, nearby=[]), "providers")


def test_the_meeting_forms_refuse_documents_and_items_beyond_64_bits():
    meeting = MeetingFactory()
    meeting.documents.create(title="Verslag", file="network/verslag.pdf", extension="pdf")
    AgendaItemFactory(meeting=meeting)
    form = AgendaItemForm(data={"title": "Punt", "documents": [BEYOND_64_BITS]}, meeting=meeting)
    assert _errors(form, "documents")
    assert _errors(DocumentForm(data={"items": [BEYOND_64_BITS]}, meeting=meeting), "items")


def test_the_pof_request_form_refuses_a_partner_beyond_64_bits():
    data = QueryDict(mutable=True)
    data.setlist("partner_companies", [BEYOND_64_BITS, "²"])
    form = RequestForm(data=data, sites=Site.objects.none())
    assert _errors(form, "partner_companies")
