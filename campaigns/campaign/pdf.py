"""PDFs of the campaign tools (the rendering itself lives in steunpunt.core.pdf)."""

from __future__ import annotations

from django.conf import settings

from steunpunt.core.pdf import (  # noqa: F401  (re-exported for the campaign tools)
    PDF_BASE_URL,
    render_pdf,
    static_fetcher,
    static_url_fetcher,
)


def render_selftest_pdf(result, message: str) -> bytes:
    """The self-test result for the class council's advice, with the teacher's message.

    `result` is a campaigns.selftest_services.SelfTestResult. The message is plain text: the
    template escapes it (autoescape) and only turns line breaks into <br>.
    """
    return render_pdf(
        "pdf/selftest.html",
        {
            "result": result,
            "profile": result.profile,
            "message": message,
            "PORTAL_NAME": settings.PORTAL_NAME,
            "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
            "SITE_URL": settings.SITE_URL,
        },
    )
