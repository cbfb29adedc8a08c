"""The self-test's PDF (the rendering itself lives in steunpunt.core.pdf)."""

from __future__ import annotations

from django.conf import settings

from steunpunt.core.pdf import render_pdf


def render_selftest_pdf(result, message: str) -> bytes:
    """The self-test result for the class council's advice, with the teacher's message.

    `result` is an infotools.selftest.services.SelfTestResult. The message is plain text: the
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
