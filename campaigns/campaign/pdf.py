"""PDFs of the campaign tools (the rendering itself lives in steunpunt.core.pdf)."""

from __future__ import annotations

from steunpunt.core.pdf import (  # noqa: F401  (re-exported for the campaign tools)
    PDF_BASE_URL,
    render_pdf,
    static_fetcher,
    static_url_fetcher,
)
