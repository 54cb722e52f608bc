"""Comparing runs side by side (s75/compare.h): ``s75 compare`` from Python."""
from __future__ import annotations

import ctypes
import json
import os
from ctypes import byref, c_char, c_char_p, c_size_t, c_void_p
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _lib
from ._errors import Status
from ._scenario import PathArg, Scenario, _choice, _path_bytes

#: What can be compared: a loaded Scenario (run in the mode asked for), or the path of a
#: scenario file (loaded as written, run, and closed again).
Comparable = Union[Scenario, str, "os.PathLike[str]"]


def _file_label(source: str) -> str:
    """A run's name from its file, as ``s75 compare A.yaml B.yaml`` names it: the base name
    without .yaml or .yml."""
    base = os.path.basename(source)
    for ext in (".yaml", ".yml"):
        if len(base) > len(ext) and base.endswith(ext):
            return base[:-len(ext)]
    return base


def default_names(scenarios: Sequence[Scenario]) -> List[str]:
    """Names for runs, as the CLI gives them: runs of one file are named by their variant
    ("base" for the file as written); runs of several files by their files' base names
    (the whole path for a later run whose base name is taken), with the variant after a
    colon."""
    one_file = len({sc.source for sc in scenarios}) == 1
    names: List[str] = []
    for sc in scenarios:
        if one_file:
            names.append(sc.variant or "base")
            continue
        label = _file_label(sc.source)
        if sc.variant:
            label += ":" + sc.variant
        names.append(sc.source + (":" + sc.variant if sc.variant else "")
                     if label in names else label)
    return names


def _names_arg(names: Any, n: int, scenarios: Sequence[Scenario]) -> List[str]:
    if names is None:
        return default_names(scenarios)
    if isinstance(names, (str, bytes)):
        raise TypeError("names must be a sequence of str, one per run, not a single "
                        + type(names).__name__)
    out = list(names)
    if len(out) != n:
        raise ValueError(f"names has {len(out)} entries for {n} runs")
    for name in out:
        if not isinstance(name, str):
            raise TypeError(f"a run's name must be a str, not {type(name).__name__}")
        if "\0" in name:
            raise ValueError(f"run name {name!r} contains a NUL character")
    return out


def _scenarios(items: Any) -> Tuple[List[Scenario], List[Scenario]]:
    """(every scenario to run, the ones loaded here from paths that must be closed)."""
    if isinstance(items, (Scenario, str, bytes, os.PathLike)):
        raise TypeError("compare takes a sequence of Scenarios or paths, e.g. "
                        "compare([base, pessimistic])")
    try:
        listed = list(items)
    except TypeError:
        raise TypeError(f"compare takes a sequence of Scenarios or paths, not "
                        f"{type(items).__name__}") from None
    if not listed:
        raise ValueError("compare needs at least one run")
    scenarios: List[Scenario] = []
    opened: List[Scenario] = []
    try:
        for item in listed:
            if isinstance(item, Scenario):
                scenarios.append(item)
            else:
                _path_bytes(item, "a run")  # TypeError for anything not a path
                sc = Scenario.from_file(item)
                opened.append(sc)
                scenarios.append(sc)
    except BaseException:
        for sc in opened:
            sc.close()
        raise
    return scenarios, opened


def _with_results(items: Any, names: Any, mode: str, call: Any) -> Any:
    """Runs every item in `mode`, then calls call(results array, names array, n) and returns
    what it returns; every result and scenario loaded here is freed, whatever happens."""
    m = _choice(mode, _lib.MODES, "mode")
    scenarios, opened = _scenarios(items)
    results: List[c_void_p] = []
    try:
        labels = _names_arg(names, len(scenarios), scenarios)
        for sc in scenarios:
            results.append(sc._run(m, None, None))
        n = len(results)
        c_results = (c_void_p * n)(*[r.value for r in results])
        c_names = (c_char_p * n)(*[name.encode("utf-8") for name in labels])
        return call(c_results, c_names, n)
    finally:
        lib = _lib.library()
        for r in results:
            lib.s75_result_free(r)  # type: ignore[attr-defined]
        for sc in opened:
            sc.close()


def compare(results_or_scenarios: Sequence[Comparable], names: Optional[Sequence[str]] = None,
            *, mode: str = "run", format: str = "json") -> Union[Dict[str, Any], str]:
    """The key lines of several runs side by side, with each run's difference from the
    first (the reference), as ``s75 compare`` prints them.

    results_or_scenarios: Scenarios (a base and its variants, or different files) or
    paths of scenario files; each is run in `mode` ("run", "appraise", "simulate" or
    "monitor"; the CLI compares "run").
    names: a label per run; by default a run of one file is named by its variant ("base"
    for the file as written), and runs of several files by their files' base names, as
    the CLI names them. format: "json" gives the document as a dict (its "compare"
    section lists "years", "runs" and "lines" with "values" and "difference"); "text",
    "csv", "tidy" (one value a row) and "html" (a paper: what changed in the inputs, then
    in the results) give a str. xlsx goes to a file: :func:`write_compare`.

    >>> base = Scenario.from_file("configs/derbyshire-0-19.yaml")
    >>> worse = Scenario.from_file("configs/derbyshire-0-19.yaml", variant="pessimistic")
    >>> doc = compare([base, worse])

    Raises ScenarioError when a run fails, TypeError/ValueError for bad arguments."""
    if format == "xlsx":
        raise ValueError("an xlsx comparison is written only to a file: use "
                         "write_compare(path, ..., format=\"xlsx\")")
    fmt = _choice(format, _lib.COMPARE_FORMATS, "format")

    def render(c_results: Any, c_names: Any, n: int) -> str:
        lib = _lib.library()
        text = ctypes.POINTER(c_char)()
        length = c_size_t()
        err = _lib.CError()
        rc = lib.s75_compare(byref(text), byref(length), c_results, c_names,  # type: ignore
                             n, fmt, byref(err))
        if rc != Status.OK:
            raise _lib.error_from_c(err, rc)
        try:
            return ctypes.string_at(text, length.value).decode("utf-8", "replace")
        finally:
            lib.s75_free(text)  # type: ignore[attr-defined]

    out = _with_results(results_or_scenarios, names, mode, render)
    return json.loads(out) if format == "json" else out


def write_compare(path: PathArg, results_or_scenarios: Sequence[Comparable],
                  names: Optional[Sequence[str]] = None, *, mode: str = "run",
                  format: str = "xlsx") -> None:
    """Writes the comparison of :func:`compare` to `path` atomically (a failed write leaves
    no half-written file), as ``s75 compare ... --format FORMAT -o PATH`` does.

    format: "xlsx" (a workbook with the table, a chart of the variance by run and the
    runs' provenance), "json", "csv", "tidy", "html" or "text"."""
    raw = _path_bytes(path)
    fmt = _choice(format, _lib.COMPARE_FILE_FORMATS, "format")

    def write(c_results: Any, c_names: Any, n: int) -> None:
        lib = _lib.library()
        err = _lib.CError()
        rc = lib.s75_compare_write_file(c_results, c_names, n, fmt, raw,  # type: ignore
                                        byref(err))
        if rc != Status.OK:
            raise _lib.error_from_c(err, rc)

    _with_results(results_or_scenarios, names, mode, write)
