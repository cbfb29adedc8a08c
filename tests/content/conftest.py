import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rendered fragments must not leak from one test (and its rolled-back rows) to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def initial_content(db):
    """The shipped texts (the data migration loads them; loading again adds what is missing)."""
    from steunpunt.content.services import load_initial_content

    load_initial_content()


@pytest.fixture
def no_content(db):
    """Start without the shipped texts, for tests that build their own rows."""
    from steunpunt.content.models import AudiencePage, FaqEntry, GlossaryTerm

    for model in (AudiencePage, FaqEntry, GlossaryTerm):
        model.objects.all().delete()
