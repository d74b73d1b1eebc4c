"""``read_tables``: an output folder's tables as pandas DataFrames with the
dtypes a researcher expects, never pandas' guesses (which read mission
"1.1" as a float and blank-holed years as floats)."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:  # no `typing` import at run time (import speed)
    from typing import Any, Dict, List, Union

# Columns by meaning. Anything not listed is text: codes ("1.1", "01"),
# numbers as printed and names must never become numbers.
_INT = {  # nullable integers (pandas "Int64")
    "year",
    "fiscal_year",
    "project_index",
    "row_index",
    "page",
    "pages",
    "line_start",
    "line_end",
    "projects",
}
# money in baht, and a check's stated/computed figures: float64 (NaN when not stated)
_FLOAT = {"budget_baht", "stated", "computed"}
# "true"/"false": pandas "boolean" (a check's `ok` is empty when undefined)
_BOOL = {"inferred", "ok", "ocr"}

TABLES = ("projects", "budget_rows", "panel", "checks", "warnings")


def _dtype(column: str) -> str:
    """The dtype for a column, by name; columns other helpers add later
    follow the same naming rules (``*_year``/``*_index``/``n_*`` integers,
    ``*_baht`` money, everything else text)."""
    if column in _INT or column.endswith(("_year", "_index", "_count")) or column.startswith("n_"):
        return "Int64"
    if column in _FLOAT or column.endswith("_baht"):
        return "float64"
    if column in _BOOL:
        return "boolean"
    return "str"


def _header(path: str) -> List[str]:
    import csv
    import gzip

    # ingest --compress writes *.csv.gz
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f), [])


def _read_csv(pd: Any, path: str) -> Any:
    dtypes = {c: _dtype(c) for c in _header(path)}
    return pd.read_csv(
        path,
        encoding="utf-8-sig",  # the files start with a BOM (for Excel)
        dtype={c: (str if t == "str" else t) for c, t in dtypes.items()},
        # Only an empty cell is missing: a name like "NA" or "None" is text.
        keep_default_na=False,
        na_values=[""],
        true_values=["true"],
        false_values=["false"],
    )


def _read_parquet(pd: Any, path: str) -> Any:
    df = pd.read_parquet(path)
    return df.astype({c: (str if _dtype(c) == "str" else _dtype(c)) for c in df.columns})


def read_tables(out: Union[str, os.PathLike[str]]) -> Dict[str, Any]:
    """The tables of an ``ingest`` output folder as pandas DataFrames.

    Keys: ``projects``, ``budget_rows``, ``panel``, ``checks`` (one row per
    check of every record) and ``warnings`` (one row per warning) — each one
    present in the folder, from its CSV or else its Parquet file.
    CSVs are read as UTF-8 with BOM and explicit dtypes: codes, mission,
    dimension, numbers as printed and all text as strings; years, indexes,
    pages and line numbers as nullable integers (``Int64``); ``budget_baht``
    and a check's ``stated``/``computed`` as float64; ``inferred``, ``ok`` and
    ``ocr`` as boolean. Only an empty cell is missing. A
    table only in Parquet form is read with ``pandas.read_parquet`` (needs
    pyarrow) and given the same dtypes.

    Requires pandas: ``pip install thaiplan[pandas]``.

    Raises:
        ThaiplanError: ``kind="io"`` when ``out`` holds none of the tables.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError(
            "thaiplan.read_tables needs pandas: pip install 'thaiplan[pandas]'"
        ) from e
    from ._errors import ThaiplanError

    root = os.fspath(out)
    tables: Dict[str, Any] = {}
    for name in TABLES:
        csv_path = os.path.join(root, name + ".csv")
        parquet_path = os.path.join(root, name + ".parquet")
        if os.path.isfile(csv_path):
            tables[name] = _read_csv(pd, csv_path)
        elif os.path.isfile(csv_path + ".gz"):
            tables[name] = _read_csv(pd, csv_path + ".gz")  # pandas infers gzip
        elif os.path.isfile(parquet_path):
            tables[name] = _read_parquet(pd, parquet_path)
    if not tables:
        raise ThaiplanError(
            f"{root}: no projects.csv, budget_rows.csv or panel table (not an ingest --out folder?)",
            "io",
            None,
            root,
        )
    return tables
