"""The values of the ``dedupe_nested`` setting (import-free: the CLI reads them at start-up).

``auto``: a page that would reach the Registry's limit is written with repeated nested schemas
once; ``always``: every page is; ``never``: no page is (see :mod:`plating.render.fit`).
"""

DEDUPE_MODES = ("auto", "always", "never")
