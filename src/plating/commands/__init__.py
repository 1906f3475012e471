"""One module per CLI command. Each has ``register(subparsers)`` and ``run(args) -> int``.

Command modules import only :mod:`argparse` at load time so that ``plating --help`` and
``plating --version`` stay fast; the library is imported inside ``run``.
"""

#: Command modules in the order ``plating --help`` lists them.
COMMAND_MODULES = (
    "plate",
    "adorn",
    "validate",
    "serve",
    "info",
    "stats",
    "schema",
    "generate",
    "migrate",
    "completion",
)
