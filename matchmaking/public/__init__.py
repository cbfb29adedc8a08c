"""Public: the workplace finder and the "Word leerwerkplek" intake (/leerwerkplekken/), and
the finder's pages in sitemap.xml."""
