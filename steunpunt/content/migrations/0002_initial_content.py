"""Load the initial texts from steunpunt/content/initial/ so that a fresh `migrate` has them.

Only missing rows are inserted (see services.load_initial_content); `manage.py load_content`
does the same later, for texts added in a new release.
"""

from django.db import migrations


def load(apps, schema_editor):
    from steunpunt.content.services import load_initial_content

    load_initial_content(
        page_model=apps.get_model("content", "AudiencePage"),
        faq_model=apps.get_model("content", "FaqEntry"),
        term_model=apps.get_model("content", "GlossaryTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
