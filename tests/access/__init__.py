"""Access-matrix fragments: each module here declares the URLs of one feature.

A fragment defines RULES (URL name → Rule), and optionally ADMIN_NEVER (admin URL names no
role may use) and admin_objects(cast) (creates one row of each of its admin models).
"""

import importlib
import pkgutil
from functools import cache


@cache
def fragments():
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name != "rules"
    ]
