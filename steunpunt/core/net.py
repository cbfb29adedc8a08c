"""The visitor's IP address, for rate limits, also behind a reverse proxy."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front the address they saw.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    the client is the entry TRUSTED_PROXY_COUNT places from the end. Entries further left are
    whatever the client claimed and are never trusted.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
