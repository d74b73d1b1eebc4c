"""The Python API over the Rust extension ``thaiplan._native``."""

from __future__ import annotations

import os

from . import _native
from ._binary import bundled_binary
from ._errors import ThaiplanError

__version__: str = _native.__version__
PIPELINE_VERSION: str = _native.PIPELINE_VERSION
RECORD_SCHEMA: str = _native.RECORD_SCHEMA
"""The record JSON Schema (2020-12) as text, as ``thaiplan schema`` prints it."""

# `typing` is imported for type checkers only: it is most of the import
# time otherwise (8 of 11 ms measured), and `import thaiplan` stays cheap.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

    PathLike = Union[str, os.PathLike[str]]

# The PDF extractor isolates each PDF in a worker process, `<exe> pdf-worker
# FILE`, where <exe> is the running executable: in Python that is the
# interpreter, so point it at the bundled binary (read by the Rust side from
# THAIPLAN_WORKER_EXE). Set once at import, before any Rust thread runs.
_WORKER = os.environ.get("THAIPLAN_WORKER_EXE") or bundled_binary()
if _WORKER and "THAIPLAN_WORKER_EXE" not in os.environ:
    os.environ["THAIPLAN_WORKER_EXE"] = _WORKER


def _flags(options: Dict[str, Any]) -> List[str]:
    """``ingest`` keyword options to ``thaiplan ingest`` flags: ``threads=2``
    → ``--threads 2``; ``force=True`` → ``--force``; False/None → omitted."""
    out: List[str] = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            out.append(flag)
        else:
            out.extend([flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)])
    return out


def _read_jsonl(path: str) -> List[Dict[str, Any]]:
    import json

    if not os.path.exists(path):
        if not os.path.exists(path + ".gz"):
            return []
        import gzip

        # ingest --compress writes records.jsonl.gz
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ingest(
    paths: Union[PathLike, Iterable[PathLike]],
    out: Optional[PathLike] = None,
    *,
    on_error: str = "raise",
    **options: Any,
) -> List[Dict[str, Any]]:
    """Read documents and return their records (``thaiplan ingest``).

    Args:
        paths: a file, directory (read recursively) or manifest (``*.jsonl``),
            or a list of them.
        out: output folder. When given, it receives what ``thaiplan ingest
            --out`` writes (records.jsonl, errors.jsonl, summary.json,
            projects.csv, budget_rows.csv and the resume store), and a second
            call with the same folder resumes. When None, a temporary folder
            is used and removed.
        on_error: what a document that gave no record does: ``"raise"``
            (default) raises :class:`ThaiplanError` after the whole run (with
            ``out``, every output is written first) carrying the first error's
            ``kind``, ``stage`` and ``path`` and all of them in ``.errors``;
            ``"warn"`` issues a :class:`ThaiplanWarning` per document;
            ``"ignore"`` drops them silently (they stay in errors.jsonl).
        **options: any ``thaiplan ingest`` flag, spelled with underscores:
            ``ocr="never"|"auto"|"always"``, ``threads=2``, ``shard="0/4"``,
            ``force=True``, ``timeout=300``, ``memory_mb=4096``,
            ``no_isolate=True``, ``quiet=False`` (default here: quiet). As on
            the command line, a scheduler's array variables (e.g.
            ``SLURM_ARRAY_TASK_ID``) select a shard when ``shard`` is not
            given.

    Returns:
        The records of ``records.jsonl`` (dicts as in
        ``schemas/record.schema.json``), sorted by path.

    Raises:
        ThaiplanError: ``kind="usage"`` for a bad option, ``"run"`` when the
            run cannot proceed, or a document's error kind (``on_error``).
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    plist = [os.fspath(p) for p in paths]
    if on_error not in ("raise", "warn", "ignore"):
        raise ThaiplanError(f"on_error must be raise, warn or ignore, not {on_error!r}", "usage")
    options = dict(options)
    options.setdefault("quiet", True)
    if not os.environ.get("THAIPLAN_WORKER_EXE"):
        options.setdefault("no_isolate", True)  # no binary to isolate PDFs in
    if out is None:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="thaiplan-") as tmp:
            return _ingest_into(plist, tmp, options, on_error)
    return _ingest_into(plist, os.fspath(out), options, on_error)


def _ingest_into(
    paths: List[str], out: str, options: Dict[str, Any], on_error: str
) -> List[Dict[str, Any]]:
    # "--" so that a path starting with "-" is never read as a flag.
    _native.ingest([*_flags(options), "--out", out, "--", *paths])
    records = _read_jsonl(os.path.join(out, "records.jsonl"))
    errors = _read_jsonl(os.path.join(out, "errors.jsonl"))
    if errors and on_error == "raise":
        first = errors[0]
        n = len(errors)
        more = f" (and {n - 1} more; see .errors)" if n > 1 else ""
        raise ThaiplanError(
            f"{first.get('message', 'document failed')}{more}",
            first.get("kind", "error"),
            first.get("stage"),
            first.get("path"),
            errors,
        )
    if errors and on_error == "warn":
        import warnings

        from ._errors import ThaiplanWarning

        for e in errors:
            warnings.warn(f"[{e.get('kind')}] {e.get('message')}", ThaiplanWarning, stacklevel=3)
    return records


def text(path: PathLike, *, ocr: str = "auto", plain: bool = False) -> str:
    """A document's normalised text, as ``thaiplan text`` prints it.

    Every line is numbered (right-aligned, a tab, the text) with the numbers
    that a record's ``source_span`` refers to, and ``---- page N ----``
    markers where pages are known; ``plain=True`` gives the bare lines.
    ``ocr`` is ``"never"``, ``"auto"`` (pages without a text layer) or
    ``"always"``.

    Raises:
        ThaiplanError: with the document's error ``kind`` (``io`` for a
            missing file, ``corrupt``, ``encrypted``, ``unsupported``, ...).
    """
    return _native.text(os.fspath(path), ocr, plain)


def normalize(s: str, origin: str = "text") -> Tuple[str, Dict[str, int]]:
    """Normalise Thai text as ``thaiplan normalize`` does.

    Line-preserving repairs, each counted: Thai digits, PUA glyphs and
    bullets, decomposed sara am, mark order, duplicate marks, letter
    spacing, lookalike letters, invisible characters, markup, spaces,
    foreign script. ``origin`` is where
    the text came from: ``"text"``, ``"docx"``, ``"pdf"`` (a pdftotext-style
    text layer: also the word-list-checked tone-mark moves) or ``"ocr"``.

    Returns:
        (text, counts): the repaired text (a final newline is kept) and the
        number of each repair, every known repair listed (zeros included).
    """
    out, counts = _native.normalize(s, origin)
    return out, dict(counts)
