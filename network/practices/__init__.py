"""Good practices (/goede-praktijken/): the public, searchable list and a page per practice."""
