"""libs75 from Python: Section 75 pooled budgets, through ctypes.

Nothing to compile: the package loads the libs75 shared library at first use,
from ``$S75_LIBRARY``, from a copy next to this package, or from the system
loader path (see :mod:`s75._lib`).

    import s75

    with s75.Scenario.from_file("configs/derbyshire-0-19.yaml") as sc:
        doc = sc.run()                    # the JSON document of `s75 run --format json`
    for year in doc["projection"]:
        print(year["year"], round(year["variance"]), year["risk_share"])
    table = doc.frame("projection")       # a pandas DataFrame, one row per year (a list of
                                          # dicts without pandas); doc.frame("workforce"):
                                          # a row per line and year; tidy=True: long form

    for d in s75.validate("draft.yaml"):  # every error, as `s75 validate` lists them
        print(d.file, d.line, d.column, d.path, d.message)

    # Variants and overrides (`--variant`, `--set`), and the runs side by side (`s75 compare`).
    path = "configs/derbyshire-0-19.yaml"
    base = s75.Scenario.from_file(path)
    worse = s75.Scenario.from_file(path, variant="pessimistic",
                                   overrides={"pay.awards.2027": "5%"})
    table = s75.compare([base, worse])          # {"compare": {"years", "runs", "lines"}}
    s75.write_compare("compare.xlsx", [base, worse])
    base.write_report("report.xlsx", format="xlsx")

Results are plain dicts, lists, str and float, equal to what the ``s75`` command
prints with ``--format json``. Paths are str or os.PathLike; bytes are refused
with TypeError. Library failures raise :class:`ScenarioError`.
"""
from __future__ import annotations

from . import _lib
from ._errors import (Diagnostic, Error, LibraryError, LibraryNotFoundError, LibraryVersionError,
                      ScenarioClosedError, ScenarioError, ScenarioFileNotFoundError, Status)
from ._frame import Result, frame
from ._scenario import Scenario, validate, validate_string
from ._compare import compare, write_compare

__all__ = [
    "Diagnostic",
    "Error",
    "LibraryError",
    "LibraryNotFoundError",
    "LibraryVersionError",
    "Scenario",
    "ScenarioClosedError",
    "ScenarioError",
    "ScenarioFileNotFoundError",
    "Result",
    "Status",
    "frame",
    "compare",
    "library_path",
    "validate",
    "validate_string",
    "version",
    "write_compare",
]

#: The version of these bindings; they work with any libs75 of the same major version.
__version__ = "0.1.0"


def version() -> str:
    """The version of the libs75 library in use (``s75_version()``), e.g. "0.1.0".

    Raises LibraryNotFoundError or LibraryVersionError when no usable library is found."""
    return _lib.library().version


def library_path() -> str:
    """Where the libs75 in use was loaded from (a file path or a loader name)."""
    return _lib.library().path
