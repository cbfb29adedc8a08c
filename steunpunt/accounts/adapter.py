import ipaddress
import uuid
from types import SimpleNamespace

from allauth import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from steunpunt.core import outbox
from steunpunt.core.net import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by coordinators (linked to a person), so there is no open signup.

    Mails (login codes, confirmations, password resets) leave through the outbox like every
    mail of the portal: one row per mail, transactional priority (ahead of any mailing), sent
    by the dispatch run queued when the request's transaction commits; SMTP errors are retried
    and a final failure is recorded where coordinators see it. Nothing in allauth needs the
    mail sent synchronously: the code or key is stored before send_mail is called, and the
    page only says that a mail is on its way.
    """

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", False)

    def send_mail(self, template_prefix, email, context):
        request = self.request
        ctx = {"request": request, "email": email, "current_site": self._current_site()}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        kind = template_prefix.rsplit("/", 1)[-1]
        outbox.enqueue_messages(
            # Every mail its own batch: a second login code to the same address is a new mail.
            batch=f"accounts.{kind}:{uuid.uuid4().hex}"[:120],
            # allauth addresses its mails to bare addresses (render_mail's `to`).
            messages=[outbox.outgoing_from_email(message, email=to) for to in message.to],
            priority=outbox.Priority.TRANSACTIONAL,
            confidential=True,  # codes and links that let the reader in
        )

    def get_client_ip(self, request):
        """The visitor's address as every rate limit of the portal sees it (steunpunt.core.net).

        allauth's own reading ignores TRUSTED_PROXY_COUNT: behind the proxy every visitor had
        the proxy's address, so all logins in the world shared one per-address limit.
        """
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The key of allauth's per-key "login_failed" limit: the account *and* the address.

        With the account alone, five wrong passwords from anywhere locked the account for
        everyone. Now a stranger only locks himself out of that account; the per-address rule
        of "login_failed" still stops one address trying many accounts. An IPv6 client counts
        per network prefix (as allauth's per-address rule), so it cannot rotate addresses.
        """
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self._address_for_limits(request)}"

    def _address_for_limits(self, request) -> str:
        address = self.get_client_ip(request)
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return address
        if parsed.version == 6:
            prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
            return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
        return address

    def _current_site(self):
        """allauth's mails greet "from <site name>": that is the portal, not the host name."""
        host = self.request.get_host() if self.request is not None else settings.SITE_URL
        return SimpleNamespace(name=settings.PORTAL_NAME, domain=host)
