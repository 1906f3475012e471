"""What a ``.plating`` bundle holds, as plain paths (content is read when a page needs it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plating.schema.kinds import ComponentType

TEMPLATE_SUFFIX = ".tmpl.md"
EXAMPLE_SUFFIXES = (".tf", ".tfquery.hcl")


@dataclass(frozen=True, slots=True)
class Bundle:
    """One ``<name>.plating/`` directory."""

    root: Path
    kind_hint: ComponentType | None  # from the folder the bundle sits in, if it says
    templates: dict[str, Path] = field(default_factory=dict)  # template stem -> file
    partials: dict[str, Path] = field(default_factory=dict)  # "_notes.md" -> file
    examples: dict[str, Path] = field(default_factory=dict)  # "basic" -> examples/basic.tf
    grouped_examples: dict[str, Path] = field(default_factory=dict)  # group -> main.tf
    guides: dict[str, Path] = field(default_factory=dict)  # guide name -> template
    fixtures: Path | None = None
    #: Examples that are symbolic links ("basic" -> examples/basic.tf): never read (a link
    #: could pull in any file), named in a warning and in the error of ``example("basic")``.
    linked_examples: dict[str, Path] = field(default_factory=dict)
    #: Guides in tfplugindocs' naming (``<name>.md.tmpl``, a Go template) in the bundle's
    #: ``guides/``, where guides are Jinja: not used, and named in a warning.
    go_guides: tuple[Path, ...] = ()

    def link_warnings(self) -> list[str]:
        """One warning per linked example and per unused Go-template guide of the bundle."""
        return [
            f"{path}: a symbolic link; plating reads no bundle example through a link "
            "(copy the file in)"
            for path in self.linked_examples.values()
        ] + [
            f"{path}: a Go template (tfplugindocs' naming) in a bundle's guides folder is not "
            f"used; rename it {path.name.removesuffix('.md.tmpl')}{TEMPLATE_SUFFIX} (Jinja) or "
            "move it to the project's templates/guides/ or guides/ folder"
            for path in self.go_guides
        ]

    @property
    def name(self) -> str:
        """The bundle's name: its directory name without ``.plating``."""
        return self.root.name.removesuffix(".plating")


@dataclass(frozen=True, slots=True)
class BoundTemplate:
    """A bundle template matched to the component it documents."""

    bundle: Bundle
    template: Path
    kind: ComponentType
    component_name: str
    #: How many of the bundle's templates document components of this schema: a
    #: bundle-wide ``examples/example.tf`` shown by several may be another component's.
    bundle_components: int = 1
