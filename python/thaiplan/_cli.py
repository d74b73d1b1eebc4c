"""The ``thaiplan`` command of the wheel: replaces itself with the bundled
Rust binary (``os.execv``: same process, exit status, signals and streams as
a native install). Without a bundled binary it runs the same Rust CLI
in-process through the extension."""

from __future__ import annotations

import os
import sys

from ._binary import bundled_binary


def main() -> None:
    argv = sys.argv[1:]
    exe = bundled_binary()
    if exe is not None:
        if os.name == "nt":  # no real exec on Windows
            import subprocess

            sys.exit(subprocess.call([exe, *argv]))
        try:
            os.execv(exe, [exe, *argv])
        except OSError as e:  # e.g. a noexec mount: run in-process instead
            print(f"thaiplan: cannot start {exe} ({e}); running in-process", file=sys.stderr)
    sys.exit(_in_process(argv))


def _in_process(argv: list[str]) -> int:
    import signal

    from . import _native

    # Ctrl-C ends the process as it would the binary (Python's handler would
    # only fire after Rust returns).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # The PDF extractor isolates each PDF in `<exe> pdf-worker FILE`; here the
    # executable is Python, so point the worker at this command instead.
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if "THAIPLAN_WORKER_EXE" not in os.environ and os.access(script, os.X_OK):
        os.environ["THAIPLAN_WORKER_EXE"] = script
    sys.stdout.flush()
    return _native.cli(["thaiplan", *argv])


if __name__ == "__main__":
    main()
