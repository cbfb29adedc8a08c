"""The public workplace finder `/leerwerkplekken/` and the "Word leerwerkplek" intake form.

No login, no personal data: a workplace shows its company, municipality, programme, free places
and start date. Questions about a workplace go to the Steunpunt's inbox (never straight to the
company); the public forms are rate-limited per IP address like the inbox's contact form.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from steunpunt.core.caching import PublicPageCacheMixin
from steunpunt.core.forms import add_service_errors
from steunpunt.inbox.forms import HONEYPOT_FIELD

from . import services
from .filters import WorkplaceFilter
from .forms import CandidateCompanyForm, InterestForm
from .selectors import get_public_workplace, public_workplaces, search_workplaces

RATELIMIT_GROUP = "workplaces:submit"


def submit_rate(group, request) -> str:
    """The inbox's limit for public forms, read at request time (tests may change it)."""
    return settings.INBOX_RATE_LIMIT


def programme_finder_url(programme) -> str:
    try:
        return reverse("core:programme_detail", kwargs={"slug": programme.slug})
    except NoReverseMatch:
        return ""


class WorkplaceListView(PublicPageCacheMixin, TemplateView):
    """`/leerwerkplekken/`: open public workplaces, filtered through the querystring."""

    template_name = "matchmaking/public/workplace_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = WorkplaceFilter(self.request.GET or None, queryset=public_workplaces())
        results = search_workplaces(filterset, self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=filterset,
            form=filterset.form,
            results=results,
            page_obj=results.page,
            workplaces=results.page.object_list,
            is_filtered=any(query.values()),
        )
        if results.empty:
            without_subregion = query.copy()
            without_subregion.pop("subregion", None)
            without_distance = query.copy()
            without_distance.pop("km", None)
            wider = query.copy()
            if results.empty.wider_km:
                wider["km"] = str(results.empty.wider_km)
            else:
                wider.pop("km", None)
            context.update(
                without_subregion_query=without_subregion.urlencode(),
                without_distance_query=without_distance.urlencode(),
                wider_query=wider.urlencode(),
                other_subregion_queries=[
                    (name, count, _with(without_subregion, subregion=slug))
                    for name, slug, count in results.empty.other_subregions
                ],
            )
        return context


def _with(query, **values) -> str:
    query = query.copy()
    for key, value in values.items():
        query[key] = value
    return query.urlencode()


@method_decorator(
    ratelimit(key="ip", rate=submit_rate, method="POST", group=RATELIMIT_GROUP, block=False),
    name="post",
)
class RateLimitedFormView(FormView):
    """Rate limit, honeypot, validation that keeps the input, then `submit`."""

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            initial = {
                key: value
                for key, value in request.POST.lists()
                if key not in ("csrfmiddlewaretoken", HONEYPOT_FIELD)
            }
            initial = {k: v if len(v) > 1 else v[0] for k, v in initial.items()}
            form = self.get_form_class()(initial=initial)
            return self.render_to_response(
                self.get_context_data(form=form, rate_limited=True), status=429
            )
        form = self.get_form()
        if form.is_spam:
            return redirect(self.spam_url())
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            return self.submit(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)


class WorkplaceDetailView(RateLimitedFormView):
    """`/leerwerkplekken/<uuid>/`: the workplace and "Interesse? Vraag het aan het Steunpunt"."""

    template_name = "matchmaking/public/workplace_detail.html"
    form_class = InterestForm

    def dispatch(self, request, *args, **kwargs):
        self.workplace = get_public_workplace(kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            workplace=self.workplace,
            form_action=reverse("workplaces:interest", kwargs={"uuid": self.workplace.uuid}),
            programme_url=programme_finder_url(self.workplace.programme),
        )
        return context

    def spam_url(self):
        return reverse("workplaces:detail", kwargs={"uuid": self.workplace.uuid})

    def submit(self, form):
        data = form.cleaned_data
        question = services.ask_about_workplace(
            workplace=self.workplace,
            audience=data["audience"],
            text=data["text"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            consent=data["consent"],
        )
        return redirect("inbox:thanks", uuid=question.uuid)


class WorkplaceInterestView(WorkplaceDetailView):
    """`/leerwerkplekken/<uuid>/interesse/`: where the form posts; shows the same page."""


class BecomeWorkplaceView(RateLimitedFormView):
    """`/leerwerkplekken/word-leerwerkplek/`: a company applies to become a workplace."""

    template_name = "matchmaking/public/become_workplace.html"
    form_class = CandidateCompanyForm

    def spam_url(self):
        return reverse("workplaces:become_workplace_thanks")

    def submit(self, form):
        data = form.cleaned_data
        services.submit_candidate_company(
            company_name=data["company_name"],
            enterprise_number=data["enterprise_number"],
            postcode=data["site_postcode"],
            sector=data["sector"],
            programmes=list(data["programmes"]),
            contact_first_name=data["contact_first_name"],
            contact_last_name=data["contact_last_name"],
            contact_function=data["contact_function"],
            contact_email=data["email"],
            contact_phone=data["phone"],
            message=data["message"],
            consent=data["consent"],
        )
        return redirect("workplaces:become_workplace_thanks")


class BecomeWorkplaceThanksView(TemplateView):
    template_name = "matchmaking/public/become_workplace_thanks.html"
