"""The unsubscribe link of campaign mails: no login; the token names the address.

GET shows what will happen and a button (mail scanners that follow links unsubscribe nobody);
the POST unsubscribes, also as RFC 8058 one-click POST from the mail client itself.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import recipients


@csrf_exempt  # the mail client posts without a CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    email = recipients.email_from_token(token)
    if email is None:
        raise Http404("Unknown unsubscribe token.")
    done = request.method == "POST"
    if done:
        recipients.opt_out(email=email)
    else:
        done = recipients.is_opted_out(email)
    return render(
        request, "campaigns/unsubscribe.html", {"email": email, "done": done, "token": token}
    )
