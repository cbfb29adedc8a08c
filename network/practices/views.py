"""Public pages of good practices: a searchable list (/goede-praktijken/) and a page per
published practice. The contact person is shown only with their recorded consent.
Coordinators write and publish practices in the admin."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .filters import GoodPracticeFilter
from .selectors import published_practices


@require_GET
def practice_list(request):
    filterset = GoodPracticeFilter(request.GET or None, queryset=published_practices())
    practices = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(practices.order_by("-published_at", "title"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/practices/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "practices": page.object_list,
            "searching": filterset.is_bound,
        },
    )


@require_GET
def practice_detail(request, slug):
    practice = get_object_or_404(published_practices(), slug=slug)
    return render(
        request,
        "network/practices/detail.html",
        {"practice": practice, "contact": practice.public_contact},
    )
