"""Who reaches which files of the digital kit (STYLE.md: one get_<obj>_for_user per model).

The digital kit of a public campaign is public; coordinators also reach the kit of a draft.
"""

from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import is_coordinator

from ..models import Campaign, Material, MaterialFile


def get_material_file_for_user(user, uuid) -> MaterialFile:
    """A file of a digital material in a campaign the user may see; a 404 otherwise."""
    campaigns = Campaign.objects.all() if is_coordinator(user) else Campaign.objects.public()
    qs = MaterialFile.objects.select_related("material__campaign").filter(
        material__kind=Material.Kind.DIGITAL, material__campaign__in=campaigns
    )
    return get_object_or_404(qs, uuid=uuid)
