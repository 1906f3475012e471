"""plating's version, in a module of its own: the modules that record it (the stamp, the
schema cache, the compiled-template cache) read it here without importing the package's
public face, and the build reads it here without importing anything."""

#: 1.x: the successor of provide-io's plating 0.x, with a stable API (semantic versioning).
#: pyvider-components declares ``plating>=0.6.1``; this version satisfies it, so pip keeps
#: this package when both are installed.
__version__ = "1.0.0"
