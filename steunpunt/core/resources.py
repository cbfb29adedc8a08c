"""Import/export of organisations, sites, contacts and the programme offer (CSV and XLSX).

Columns carry Dutch headers. Every row is validated with the model's own rules (full_clean), so
a bad row is listed in the admin's preview with its row number and a Dutch reason, and nothing
is written until the coordinator confirms a clean preview. `external_ref` (kolom "referentie")
identifies a row, so importing the same file twice updates instead of duplicating.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .enterprise_number import format_enterprise_number, normalise_enterprise_number
from .models import Membership, Organisation, Person, Postcode, Programme, ProgrammeOffer, Site


class ChoiceLabelWidget(widgets.Widget):
    """Accepts a choice's key or its Dutch label (case-insensitive); exports the label."""

    def __init__(self, choices, field_label, **kwargs):
        self.choices = list(choices)
        self.field_label = field_label
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        for key, label in self.choices:
            if text.casefold() in {str(key).casefold(), str(label).casefold()}:
                return key
        allowed = ", ".join(str(label) for key, label in self.choices if key)
        raise ValueError(
            _("Onbekende waarde '%(value)s' voor %(field)s. Kies uit: %(allowed)s.")
            % {"value": text, "field": self.field_label, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class EnterpriseNumberWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return normalise_enterprise_number(str(value or "")) if value not in (None, "") else ""

    def render(self, value, obj=None, **kwargs):
        return format_enterprise_number(value or "")


class PostcodeWidget(widgets.ForeignKeyWidget):
    """A postcode cell ("8500") plus an optional locality column picks the Postcode row."""

    def __init__(self, locality_column="plaats", **kwargs):
        self.locality_column = locality_column
        super().__init__(Postcode, field="code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip()
        if code.endswith(".0"):  # numbers from XLSX cells
            code = code[:-2]
        if not code:
            raise ValueError(_("De postcode ontbreekt."))
        candidates = Postcode.objects.filter(code=code)
        locality = str((row or {}).get(self.locality_column) or "").strip()
        if locality:
            match = candidates.filter(locality__iexact=locality).first()
            if match:
                return match
        match = candidates.order_by("-is_main_locality", "locality").first()
        if match is None:
            raise ValueError(_("Postcode %(code)s bestaat niet in België.") % {"code": code})
        return match

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class RefWidget(widgets.ForeignKeyWidget):
    """Look up a related row by its external reference, with a Dutch error when absent."""

    def __init__(self, model, label, field="external_ref", **kwargs):
        self.label = label
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            raise ValueError(_("%(label)s ontbreekt.") % {"label": self.label})
        try:
            return self.model.objects.get(**{self.field: text})
        except self.model.DoesNotExist as exc:
            raise ValueError(
                _("%(label)s '%(value)s' bestaat niet.") % {"label": self.label, "value": text}
            ) from exc


class PortalResource(resources.ModelResource):
    """Shared behaviour: Dutch messages, model validation per row, a reference that is required."""

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():  # empty XLSX cells arrive as None
            if value is None:
                row[key] = ""
        if "referentie" in row:
            ref = str(row["referentie"]).strip().removesuffix(".0")
            if not ref:
                raise ValidationError({"external_ref": _("De kolom 'referentie' is verplicht.")})
            row["referentie"] = ref

    class Meta:
        abstract = True


class OrganisationResource(PortalResource):
    external_ref = fields.Field("external_ref", column_name="referentie")
    name = fields.Field("name", column_name="naam")
    short_name = fields.Field("short_name", column_name="korte naam")
    kind = fields.Field(
        "kind", column_name="soort", widget=ChoiceLabelWidget(Organisation.Kind.choices, "soort")
    )
    network = fields.Field(
        "network",
        column_name="onderwijsnet",
        widget=ChoiceLabelWidget(Organisation.Network.choices, "onderwijsnet"),
    )
    enterprise_number = fields.Field(
        "enterprise_number", column_name="ondernemingsnummer", widget=EnterpriseNumberWidget()
    )
    website = fields.Field("website", column_name="website")
    email = fields.Field("email", column_name="e-mail")
    phone = fields.Field("phone", column_name="telefoon")

    class Meta:
        model = Organisation
        import_id_fields = ("external_ref",)
        fields = (
            "external_ref",
            "name",
            "short_name",
            "kind",
            "network",
            "enterprise_number",
            "website",
            "email",
            "phone",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class SiteResource(PortalResource):
    external_ref = fields.Field("external_ref", column_name="referentie")
    organisation = fields.Field(
        "organisation",
        column_name="organisatie",
        widget=RefWidget(Organisation, _("Organisatie met referentie")),
    )
    name = fields.Field("name", column_name="naam vestigingsplaats")
    street = fields.Field("street", column_name="straat")
    postcode = fields.Field("postcode", column_name="postcode", widget=PostcodeWidget())
    is_main = fields.Field("is_main", column_name="hoofdvestiging", widget=widgets.BooleanWidget())

    class Meta:
        model = Site
        import_id_fields = ("external_ref",)
        fields = ("external_ref", "organisation", "name", "street", "postcode", "is_main")
        clean_model_instances = True
        skip_unchanged = True


class PersonResource(PortalResource):
    """Contacts, with their function in one organisation (a membership) on the same row."""

    external_ref = fields.Field("external_ref", column_name="referentie")
    first_name = fields.Field("first_name", column_name="voornaam")
    last_name = fields.Field("last_name", column_name="familienaam")
    email = fields.Field("email", column_name="e-mail")
    phone = fields.Field("phone", column_name="telefoon")
    organisation_ref = fields.Field(column_name="organisatie", readonly=True)
    function = fields.Field(column_name="functie", readonly=True)

    class Meta:
        model = Person
        import_id_fields = ("external_ref",)
        fields = (
            "external_ref",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation_ref",
            "function",
        )
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        ref = str(row.get("organisatie") or "").strip()
        if ref and not Organisation.objects.filter(external_ref=ref).exists():
            raise ValidationError(
                {
                    "external_ref": _("Organisatie met referentie '%(ref)s' bestaat niet.")
                    % {"ref": ref}
                }
            )

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        ref = str(row.get("organisatie") or "").strip()
        if ref:
            Membership.objects.get_or_create(
                person=instance,
                organisation=Organisation.objects.get(external_ref=ref),
                function=str(row.get("functie") or "").strip(),
            )

    def dehydrate_organisation_ref(self, person):
        membership = person.memberships.select_related("organisation").first()
        return membership.organisation.external_ref if membership else ""

    def dehydrate_function(self, person):
        membership = person.memberships.first()
        return membership.function if membership else ""


class ProgrammeOfferResource(resources.ModelResource):
    programme = fields.Field(
        "programme",
        column_name="opleidingscode",
        widget=RefWidget(Programme, _("Opleiding met code"), field="code"),
    )
    site = fields.Field(
        "site",
        column_name="vestigingsplaats",
        widget=RefWidget(Site, _("Vestigingsplaats met referentie")),
    )
    school_year = fields.Field("school_year", column_name="schooljaar")
    active = fields.Field("active", column_name="actief", widget=widgets.BooleanWidget())

    class Meta:
        model = ProgrammeOffer
        import_id_fields = ("programme", "site", "school_year")
        fields = ("programme", "site", "school_year", "active")
        clean_model_instances = True
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        for key in ("opleidingscode", "vestigingsplaats"):
            if row.get(key) is not None:
                row[key] = str(row[key]).strip().removesuffix(".0")
        if row.get("schooljaar") is None:
            row["schooljaar"] = ""
        if row.get("actief") in (None, ""):
            row["actief"] = "1"
