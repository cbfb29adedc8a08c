"""Settings and URLs for bench/public_pages.py only (a package: `make bench` runs no file here)."""
