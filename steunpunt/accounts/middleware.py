"""Staff must enrol two-factor authentication (TOTP) before they can use the portal."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a staff member without MFA may still reach: enrolment itself, logout, static files.
EXEMPT_URL_NAMES = ("mfa_activate_totp", "mfa_index", "account_logout", "account_reauthenticate")
EXEMPT_PREFIXES = ("/static/", "/media/", "/health/")


class RequireStaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            messages.warning(
                request,
                _(
                    "Medewerkers moeten eerst tweestapsverificatie instellen "
                    "met een authenticator-app."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return False
        path = request.path_info
        if path.startswith(EXEMPT_PREFIXES):
            return False
        if any(path == reverse(name) for name in EXEMPT_URL_NAMES):
            return False
        return not is_mfa_enabled(user)
