"""The one base of every admin in the portal: Django's admin, hardened against hostile input.

Django's admin answers some malformed requests with a 500. Every ModelAdmin and inline in the
project (and the third-party admins, re-registered in `steunpunt/core/admin.py`) derives from
the classes here, so each of these holds everywhere:

- An empty `?_to_field=` on a change, delete or history page is no `_to_field` (Django looks
  up a field named '' and raises FieldDoesNotExist).
- A change list's filter value with a NUL byte (`?status__exact=a%00b`) is a wrong lookup, as
  Django treats any other: a redirect to the list with `?e=1`. PostgreSQL refuses a NUL byte in
  a text query. A search term (change list, autocomplete) loses its control characters.
- Keys posted in a foreign key or many-to-many field are checked before they reach a query
  (`abc`, `99999999999999999999`, a NUL byte): a Dutch "invalid choice" error, never an
  OverflowError or "Field 'id' expected a number". An autocomplete widget shows a malformed
  posted key as no selection (Django renders it with a `pk__in` query that raises).
- A malformed object or version key in a history URL is a 404.
- A formset never builds more forms than the rows that exist plus `MAX_NEW_FORMS`, however
  large the posted TOTAL_FORMS (Django's own limit is 2,000 forms: seconds per request).
"""

import functools

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.http import Http404

from .form_fields import (
    KeyedModelChoiceField,
    KeyedModelMultipleChoiceField,
    clean_search_text,
    is_valid_key,
)

# New rows one save of an inline (or a change list's editable rows) may add, beyond the rows
# that already exist.
MAX_NEW_FORMS = 200


class PortalChangeList(ChangeList):
    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for values in lookup_params.values():
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and "\x00" in value:
                    raise IncorrectLookupParameters("NUL byte in a filter value")
        return lookup_params


class KeyedAutocompleteMixin:
    """Renders only the well-formed keys among the selected values (a posted `abc` or
    `99999999999999999999` is shown as no selection; the field reports the error)."""

    def optgroups(self, name, value, attr=None):
        model = self.field.remote_field.model
        to_field_name = getattr(self.field.remote_field, "field_name", None)
        value = [v for v in value if is_valid_key(model, to_field_name, v)]
        return super().optgroups(name, value, attr)


class KeyedAutocompleteSelect(KeyedAutocompleteMixin, AutocompleteSelect):
    pass


class KeyedAutocompleteSelectMultiple(KeyedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


def _valid_pk(model, value) -> bool:
    return is_valid_key(model, None, unquote(str(value)))


class _KeyedFormFieldsMixin:
    """Foreign keys and many-to-many fields with keyed form fields and widgets (shared by
    model admins and inlines)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", KeyedModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", KeyedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PortalAdminMixin(_KeyedFormFieldsMixin):
    """Put first in the bases of a ModelAdmin (see PortalModelAdmin)."""

    def get_object(self, request, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)

    def get_changelist(self, request, **kwargs):
        return PortalChangeList

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, clean_search_text(search_term))

    def get_changelist_formset(self, request, **kwargs):
        limit = max(self.list_per_page, self.list_max_show_all)
        kwargs.setdefault("max_num", limit)
        kwargs.setdefault("absolute_max", limit)
        return super().get_changelist_formset(request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        if not _valid_pk(self.model, object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Only reached through simple_history's URLs: the model has a history manager.
        manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        history_model = manager.model
        if not _valid_pk(self.model, object_id) or not _valid_pk(history_model, version_id):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class PortalModelAdmin(PortalAdminMixin, admin.ModelAdmin):
    """The base of every ModelAdmin in the portal. Combine with another admin base by putting
    this one first: `class XAdmin(PortalModelAdmin, SimpleHistoryAdmin)`."""


class CappedFormSetMixin:
    """At most MAX_NEW_FORMS forms beyond the rows that exist, whatever TOTAL_FORMS says."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = len(self.get_queryset())
        self.absolute_max = min(self.absolute_max, existing + MAX_NEW_FORMS)
        self.max_num = min(self.max_num, self.absolute_max)


@functools.cache
def capped_formset(formset_class):
    if issubclass(formset_class, CappedFormSetMixin):
        return formset_class
    return type(f"Capped{formset_class.__name__}", (CappedFormSetMixin, formset_class), {})


class PortalInlineMixin(_KeyedFormFieldsMixin):
    """Put first in the bases of an inline (see PortalTabularInline, PortalStackedInline)."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["formset"] = capped_formset(kwargs.get("formset", self.formset))
        return super().get_formset(request, obj, **kwargs)


class PortalTabularInline(PortalInlineMixin, admin.TabularInline):
    pass


class PortalStackedInline(PortalInlineMixin, admin.StackedInline):
    pass


def portal_admin_class(admin_class):
    """A third-party ModelAdmin class with the portal's base first, its inlines likewise."""
    if issubclass(admin_class, PortalAdminMixin):
        return admin_class
    inlines = [
        inline
        if issubclass(inline, PortalInlineMixin)
        else type(f"Portal{inline.__name__}", (PortalInlineMixin, inline), {})
        for inline in admin_class.inlines
    ]
    return type(
        f"Portal{admin_class.__name__}",
        (PortalAdminMixin, admin_class),
        {"inlines": inlines, "__module__": __name__},
    )


def adopt_registered_admin(model, admin_class=None, site=admin.site):
    """Register `model` again with the portal's base in its admin (or with `admin_class`)."""
    current = type(site.get_model_admin(model))
    site.unregister(model)
    site.register(model, admin_class or portal_admin_class(current))
