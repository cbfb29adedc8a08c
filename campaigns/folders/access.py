"""Who may see which parent folder (STYLE.md: one get_<obj>_for_user per model).

A folder belongs to a school's participation: the school's own contacts and coordinators see
it; everyone else gets a 404. Batches are staff pages (the view's role check); they hold no
row a school may reach.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.core.access import scope_to_user

from ..campaign.permissions import STAFF_ROLES
from ..models import FolderBatch, ParentFolder
from .selectors import folders_with_school


def folders_for_user(user) -> QuerySet[ParentFolder]:
    return scope_to_user(folders_with_school(), user, organisation_path="participation__school")


def get_folder_for_user(user, uuid) -> ParentFolder:
    return get_object_or_404(folders_for_user(user), uuid=uuid)


def get_folder_batch_for_user(user, uuid) -> FolderBatch:
    """Batches are for coordinators only (the view checks the role; this scopes the row)."""
    qs = FolderBatch.objects.select_related("campaign")
    if not (user.is_authenticated and user.has_role(*STAFF_ROLES)):
        qs = qs.none()
    return get_object_or_404(qs, uuid=uuid)
