"""Building e-mails and their addresses. Templates: emails/<name>_subject.txt, <name>.txt,
<name>.html. Sending is the outbox's (steunpunt.core.outbox, which imports this module; this
module imports neither the outbox nor the tasks).

Every address that carries a name is built by `named_address` (one place, so one hostile name
can never make a message unbuildable), and the subject and the text body are rendered without
HTML escaping: `Garage Vandenbroucke & Zonen` stays `&`, only the HTML alternative escapes.
"""

import re
from email.utils import formataddr, getaddresses

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string

# Line breaks and other control characters (C0, DEL, C1, Unicode line/paragraph separators):
# a header can carry none of them, and a name never needs them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that make a display name need quotes (email.utils.specialsre).
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')


def clean_display_name(name) -> str:
    """A person's or organisation's name fit for a mail header: control characters and line
    breaks become spaces, runs of white space one space."""
    return " ".join(_CONTROL.sub(" ", str(name or "")).split())


def named_address(name, email: str) -> str:
    """`"De Smet, Jan" <jan@school.test>`: the name cleaned of line breaks and control
    characters, then quoted by email.utils.formataddr's rule (commas, <>, @, quotes survive the
    round trip). Without a name, the bare address.

    formataddr itself is used when name and address are ASCII; it would RFC 2047-encode a
    non-ASCII name already here and refuses a non-ASCII address, so those are quoted by the
    same rule and left for Django to encode when it writes the message (as it does for every
    address)."""
    email = str(email or "").strip()
    name = clean_display_name(name)
    if not name:
        return email
    if name.isascii() and email.isascii():
        return formataddr((name, email))
    if _SPECIALS.search(name):
        name = '"{}"'.format(name.replace("\\", "\\\\").replace('"', '\\"'))
    return f"{name} <{email}>"


def clean_address(address: str) -> str:
    """An address string from elsewhere (a setting, a payload), rebuilt by named_address.

    "Name <a@b>" and "a@b" come back in the canonical form; a string that does not parse as
    one address is returned cleaned of control characters, for Django to accept or refuse."""
    parsed = getaddresses([_CONTROL.sub(" ", str(address or ""))])
    if len(parsed) == 1 and parsed[0][1]:
        return named_address(*parsed[0])
    return _CONTROL.sub("", str(address or "")).strip()


def render_plain(template_name: str, context: dict) -> str:
    """A text template rendered WITHOUT autoescaping (subjects and text bodies are not HTML)."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))


def build_email(
    name: str, *, to: list[str], context: dict, reply_to: list[str] | None = None
) -> EmailMultiAlternatives:
    context = {"portal_name": settings.PORTAL_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_plain(f"emails/{name}_subject.txt", context).split())
    body = render_plain(f"emails/{name}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    try:
        message.attach_alternative(render_to_string(f"emails/{name}.html", context), "text/html")
    except TemplateDoesNotExist:
        pass
    return message
