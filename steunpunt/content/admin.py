"""Coordinators write the public texts here, in Markdown, with a rendered preview."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin
from steunpunt.core.markdown import render_markdown

from .models import AudiencePage, FaqEntry, GlossaryTerm

PREVIEW_HELP = _("Zo verschijnt de tekst op de website. Bewaar om het voorbeeld bij te werken.")


def markdown_preview(text: str):
    """The sanitised HTML, as the public page shows it (the admin needs no extra escaping)."""
    if not text:
        return "–"
    return format_html('<div class="content-preview">{}</div>', render_markdown(text))


@admin.register(AudiencePage)
class AudiencePageAdmin(PortalModelAdmin):
    list_display = ["title", "audience", "slug", "updated_at", "public_link", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published", "audience"]
    search_fields = ["title", "intro", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["body_preview", "public_link", "updated_at"]
    fieldsets = [
        (None, {"fields": ["audience", "title", "slug", "published", "order", "public_link"]}),
        (_("Tekst"), {"fields": ["intro", "body", "body_preview"]}),
        (_("Zoekmachines en delen"), {"fields": ["meta_description", "updated_at"]}),
    ]

    def view_on_site(self, obj):
        url = obj.get_absolute_url()
        return url if obj.published else f"{url}?voorbeeld=1"

    @admin.display(description=_("voorbeeld van de tekst"))
    def body_preview(self, obj):
        return markdown_preview(obj.body)

    body_preview.help_text = PREVIEW_HELP

    @admin.display(description=_("op de website"))
    def public_link(self, obj):
        if not obj.pk:
            return "–"
        if obj.published:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Bekijk"))
        return format_html(
            '<a href="{}?voorbeeld=1">{}</a>',
            obj.get_absolute_url(),
            _("Voorbeeld (niet gepubliceerd)"),
        )


@admin.register(FaqEntry)
class FaqEntryAdmin(PortalModelAdmin):
    list_display = ["question", "category", "audience", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published", "category", "audience"]
    search_fields = ["question", "answer", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    readonly_fields = ["answer_preview"]
    fields = [
        "question",
        "slug",
        "audience",
        "category",
        "order",
        "published",
        "answer",
        "answer_preview",
    ]

    @admin.display(description=_("voorbeeld van het antwoord"))
    def answer_preview(self, obj):
        return markdown_preview(obj.answer)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PortalModelAdmin):
    list_display = ["term", "expansion", "slug", "published"]
    list_editable = ["published"]
    list_filter = ["published"]
    search_fields = ["term", "expansion", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["see_also"]
    readonly_fields = ["definition_preview"]
    fields = [
        "term",
        "slug",
        "expansion",
        "definition",
        "definition_preview",
        "see_also",
        "published",
    ]

    @admin.display(description=_("voorbeeld van de uitleg"))
    def definition_preview(self, obj):
        return markdown_preview(obj.definition)
