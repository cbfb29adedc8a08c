"""Parent folder figures for the registry (registered from CampaignsConfig.ready())."""

from django.utils.translation import gettext_lazy

from steunpunt.core.figures import Figure, registry

from ..models import ParentFolder


def folders_generated(subregion=None, moment=None) -> int:
    """Schools with a parent folder PDF (per subregion of one of their sites, up to a date)."""
    folders = ParentFolder.objects.exclude(pdf="").filter(generated_at__isnull=False)
    if subregion is not None:
        folders = folders.filter(participation__school__sites__postcode__subregion=subregion)
    if moment is not None:
        folders = folders.filter(generated_at__date__lte=moment)
    return folders.values("participation__school").distinct().count()


def register_folder_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.parent_folders",
            label=gettext_lazy("Scholen met een gepersonaliseerde ouderfolder"),
            unit=gettext_lazy("scholen"),
            compute=folders_generated,
            description=gettext_lazy(
                "Scholen waarvoor het portaal tot en met de peildatum een gepersonaliseerde "
                "ouderfolder (PDF) maakte."
            ),
            filters=("subregion", "moment"),
        )
    )
