"""Forms of the mailings tool: they validate and normalise; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.form_fields import KeyedModelMultipleChoiceField
from steunpunt.core.models import Organisation, OutboxMessage, Subregion

from ..models import Campaign, Mailing, Material
from .services import MailingContent


class MailingForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campagne"),
        queryset=Campaign.objects.exclude(status=Campaign.Status.CLOSED).order_by("-starts_on"),
        empty_label=None,
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=Mailing._meta.get_field("body").help_text,
    )
    materials = KeyedModelMultipleChoiceField(
        label=_("Links naar materiaal uit de kit"),
        queryset=Material.objects.select_related("campaign").order_by(
            "campaign__name", "kind", "order", "name"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De downloadlinks van dit materiaal komen onder je tekst."),
    )
    segment = forms.ChoiceField(
        label=_("Naar wie"),
        choices=Mailing.Segment.choices,
        initial=Mailing.Segment.ALL,
        widget=forms.RadioSelect,
    )
    subregion = forms.ModelChoiceField(
        label=_("Subregio"),
        queryset=Subregion.objects.order_by("order", "name"),
        required=False,
        help_text=_("Alleen als je 'Deelnemende scholen in één subregio' kiest."),
    )
    schools = KeyedModelMultipleChoiceField(
        label=_("Scholen"),
        queryset=Organisation.objects.filter(
            kind__in=Organisation.PROVIDER_KINDS, active=True
        ).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Alleen als je 'Zelf gekozen scholen' kiest. Ctrl of Cmd om er meer te kiezen."
        ),
    )

    def __init__(self, *args, mailing=None, **kwargs):
        if mailing is not None:
            kwargs["initial"] = {
                "campaign": mailing.campaign_id,
                "subject": mailing.subject,
                "body": mailing.body,
                "materials": list(mailing.materials.values_list("pk", flat=True)),
                "segment": mailing.segment,
                "subregion": mailing.subregion_id,
                "schools": list(mailing.schools.values_list("pk", flat=True)),
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.mailing = mailing
        self.fields["materials"].label_from_instance = lambda m: f"{m.campaign.name}: {m.name}"
        if mailing is not None:
            # The campaign of an existing mailing stays what it is.
            self.fields["campaign"].disabled = True

    def clean(self):
        data = super().clean()
        segment = data.get("segment")
        if segment == Mailing.Segment.SUBREGION and not data.get("subregion"):
            self.add_error("subregion", _("Kies de subregio."))
        if segment == Mailing.Segment.CUSTOM and not data.get("schools"):
            self.add_error("schools", _("Kies minstens één school."))
        campaign = data.get("campaign")
        foreign = [
            m for m in data.get("materials") or [] if campaign and m.campaign_id != campaign.pk
        ]
        if foreign:
            self.add_error(
                "materials",
                _("Kies alleen materiaal van de campagne “%(campaign)s”.") % {"campaign": campaign},
            )
        return data

    def content(self) -> MailingContent:
        data = self.cleaned_data
        return MailingContent(
            subject=data["subject"],
            body=data["body"],
            segment=data["segment"],
            subregion=data.get("subregion"),
            schools=tuple(data.get("schools") or ()),
            materials=tuple(data.get("materials") or ()),
        )


class RecipientStatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle ontvangers")), *OutboxMessage.Status.choices],
        required=False,
    )
