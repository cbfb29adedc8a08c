"""Forms of school orders: the order form (one quantity per material) and the refusal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Site

from .services import quantity_field


def quantity_help(item) -> str:
    material = item.material
    if item.remaining == 0:
        return _("Je kan hiervan niets meer bestellen.")
    parts = [_("Je kan nog %(n)s stuks bestellen.") % {"n": item.remaining}]
    if material.max_per_school is not None:
        parts.append(_("Maximum per school: %(max)s.") % {"max": material.max_per_school})
    if item.ordered:
        parts.append(_("Je school bestelde er al %(n)s.") % {"n": item.ordered})
    return " ".join(str(p) for p in parts)


class OrderForm(forms.Form):
    """A quantity per orderable material, the delivery site, a wished date and remarks.

    The form checks what it can see (whole numbers, the per-school maximum); the service checks
    again against the locked stock, and its errors land on the same fields.
    """

    site = forms.ModelChoiceField(
        label=_("Leveradres"),
        queryset=Site.objects.none(),
        empty_label=None,
        help_text=_("De vestigingsplaats van je school waar we het materiaal leveren."),
    )
    wished_date = forms.DateField(
        label=_("Gewenste leverdatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Niet verplicht. We doen ons best, maar kunnen de datum niet beloven."),
    )
    remarks = forms.CharField(
        label=_("Opmerkingen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: leveren aan het onthaal, niet op woensdagnamiddag."),
    )

    def __init__(self, *args, school, orderable, **kwargs):
        super().__init__(*args, **kwargs)
        self.orderable = orderable
        self.fields["site"].queryset = school.sites.filter(active=True).select_related("postcode")
        self.quantity_fields = []
        for item in orderable:
            name = quantity_field(item.material)
            self.fields[name] = forms.IntegerField(
                label=item.material.name,
                min_value=0,
                initial=0,
                help_text=quantity_help(item),
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "max": item.remaining, "step": 1}),
                error_messages={
                    "invalid": _("Geef een geheel getal."),
                    "min_value": _("Een aantal kan niet negatief zijn."),
                },
            )
            self.quantity_fields.append((item, name))

    def bound_quantities(self):
        """(orderable material, bound field) pairs for the template."""
        return [(item, self[name]) for item, name in self.quantity_fields]

    def clean_wished_date(self):
        day = self.cleaned_data.get("wished_date")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        return day

    def clean(self):
        cleaned = super().clean()
        quantities = self.quantities()
        if not self.errors and not any(quantities.values()):
            raise forms.ValidationError(_("Kies van minstens één materiaal een aantal."))
        return cleaned

    def quantities(self) -> dict[int, int]:
        return {
            item.material.pk: self.cleaned_data.get(name) or 0
            for item, name in self.quantity_fields
        }


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de weigering"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De school krijgt deze reden in de e-mail."),
        error_messages={"required": _("Geef de reden van de weigering.")},
    )
