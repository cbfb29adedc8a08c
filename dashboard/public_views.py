"""`/cijfers/`: the public key figures of the last final measurement moment (or an older final
one with `?moment=JJJJ-MM-DD`). Provisional moments are never shown: their date is a 404.

Anonymous GETs are cached as whole responses for a few minutes (`PublicPageCacheMixin`), like
the other public pages: a moment that becomes final appears within that time.
"""

from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from steunpunt.core.caching import PublicPageCacheMixin

from . import public


class PublicFiguresView(PublicPageCacheMixin, TemplateView):
    template_name = "dashboard/public/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asked = self.request.GET.get("moment", "").strip()
        day = None
        if asked:
            try:
                day = date.fromisoformat(asked)
            except ValueError:
                raise Http404(_("Dat is geen datum van een meetmoment.")) from None
        moments = public.final_moments()
        moment, previous = public.pick_moment(moments, day)
        if day is not None and moment is None:
            raise Http404(_("Voor die datum zijn er geen definitieve cijfers."))
        context.update(
            moments=moments,
            moment=moment,
            previous=previous,
            figures=public.public_figures(moment, previous) if moment else [],
            latest=moments[0] if moments else None,
            small=public.SMALL,  # "< 5", escaped where the page explains it
        )
        return context
