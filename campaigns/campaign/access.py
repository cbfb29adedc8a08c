"""Who may see which campaign rows (STYLE.md: one get_<obj>_for_user per model).

Campaign pages are public once a campaign is no longer a draft. What a school did in a campaign
(its participation and everything under it: orders, folders, checklist, downloads) is seen by
the school's own contacts and by coordinators; everyone else gets a 404.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import is_coordinator
from steunpunt.core.access import organisations_for_user, scope_to_user
from steunpunt.core.models import Organisation
from steunpunt.core.params import parse_uuid

from ..models import Campaign, Participation


def schools_for_user(user) -> QuerySet[Organisation]:
    """The schools (training providers) a user acts for; all of them for coordinators."""
    return organisations_for_user(user).filter(kind__in=Organisation.PROVIDER_KINDS)


def get_public_campaign(slug) -> Campaign:
    return get_object_or_404(Campaign.objects.public(), slug=slug)


def get_campaign_for_user(user, slug) -> Campaign:
    """Coordinators also reach drafts; everyone else only public campaigns."""
    qs = Campaign.objects.all() if is_coordinator(user) else Campaign.objects.public()
    return get_object_or_404(qs, slug=slug)


def participations_for_user(user) -> QuerySet[Participation]:
    return scope_to_user(
        Participation.objects.select_related("campaign", "school"), user, organisation_path="school"
    )


def get_participation_for_user(user, uuid) -> Participation:
    return get_object_or_404(participations_for_user(user), uuid=uuid)


def get_school_for_user(user, uuid) -> Organisation:
    return get_object_or_404(schools_for_user(user), uuid=uuid)


def get_acting_school(user, school_uuid=None) -> Organisation:
    """The school a page works for: `?school=<uuid>` when given (one of the user's schools,
    any school for coordinators), else the user's only school, else the first by name.
    404 when the user acts for no school at all (a coordinator must name one)."""
    schools = schools_for_user(user).order_by("name", "pk")
    if school_uuid:  # a malformed value names no school: a 404 like an unknown one
        return get_object_or_404(schools, uuid=parse_uuid(school_uuid))
    if is_coordinator(user):
        raise Http404("Coordinators name the school they act for.")
    school = schools.first()
    if school is None:
        raise Http404("No school for this user.")
    return school
