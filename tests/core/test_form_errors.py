"""steunpunt.core.forms.add_service_errors: a service's refusal shown on the form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from steunpunt.core.forms import add_service_errors


class RequestForm(forms.Form):
    name = forms.CharField()
    places = forms.IntegerField()


def valid_form():
    form = RequestForm({"name": "Elektro Vanneste", "places": "2"})
    assert form.is_valid()
    return form


def test_field_errors_go_next_to_their_field():
    form = valid_form()
    add_service_errors(
        form, ValidationError({"places": ["Te veel plaatsen.", "Minstens één plaats."]})
    )
    assert form.errors == {"places": ["Te veel plaatsen.", "Minstens één plaats."]}
    assert not form.is_valid()
    assert "places" not in form.cleaned_data
    assert form.cleaned_data["name"] == "Elektro Vanneste"


def test_errors_without_a_field_or_on_a_field_the_form_lacks_go_on_top():
    form = valid_form()
    add_service_errors(
        form,
        ValidationError(
            {
                NON_FIELD_ERRORS: ["Deze aanvraag is al doorgestuurd."],
                "school_year": ["Dit schooljaar is afgesloten."],
            }
        ),
    )
    assert form.non_field_errors() == [
        "Deze aanvraag is al doorgestuurd.",
        "Dit schooljaar is afgesloten.",
    ]
    assert not form.has_error("name") and not form.has_error("places")


def test_a_plain_error_or_a_list_goes_on_top_with_its_code_and_parameters():
    form = valid_form()
    add_service_errors(
        form,
        ValidationError("Nog %(n)d plaatsen vrij.", code="full", params={"n": 3}),
    )
    assert form.non_field_errors() == ["Nog 3 plaatsen vrij."]
    assert form.has_error(NON_FIELD_ERRORS, code="full")

    other = valid_form()
    add_service_errors(other, ValidationError(["Eerste reden.", "Tweede reden."]))
    assert other.non_field_errors() == ["Eerste reden.", "Tweede reden."]
