import os

os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

pytest_plugins = ["tests.plugins.roles", "tests.plugins.services"]
