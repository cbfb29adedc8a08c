from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from steunpunt.core.email import queue_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by coordinators (linked to a person), so there is no open signup.

    Mails (login codes, confirmations, password resets) leave through Celery, which retries on
    SMTP errors and records a final failure where coordinators see it.
    """

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", False)

    def send_mail(self, template_prefix, email, context):
        request = self.request
        ctx = {"request": request, "email": email, "current_site": self._current_site()}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        queue_email_message(message)

    def _current_site(self):
        """allauth's mails greet "from <site name>": that is the portal, not the host name."""
        host = self.request.get_host() if self.request is not None else settings.SITE_URL
        return SimpleNamespace(name=settings.PORTAL_NAME, domain=host)
