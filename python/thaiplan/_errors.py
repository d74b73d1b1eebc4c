"""The exception and warning the thaiplan API raises."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # no `typing` import at run time (import speed)
    from typing import Any, Dict, List, Optional


class ThaiplanError(Exception):
    """A document or a call that thaiplan could not handle.

    Attributes:
        kind: machine-readable cause, the same words as ``errors.jsonl``
            (``io``, ``input``, ``unsupported``, ``corrupt``, ``encrypted``,
            ``legacy_doc``, ``too_large``, ``limit_exceeded``, ``no_text``,
            ``timeout``, ``ocr``, ``sha256_mismatch``, ...), plus ``usage``
            (bad arguments), ``run`` (the run itself could not proceed, e.g.
            the output folder is not writable) and ``panic`` (a bug: thaiplan
            crashed; the interpreter did not).
        stage: where it failed (``read``, ``extract``, ``normalize``, ...),
            or None.
        path: the document, or None.
        errors: for :func:`thaiplan.ingest`, every error line of the run
            (dicts as in ``errors.jsonl``); otherwise empty.
    """

    def __init__(
        self,
        message: str,
        kind: str = "error",
        stage: Optional[str] = None,
        path: Optional[str] = None,
        errors: Optional[List[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.stage = stage
        self.path = path
        self.errors = list(errors or [])

    def __reduce__(self) -> Any:  # picklable across processes (multiprocessing)
        return (
            type(self),
            (self.message, self.kind, self.stage, self.path, self.errors),
        )

    def __str__(self) -> str:
        return self.message


class ThaiplanWarning(UserWarning):
    """A document that failed in ``ingest(..., on_error="warn")``."""
