"""Where the bundled ``thaiplan`` executable lives.

The wheel carries the Rust binary itself at ``thaiplan/bin/thaiplan``
(installed from the wheel's ``.data/platlib``), next to this file, so it is
found the same way in a venv, a ``--user`` install, ``--target`` or
``--prefix``: no search of PATH or of the scripts directories.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:  # no `typing` import at run time (import speed)
    from typing import Optional

_NAME = "thaiplan.exe" if os.name == "nt" else "thaiplan"


def bundled_binary() -> Optional[str]:
    """The bundled executable's path, or None when this install has none
    (an editable ``maturin develop`` build: the command then runs in-process
    through the extension)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", _NAME)
    return path if os.access(path, os.X_OK) and os.path.isfile(path) else None
