"""Provider and component names as tfplugindocs derives them from its flags."""

from __future__ import annotations

PROVIDER_PREFIX = "terraform-provider-"


def provider_short_name(name: str) -> str:
    """``terraform-provider-time`` -> ``time`` (any other name is kept)."""
    return name.removeprefix(PROVIDER_PREFIX)


def resource_short_name(name: str, provider_name: str) -> str:
    """``time_offset`` -> ``offset`` for provider ``time``; other names are kept."""
    return name.removeprefix(provider_short_name(provider_name) + "_")
