"""Type stubs of the Rust extension (python/src/lib.rs). Use the functions
of the ``thaiplan`` package; these are its building blocks."""

from typing import List, Tuple

__version__: str
PIPELINE_VERSION: str
RECORD_SCHEMA: str

def ingest(args: List[str]) -> int:
    """``thaiplan ingest ARGS...`` in-process; the exit status (0 or 1)."""

def text(path: str, ocr: str = "auto", plain: bool = False) -> str:
    """A document's normalised text as ``thaiplan text`` prints it."""

def normalize(s: str, origin: str = "text") -> Tuple[str, List[Tuple[str, int]]]:
    """(normalised text, [(repair, count), ...] in report order)."""

def cli(argv: List[str]) -> int:
    """The whole command line in-process (argv[0] = program name)."""
