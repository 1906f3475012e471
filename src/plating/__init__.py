"""plating: Registry-ready documentation for Terraform and OpenTofu providers.

>>> from plating import Plating, PlatingContext, ComponentType
>>> result = await Plating(PlatingContext(provider_name="kitchen", schema_path=p)).plate()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plating.version import __version__

__all__ = [
    "AsyncTemplateEngine",
    "ComponentType",
    "PlateResult",
    "Plating",
    "PlatingContext",
    "PlatingError",
    "ValidationResult",
    "__version__",
]

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.config import PlatingContext
    from plating.errors import PlatingError
    from plating.render.engine import AsyncTemplateEngine
    from plating.results import PlateResult
    from plating.schema.kinds import ComponentType
    from plating.validate.findings import ValidationResult

_LAZY = {
    "Plating": "plating.api",
    "PlatingContext": "plating.config",
    "PlatingError": "plating.errors",
    "AsyncTemplateEngine": "plating.render.engine",
    "PlateResult": "plating.results",
    "ComponentType": "plating.schema.kinds",
    "ValidationResult": "plating.validate.findings",
}


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `plating --version` and `import plating` fast.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'plating' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
