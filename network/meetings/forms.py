"""Forms of meetings: the answer through the personal link, and the staff pages. They validate
and normalise; services write."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.form_fields import KeyedModelMultipleChoiceField, SearchField
from steunpunt.core.models import Organisation, Person

from ..models import (
    Action,
    AgendaItem,
    Attendance,
    GoodPractice,
    Invitation,
    Meeting,
    MeetingDocument,
)

DATETIME_WIDGET = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Kom je?"),
        choices=[
            (Invitation.Response.ATTEND, _("Ja, ik kom")),
            (Invitation.Response.DECLINE, _("Nee, ik ben verontschuldigd")),
            (Invitation.Response.SUBSTITUTE, _("Nee, maar ik stuur een vervanger")),
        ],
        widget=forms.RadioSelect,
    )
    substitute_name = forms.CharField(
        label=_("Naam van je vervanger"), max_length=160, required=False
    )
    substitute_email = forms.EmailField(
        label=_("E-mailadres van je vervanger"),
        required=False,
        help_text=_("Dan sturen we je vervanger de uitnodiging door."),
    )
    comment = forms.CharField(
        label=_("Opmerking (niet verplicht)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("response") == Invitation.Response.SUBSTITUTE
            and not data.get("substitute_name", "").strip()
        ):
            self.add_error("substitute_name", _("Vul de naam van je vervanger in."))
        return data


def _datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT),
    )


class MeetingForm(forms.ModelForm):
    """A new meeting (with its body) or the facts of an existing one (the body stays)."""

    starts_at = _datetime_field(_("Begin"))
    ends_at = _datetime_field(_("Einde (niet verplicht)"), required=False)
    online_url = forms.URLField(
        label=_("Link online vergadering"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = ["body", "title", "starts_at", "ends_at", "location", "online_url", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description": _("Markdown mag: **vet**, lijstjes met -, links.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.fields["body"].queryset.filter(active=True)
        if self.instance.pk:
            del self.fields["body"]

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "body"}


class CloneForm(forms.Form):
    starts_at = _datetime_field(_("Begin van de volgende vergadering"))
    title = forms.CharField(
        label=_("Titel (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten om de titel over te nemen."),
    )


def people_for_meeting(meeting: Meeting):
    """Who a staff member picks as presenter or owner: the invitees and the body's delegates."""
    return (
        Person.objects.filter(
            Q(invitations__meeting=meeting) | Q(delegations__mandate__body=meeting.body_id)
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def organisations_for_meeting(meeting: Meeting):
    return Organisation.objects.filter(
        Q(pk__in=meeting.invitations.values("organisation"))
        | Q(pk__in=meeting.body.mandates.values("organisation"))
    ).order_by("name")


GOOD_PRACTICE_SUBJECT = "network.goodpractice"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.email else obj.full_name


class AgendaItemForm(forms.ModelForm):
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=0,
        max_value=480,
        initial=15,
        error_messages={"max_value": _("Een punt duurt hoogstens 480 minuten (8 uur).")},
    )
    presenter = PersonChoiceField(
        label=_("Wie stelt voor"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Een genodigde of een afgevaardigde van het orgaan."),
    )
    good_practice = forms.ModelChoiceField(
        label=_("Goede praktijk (niet verplicht)"),
        queryset=GoodPractice.objects.filter(is_published=True).order_by("title"),
        required=False,
        empty_label=_("Geen"),
        help_text=_(
            "Een gepubliceerde goede praktijk bij dit punt: de samenvatting komt in de agenda."
        ),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "kind",
            "duration_minutes",
            "presenter",
            "presenter_text",
            "parent",
            "internal",
            "description",
            "documents",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.CheckboxSelectMultiple,
        }
        labels = {"parent": _("Subpunt van (niet verplicht)")}
        field_classes = {"documents": KeyedModelMultipleChoiceField}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.instance.meeting = meeting
        self.fields["presenter"].queryset = people_for_meeting(meeting)
        # Not meeting.agenda_items: the agenda page prefetches those with their documents.
        parents = AgendaItem.objects.filter(meeting=meeting, parent=None).order_by("position", "pk")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("Geen: een hoofdpunt")
        self.fields["documents"].queryset = meeting.documents.order_by("title")
        self.fields["documents"].required = False
        if not self.fields["documents"].queryset.exists():
            del self.fields["documents"]  # nothing to link yet: upload documents below
        if self.instance.pk and self.instance.subject_type == GOOD_PRACTICE_SUBJECT:
            self.initial["good_practice"] = self.instance.subject_id

    def clean(self):
        data = super().clean()
        if data.get("presenter") and data.get("presenter_text", "").strip():
            self.add_error(
                "presenter_text",
                _("Kies een persoon of typ een naam, niet allebei."),
            )
        return data

    def item_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("documents", None)
        data.pop("good_practice", None)
        return data


class DocumentForm(forms.Form):
    upload = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, Word, Excel, PowerPoint of een afbeelding.")
    )
    title = forms.CharField(
        label=_("Titel (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten om de bestandsnaam te gebruiken."),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=MeetingDocument.Kind.choices, initial="annex"
    )
    items = KeyedModelMultipleChoiceField(
        label=_("Koppel aan de agendapunten"),
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by(
            "parent_id", "position", "pk"
        )
        if not self.fields["items"].queryset.exists():
            del self.fields["items"]  # no agenda items to link to yet


class PersonSearchForm(forms.Form):
    zoek = SearchField(label=_("Zoek een persoon op naam of e-mailadres"), max_length=100)


class AttendanceOtherForm(forms.Form):
    """Someone who was not invited (a substitute without a record, a guest)."""

    name = forms.CharField(label=_("Naam"), max_length=160)
    organisation = forms.ModelChoiceField(
        label=_("Namens"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Aanwezigheid"),
        choices=Attendance.Status.choices,
        initial=Attendance.Status.PRESENT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for_meeting(meeting)
        self.fields["organisation"].empty_label = _("Geen organisatie")


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        help_text=_("Markdown: ## voor een tussentitel, - voor een lijstje, **vet**."),
    )
    decisions = forms.CharField(
        label=_("Beslissingen"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )


class ActionForm(forms.ModelForm):
    owner = PersonChoiceField(label=_("Wie"), queryset=Person.objects.none(), required=False)

    class Meta:
        model = Action
        fields = ["title", "owner", "owner_organisation", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_for_meeting(meeting)
        self.fields["owner_organisation"].queryset = organisations_for_meeting(meeting)
        self.fields["owner_organisation"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not data.get("owner_organisation"):
            self.add_error("owner", _("Kies wie de actie opneemt: een persoon of organisatie."))
        return data


class ActionStatusForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    note = forms.CharField(label=_("Opvolging"), max_length=1000, required=False)
