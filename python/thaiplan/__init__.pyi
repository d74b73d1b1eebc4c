"""Type stubs of the public thaiplan API (see the docstrings in _api.py)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple, Union

_Path = Union[str, os.PathLike[str]]

__version__: str
PIPELINE_VERSION: str
RECORD_SCHEMA: str
__all__: List[str]

class ThaiplanError(Exception):
    message: str
    kind: str
    stage: Optional[str]
    path: Optional[str]
    errors: List[Dict[str, Any]]
    def __init__(
        self,
        message: str,
        kind: str = ...,
        stage: Optional[str] = ...,
        path: Optional[str] = ...,
        errors: Optional[List[Dict[str, Any]]] = ...,
    ) -> None: ...

class ThaiplanWarning(UserWarning): ...

def ingest(
    paths: Union[_Path, Iterable[_Path]],
    out: Optional[_Path] = None,
    *,
    on_error: Literal["raise", "warn", "ignore"] = "raise",
    ocr: Literal["never", "auto", "always"] = ...,
    threads: Optional[int] = ...,
    shard: Optional[str] = ...,
    force: bool = ...,
    timeout: int = ...,
    memory_mb: int = ...,
    no_isolate: bool = ...,
    quiet: bool = ...,
    **options: Any,
) -> List[Dict[str, Any]]:
    """Read documents and return their records (``thaiplan ingest``)."""

def text(
    path: _Path, *, ocr: Literal["never", "auto", "always"] = "auto", plain: bool = False
) -> str:
    """A document's normalised text with line numbers (``thaiplan text``)."""

def normalize(
    s: str, origin: Literal["text", "docx", "pdf", "ocr"] = "text"
) -> Tuple[str, Dict[str, int]]:
    """(normalised text, repair counts) (``thaiplan normalize``)."""

def read_tables(out: _Path) -> Dict[str, Any]:
    """``projects``, ``budget_rows`` and ``panel`` (when present) as pandas
    DataFrames with explicit dtypes."""
