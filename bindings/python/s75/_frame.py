"""Results as tables: :class:`Result` is the JSON document (a dict, as before) that can
also hand any of its sections over as a table.

Two shapes, because the document has two kinds of section:

- **per year**: ``projection`` (and ``portfolio.consolidated``, ``simulation.years``,
  ``demand``) is a list of records that each carry a ``year``: one row per record;
- **per line**: ``workforce`` is a list of lines, each holding a list of numbers by year
  (``pay``, ``agency``, ``mean_basic``): one row per line and year, the line's own fields
  repeated, a ``year`` column added.

Either way a nested mapping becomes columns joined by a dot (``contributions.dcc``,
``cost.p95``). ``tidy=True`` gives instead the long form of ``s75 ... --format tidy``: one
value a row under ``section, item, partner, band, year, measure, value`` (docs/GUIDE.md).

With pandas installed (Debian's python3-pandas) a table is a ``pandas.DataFrame``;
without it, a list of dicts with the same columns, every dict holding every column.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Dict, List, Optional, Sequence, Tuple

TIDY_COLUMNS = ("section", "item", "partner", "band", "year", "measure", "value")

#: Lists that are not by year even when they are as long as the plan.
_NOT_BY_YEAR = {"acceptability"}
#: The fields that name a record, in the order the tidy CSV looks for them.
_ITEM_KEYS = ("id", "role", "name", "category", "quarter", "criterion", "input", "mitigation",
              "tier")


def _table(rows: List[Dict[str, Any]], columns: Sequence[str]) -> Any:
    try:
        import pandas  # type: ignore[import-not-found]
    except ImportError:
        return [{c: r.get(c) for c in columns} for r in rows]
    return pandas.DataFrame([[r.get(c) for c in columns] for r in rows], columns=list(columns))


def _flatten(record: Dict[str, Any], prefix: str = "") -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for k, v in record.items():
        key = prefix + k
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _records(doc: Dict[str, Any], section: str) -> List[Dict[str, Any]]:
    """The records of a dotted section path; a list passed through on the way adds its
    record's name as a column (``pools.id``)."""
    found: List[Tuple[Dict[str, Any], Any]] = [({}, doc)]
    prev = ""
    for part in section.split("."):
        step: List[Tuple[Dict[str, Any], Any]] = []
        for extra, node in found:
            if isinstance(node, list):
                for rec in node:
                    if not isinstance(rec, dict) or part not in rec:
                        continue
                    named = dict(extra)
                    for k in _ITEM_KEYS:
                        if k in rec and not isinstance(rec[k], (dict, list)):
                            named[f"{prev}.{k}"] = rec[k]
                            break
                    step.append((named, rec[part]))
            elif isinstance(node, dict) and part in node:
                step.append((extra, node[part]))
        if not step:
            raise KeyError(f"the result has no section {section!r}")
        found, prev = step, part
    rows: List[Dict[str, Any]] = []
    for extra, node in found:
        for rec in node if isinstance(node, list) else [node]:
            if not isinstance(rec, dict):
                raise KeyError(f"{section!r} is not a section of records")
            rows.append({**extra, **rec})
    return rows


def frame(doc: Dict[str, Any], section: str, tidy: bool = False,
          tidy_text: Optional[str] = None) -> Any:
    """The section of a result document as a table (see the module's notes)."""
    if tidy:
        if tidy_text is None:
            raise ValueError("the tidy form comes from a run: use Scenario.run() (or "
                             "s75 ... --format tidy) rather than a document read from JSON")
        rows = []
        for r in csv.DictReader(io.StringIO(tidy_text)):
            if r["section"] != section:
                continue
            try:
                r["value"] = float(r["value"]) if r["value"] != "" else None
            except ValueError:
                pass
            rows.append(r)
        if not rows and section not in {r["section"] for r in
                                        csv.DictReader(io.StringIO(tidy_text))}:
            raise KeyError(f"the result has no section {section!r}")
        return _table(rows, TIDY_COLUMNS)
    years = [str(y) for y in doc.get("years") or doc.get("compare", {}).get("years", [])]
    rows: List[Dict[str, Any]] = []
    columns: List[str] = []

    def add(row: Dict[str, Any]) -> None:
        rows.append(row)
        for c in row:
            if c not in columns:
                columns.append(c)

    for rec in _records(doc, section):
        flat = _flatten(rec)
        by_year = [k for k, v in flat.items() if isinstance(v, list) and years and
                   len(v) == len(years) and k.split(".")[-1] not in _NOT_BY_YEAR and
                   all(not isinstance(x, (dict, list)) for x in v)]
        if not by_year or "year" in flat:
            add(flat)
            continue
        fixed = {k: v for k, v in flat.items() if k not in by_year}
        for t, year in enumerate(years):
            add({**fixed, "year": year, **{k: flat[k][t] for k in by_year}})
    return _table(rows, columns)


class Result(dict):  # type: ignore[type-arg]
    """The JSON document of a run (a dict, equal to ``json.loads`` of ``--format json``),
    with :meth:`frame` for a section as a table."""

    def __init__(self, doc: Dict[str, Any], tidy_text: Optional[str] = None) -> None:
        super().__init__(doc)
        self._tidy = tidy_text

    def frame(self, section: str = "projection", tidy: bool = False) -> Any:
        """The section (a dotted path: "projection", "workforce", "demand",
        "appraisal.options", "simulation.years", "monitoring.categories",
        "portfolio.consolidated", "portfolio.pools.projection", ...) as a table: a
        pandas DataFrame when pandas is installed, else a list of dicts with the same
        columns. The projection is one row per year; the workforce one row per line and
        year. tidy=True: the section's rows of the tidy CSV instead (columns section, item,
        partner, band, year, measure, value; value a float where it is a number).

        Raises KeyError for a section the result does not hold."""
        return frame(self, section, tidy, self._tidy)
