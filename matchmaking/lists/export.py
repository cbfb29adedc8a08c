"""The CSV download of the "recognised but inactive" list: its header and rows; the file itself
(UTF-8 with BOM and semicolons, every cell neutralised) comes from the core's one export
helper (steunpunt.core.exports)."""

from django.utils.translation import gettext as _

from .selectors import company_contact


def inactive_header() -> list[str]:
    return [
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


def inactive_rows(recognitions):
    for recognition in recognitions:
        site = recognition.site
        contact = company_contact(recognition)
        yield [
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
        ]
