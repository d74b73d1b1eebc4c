"""thaiplan: Thai local-government anti-corruption action plans and their
implementation reports (PDF, DOCX, scans, text dumps) to JSON records.

The functions run the same Rust code as the ``thaiplan`` command (which this
package also installs):

- :func:`ingest` — documents to records (list of dicts), and with ``out`` the
  usual output folder (records.jsonl, errors.jsonl, summary.json, CSVs);
- :func:`text` — a document's normalised text with the line numbers that
  ``source_span`` refers to, as ``thaiplan text`` prints it;
- :func:`normalize` — Thai text repairs on a string: (text, counts);
- :func:`read_tables` — the CSV tables of an output folder as pandas
  DataFrames with the right dtypes (``pip install thaiplan[pandas]``).

Failures raise :class:`ThaiplanError`, whose ``kind`` says why. The Rust
work runs without the GIL, so other Python threads keep running.
"""

from __future__ import annotations

from ._api import PIPELINE_VERSION, RECORD_SCHEMA, __version__, ingest, normalize, text
from ._errors import ThaiplanError, ThaiplanWarning
from ._tables import read_tables

__all__ = [
    "ingest",
    "text",
    "normalize",
    "read_tables",
    "ThaiplanError",
    "ThaiplanWarning",
    "PIPELINE_VERSION",
    "RECORD_SCHEMA",
    "__version__",
]
