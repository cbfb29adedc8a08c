"""The portal's URLs plus `/bench/bare/`: a view that does nothing, through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from steunpunt.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]
