"""Views of the core, one module per room; names are re-exported for urls.py."""

from .pages import (
    AccessibilityView,
    HomeView,
    MyPortalView,
    OrganisationDetailView,
    PrivacyView,
    favicon,
    health,
    robots_txt,
)
from .programmes import ProgrammeDetailView, ProgrammeListView, ProviderDetailView

__all__ = [
    "AccessibilityView",
    "HomeView",
    "MyPortalView",
    "OrganisationDetailView",
    "PrivacyView",
    "favicon",
    "ProgrammeDetailView",
    "ProgrammeListView",
    "ProviderDetailView",
    "health",
    "robots_txt",
]
