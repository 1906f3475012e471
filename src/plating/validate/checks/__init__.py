"""The checks of ``plating validate``, one module per family of rules.

Each module exposes functions that read parsed inputs (:class:`~plating.validate.page.Page`,
the schema, example sources) and report through a :class:`~plating.validate.checks.base.Reporter`.
"""
