"""The CSV download of the "recognised but inactive" list."""

import csv
import io

from django.utils.translation import gettext as _

from .selectors import company_contact

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def inactive_csv(recognitions) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel in Belgium opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Subregio"),
            _("Opleiding"),
            _("Onderneming"),
            _("Ondernemingsnummer"),
            _("Adres"),
            _("Postcode"),
            _("Gemeente"),
            _("Erkenningsnummer"),
            _("Erkend tot"),
            _("Laatste overeenkomst"),
            _("Contactpersoon"),
            _("E-mailadres"),
            _("Telefoon"),
        ]
    )
    for recognition in recognitions:
        site = recognition.site
        contact = company_contact(recognition)
        writer.writerow(
            [
                neutralise(value)
                for value in (
                    site.postcode.subregion.name if site.postcode.subregion else "",
                    recognition.programme.name,
                    site.organisation.name,
                    site.organisation.enterprise_number_display,
                    site.street,
                    site.postcode.code,
                    site.postcode.locality,
                    recognition.reference,
                    recognition.valid_until.strftime("%d/%m/%Y") if recognition.valid_until else "",
                    (
                        recognition.last_agreement_on.strftime("%d/%m/%Y")
                        if recognition.last_agreement_on
                        else _("nooit")
                    ),
                    contact.full_name if contact else "",
                    contact.email if contact else "",
                    contact.phone if contact else "",
                )
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
