from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from steunpunt.accounts.roles import is_company_contact, is_school_contact, is_staff_member

from .. import selectors
from ..access import get_organisation_for_user, organisations_for_user
from ..caching import PublicPageCacheMixin


class HomeView(PublicPageCacheMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["key_numbers"] = selectors.home_key_numbers()
        return context


class PrivacyView(PublicPageCacheMixin, TemplateView):
    template_name = "core/privacy.html"


class AccessibilityView(PublicPageCacheMixin, TemplateView):
    template_name = "core/accessibility.html"


class MyPortalView(LoginRequiredMixin, TemplateView):
    """The landing page after login: the user's organisations and what they can do."""

    template_name = "core/my_portal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["organisations"] = (
            organisations_for_user(user).order_by("name")[:50] if not user.is_coordinator else []
        )
        context["person"] = getattr(user, "person", None)
        context["is_school_contact"] = is_school_contact(user)
        context["is_company_contact"] = is_company_contact(user)
        context["is_network_staff"] = is_staff_member(user)
        return context


class OrganisationDetailView(LoginRequiredMixin, DetailView):
    """An organisation's own page: sites, contacts and dual offer. Members and coordinators only."""

    template_name = "core/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return get_organisation_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.organisation_overview(self.object))
        return context


@require_GET
@never_cache
def health(request):
    """Liveness and readiness for load balancers and docker-compose: database, and broker if set."""
    checks = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - report any database failure
        checks["database"] = f"fout: {type(exc).__name__}"
        healthy = False
    broker_url = settings.CELERY_BROKER_URL
    if broker_url and not broker_url.startswith("memory://"):
        try:
            from steunpunt.celery import app

            with app.connection_for_write(url=broker_url) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["broker"] = f"fout: {type(exc).__name__}"
            healthy = False
    else:
        checks["broker"] = "niet ingesteld (taken lopen in het proces)"
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks}, status=200 if healthy else 503
    )


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico; ours is an SVG among the static files."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /account/",
        "Disallow: /mijn/",
        "Disallow: /organisaties/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
