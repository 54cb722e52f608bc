"""The Scenario handle and scenario checking."""
from __future__ import annotations

import collections.abc
import ctypes
import json
import math
import operator
import os
import threading
from ctypes import byref, c_char, c_char_p, c_size_t, c_void_p
from typing import (Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple,
                    Union)

from . import _lib
from ._errors import Diagnostic, ScenarioClosedError, ScenarioError, Status
from ._frame import Result

#: What a path may be: a str or an os.PathLike giving a str. bytes are refused
#: (TypeError) so that every path in messages and results is text.
PathArg = Union[str, "os.PathLike[str]"]

#: A progress callback: called now and then with the share done (0..1).
Progress = Callable[[float], Any]

#: A value of an override: text as the command line takes it ("4%", "-2%", "[0.5, 0.5]"),
#: or a number, bool, list or dict, turned into that text.
OverrideValue = Union[str, int, float, bool, Sequence[Any], Mapping[str, Any]]

#: Overrides: a mapping {path: value}, or "path=value" strings as given to ``--set``.
Overrides = Union[Mapping[str, OverrideValue], Iterable[str]]

MAX_THREADS = 1024


def _path_bytes(path: Any, what: str = "path") -> bytes:
    """`path` as the bytes the C library opens, or TypeError/ValueError saying what is wrong."""
    if isinstance(path, (bytes, bytearray, memoryview)):
        raise TypeError(f"{what} must be a str or os.PathLike, not {type(path).__name__}; "
                        f"decode it first, e.g. os.fsdecode({what})")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{what} must be a str or os.PathLike, not {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"{what} must give a str path, but its __fspath__() gave "
                        f"{type(text).__name__}")
    if "\0" in text:
        raise ValueError(f"{what} contains a NUL character")
    return os.fsencode(text)


def _text_bytes(text: Any) -> bytes:
    """Scenario text as UTF-8 bytes; only str is accepted."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(f"text must be a str, not {type(text).__name__}; decode it first, "
                        f"e.g. data.decode('utf-8'), or use Scenario.from_file")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text.encode("utf-8")


def _name_bytes(name: Any) -> Optional[bytes]:
    """The optional name of a scenario held in memory (used in messages and as the directory
    base of its includes)."""
    if name is None:
        return None
    return _path_bytes(name, "name")


def _threads_arg(threads: Any) -> int:
    """`threads` as s75_run_options.threads: None means all online cores (0 in C)."""
    if threads is None:
        return 0
    if isinstance(threads, bool):
        raise TypeError("threads must be a whole number or None, not bool")
    try:
        n = operator.index(threads)
    except TypeError:
        raise TypeError(f"threads must be a whole number or None, not "
                        f"{type(threads).__name__}") from None
    if not 1 <= n <= MAX_THREADS:
        raise ValueError(f"threads must be from 1 to {MAX_THREADS}, or None for all cores; "
                         f"got {n}")
    return n


def _choice(value: Any, table: Dict[str, int], what: str) -> int:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, one of {', '.join(table)}; "
                        f"not {type(value).__name__}")
    try:
        return table[value]
    except KeyError:
        raise ValueError(f"unknown {what} {value!r}: one of {', '.join(table)}") from None


def _override_text(value: Any, path: str) -> str:
    """An override's value as the text ``--set path=TEXT`` would take: a str as it is, a
    number as Python writes it, a bool as true/false, a list or dict as a YAML flow (JSON)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"override {path}: {value!r} is not a finite number")
        return repr(value)
    if isinstance(value, (list, tuple, dict)):
        try:
            return json.dumps(value, allow_nan=False, ensure_ascii=False)
        except (TypeError, ValueError) as e:
            raise ValueError(f"override {path}: {e}") from None
    raise TypeError(f"override {path}: the value must be a str, int, float, bool, list or "
                    f"dict, not {type(value).__name__}")


def _override_strings(overrides: Any) -> List[str]:
    """`overrides` (a mapping or "path=value" strings) as "path=value" strings, in order."""
    if overrides is None:
        return []
    if isinstance(overrides, (str, bytes, bytearray, memoryview)):
        raise TypeError("overrides must be a mapping {path: value} or a list of "
                        "\"path=value\" strings, not a single " + type(overrides).__name__)
    out: List[str] = []
    if isinstance(overrides, collections.abc.Mapping):
        for path, value in overrides.items():
            if not isinstance(path, str):
                raise TypeError(f"an override path must be a str, not {type(path).__name__}")
            if not path or "=" in path:
                raise ValueError(f"override path {path!r} must be non-empty and hold no '='")
            out.append(f"{path}={_override_text(value, path)}")
    else:
        try:
            items = list(overrides)
        except TypeError:
            raise TypeError(f"overrides must be a mapping or a list of \"path=value\" "
                            f"strings, not {type(overrides).__name__}") from None
        for item in items:
            if not isinstance(item, str):
                raise TypeError(f"an override must be a \"path=value\" str, not "
                                f"{type(item).__name__}")
            if "=" not in item or item.startswith("="):
                raise ValueError(f"override {item!r} is not of the form path=value")
            out.append(item)
    for item in out:
        if "\0" in item:
            raise ValueError(f"override {item!r} contains a NUL character")
    return out


def _variant_bytes(variant: Any) -> Optional[bytes]:
    if variant is None:
        return None
    if not isinstance(variant, str):
        raise TypeError(f"variant must be a str or None, not {type(variant).__name__}")
    if not variant or "\0" in variant:
        raise ValueError(f"variant {variant!r} is not a name")
    return variant.encode("utf-8")


def _csv_text(rows: Any, name: str) -> bytes:
    """A table as the CSV text the library reads: str or bytes (CSV already), a pandas
    DataFrame (its columns are the header; the index is left out), or a sequence of
    mappings (the first one's keys, then any new key, make the header; a missing value
    is an empty cell)."""
    if isinstance(rows, str):
        return rows.encode("utf-8")
    if isinstance(rows, (bytes, bytearray)):
        return bytes(rows)
    if hasattr(rows, "to_csv") and hasattr(rows, "columns"):
        # pandas writes numbers as repr does, so nothing is rounded on the way.
        return rows.to_csv(index=False, lineterminator="\n").encode("utf-8")
    if isinstance(rows, collections.abc.Mapping) or not isinstance(rows, collections.abc.Iterable):
        raise TypeError(f"table {name!r} must be CSV text, a pandas DataFrame or a list of "
                        f"dicts, not {type(rows).__name__}")
    import csv
    import io
    rows = list(rows)
    header: List[str] = []
    for i, row in enumerate(rows):
        if not isinstance(row, collections.abc.Mapping):
            raise TypeError(f"table {name!r}: row {i} is a {type(row).__name__}, not a dict")
        for key in row:
            if str(key) not in header:
                header.append(str(key))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        values = {str(k): v for k, v in row.items()}
        w.writerow(["" if values.get(h) is None else
                    ("true" if values[h] is True else "false" if values[h] is False else
                     repr(values[h]) if isinstance(values[h], float) else str(values[h]))
                    for h in header])
    return out.getvalue().encode("utf-8")


class _LoadOptions:
    """An ``s75_load_options`` with the memory it points at kept alive for the call."""

    def __init__(self, variant: Any, overrides: Any, tables: Any = None,
                 confine_includes: bool = False) -> None:
        self.variant = _variant_bytes(variant)
        self.strings = [o.encode("utf-8") for o in _override_strings(overrides)]
        self.array = (c_char_p * max(1, len(self.strings)))(*self.strings)
        if tables is None:
            tables = {}
        if not isinstance(tables, collections.abc.Mapping):
            raise TypeError(f"tables must be a dict of name to rows, not {type(tables).__name__}")
        self.tables = []
        for name, rows in tables.items():
            if not isinstance(name, str) or not name or "\0" in name:
                raise ValueError(f"table name {name!r} is not a name")
            self.tables.append((name.encode("utf-8"), _csv_text(rows, name)))
        self.table_array = (_lib.CTable * max(1, len(self.tables)))(
            *[_lib.CTable(n, t, len(t)) for n, t in self.tables])
        self.struct = _lib.CLoadOptions(
            _lib.LOAD_OPTIONS_VERSION,
            ctypes.cast(self.array, ctypes.POINTER(c_char_p)) if self.strings else None,
            len(self.strings), self.variant,
            ctypes.cast(self.table_array, ctypes.POINTER(_lib.CTable)) if self.tables else None,
            len(self.tables), 1 if confine_includes else 0)

    @property
    def plain(self) -> bool:
        return self.variant is None and not self.strings and not self.tables


def _diagnostics(lib: _lib.Library, diags: c_void_p, n: int) -> List[Diagnostic]:
    """The errors in an s75_diagnostics list (which the caller frees)."""
    if n < 0:
        raise ScenarioError(Status.from_code(n), "could not check the scenario: "
                            + (lib.s75_strerror(n) or b"").decode())  # type: ignore[attr-defined]
    count = lib.s75_diagnostics_count(diags)  # type: ignore[attr-defined]
    out = []
    for i in range(count):
        item = lib.s75_diagnostics_get(diags, i)  # type: ignore[attr-defined]
        if item:
            out.append(_lib.diagnostic_from_c(item.contents))
    if n > 0 and not out:
        # The library ran out of memory before it could record a single error.
        raise ScenarioError(Status.ENOMEM, "out of memory while checking the scenario")
    return out


def validate(path: PathArg, *, variant: Optional[str] = None,
             overrides: Optional[Overrides] = None,
             tables: Optional[Mapping[str, Any]] = None,
             confine_includes: bool = False) -> List[Diagnostic]:
    """Every error in the scenario file at `path` (empty when it is valid), as
    ``s75 validate FILE`` lists them. A file that cannot be read gives one Diagnostic
    with code Status.EIO rather than an exception.

    variant, overrides and tables as in :meth:`Scenario.from_file`: the file is checked with
    them applied, and an error an override causes names the override. confine_includes as
    in :meth:`Scenario.from_file`."""
    raw = _path_bytes(path)
    opts = _LoadOptions(variant, overrides, tables, confine_includes)
    lib = _lib.library()
    diags = c_void_p()
    if opts.plain:
        n = lib.s75_scenario_check_file(byref(diags), raw)  # type: ignore[attr-defined]
    else:
        n = lib.s75_scenario_check_file_opts(  # type: ignore[attr-defined]
            byref(diags), raw, byref(opts.struct))
    try:
        return _diagnostics(lib, diags, n)
    finally:
        lib.s75_diagnostics_free(diags)  # type: ignore[attr-defined]


def validate_string(text: str, name: Optional[PathArg] = None) -> List[Diagnostic]:
    """Every error in a scenario held in memory (empty when it is valid). `name` is used in
    messages and as the directory its ``include:`` paths are relative to (default:
    "<string>", includes relative to the working directory)."""
    data = _text_bytes(text)
    raw_name = _name_bytes(name)
    lib = _lib.library()
    diags = c_void_p()
    n = lib.s75_scenario_check_string(  # type: ignore[attr-defined]
        byref(diags), data, len(data), raw_name)
    try:
        return _diagnostics(lib, diags, n)
    finally:
        lib.s75_diagnostics_free(diags)  # type: ignore[attr-defined]


class Scenario:
    """A loaded, validated scenario (a single pool or a portfolio of pools).

    Make one with :meth:`from_file` or :meth:`from_string`. It is immutable, and
    one Scenario may be run from several threads at once. Its C handle is freed
    by :meth:`close`, at the end of a ``with`` block, or when the object is
    garbage-collected; closing twice is harmless, and using a closed Scenario
    raises :class:`ScenarioClosedError`.

    The name, base_year, years, sha256, digest, inputs, is_portfolio, source, variants,
    variant and overrides attributes are read at load time and stay readable after close().

    >>> with Scenario.from_file("configs/reablement.yaml") as sc:
    ...     doc = sc.run()
    >>> doc["projection"][0]["variance"]
    """

    name: str
    base_year: int
    years: int
    sha256: str
    #: SHA-256 over the files read, the variant and the overrides (docs/MODEL.md §12):
    #: the same digest and library version give the same figures.
    digest: str
    #: Every file read, in order, as (path relative to the main file, sha256) pairs.
    inputs: Tuple[Tuple[str, str], ...]
    is_portfolio: bool
    source: str
    #: The variants the file's ``variants:`` block names, in file order.
    variants: Tuple[str, ...]
    #: The variant the scenario was loaded with, or None for the file as written.
    variant: Optional[str]
    #: The overrides the scenario was loaded with, as "path=value" strings in order.
    overrides: Tuple[str, ...]
    #: One line per CSV table read: its name, what it fed, the rows read, used and ignored.
    tables: Tuple[str, ...]
    #: The SHA-256 of each CSV table's bytes, in the order of ``tables``.
    table_sha256: Tuple[str, ...]

    def __init__(self) -> None:
        raise TypeError("make a Scenario with Scenario.from_file(path) or "
                        "Scenario.from_string(text)")

    @classmethod
    def _adopt(cls, lib: _lib.Library, handle: c_void_p, source: str) -> "Scenario":
        self = cls.__new__(cls)
        self._lib = lib
        # Kept on the object so __del__ works even while the interpreter shuts down.
        self._free = lib.s75_scenario_free  # type: ignore[attr-defined]
        self._handle = handle
        self._lock = threading.Lock()
        self._users = 0
        self._closing = False
        self.source = source
        # (path, text, name, variant, overrides, tables): what solve() and grid() load again.
        self._origin: Any = None
        name = lib.s75_scenario_name(handle)  # type: ignore[attr-defined]
        self.name = name.decode("utf-8", "replace") if name else ""
        self.base_year = int(lib.s75_scenario_base_year(handle))  # type: ignore[attr-defined]
        self.years = int(lib.s75_scenario_year_count(handle))  # type: ignore[attr-defined]
        sha = lib.s75_scenario_sha256(handle)  # type: ignore[attr-defined]
        self.sha256 = sha.decode("ascii", "replace") if sha else ""
        self.is_portfolio = bool(lib.s75_scenario_is_portfolio(handle))  # type: ignore
        digest = lib.s75_scenario_digest(handle)  # type: ignore[attr-defined]
        self.digest = digest.decode("ascii", "replace") if digest else ""
        n_inputs = int(lib.s75_scenario_input_count(handle))  # type: ignore[attr-defined]
        self.inputs = tuple(
            (lib.s75_scenario_input_path(handle, i).decode("utf-8", "replace"),  # type: ignore
             lib.s75_scenario_input_sha256(handle, i).decode("ascii", "replace"))  # type: ignore
            for i in range(n_inputs))

        def text(raw: Optional[bytes]) -> str:
            return raw.decode("utf-8", "replace") if raw else ""

        n_variants = int(lib.s75_scenario_variant_count(handle))  # type: ignore[attr-defined]
        self.variants = tuple(text(lib.s75_scenario_variant_name(handle, i))  # type: ignore
                              for i in range(n_variants))
        variant = lib.s75_scenario_variant(handle)  # type: ignore[attr-defined]
        self.variant = text(variant) if variant else None
        n_overrides = int(lib.s75_scenario_override_count(handle))  # type: ignore[attr-defined]
        self.overrides = tuple(text(lib.s75_scenario_override(handle, i))  # type: ignore
                               for i in range(n_overrides))
        n_tables = int(lib.s75_scenario_table_count(handle))  # type: ignore[attr-defined]
        self.tables = tuple(text(lib.s75_scenario_table_summary(handle, i))  # type: ignore
                            for i in range(n_tables))
        self.table_sha256 = tuple(text(lib.s75_scenario_table_sha256(handle, i))  # type: ignore
                                  for i in range(n_tables))
        return self

    @classmethod
    def from_file(cls, path: PathArg, *, variant: Optional[str] = None,
                  overrides: Optional[Overrides] = None,
                  tables: Optional[Mapping[str, Any]] = None,
                  confine_includes: bool = False) -> "Scenario":
        """Loads and validates the scenario (or portfolio) file at `path`, with its includes.

        variant: a name from the file's ``variants:`` block (``s75 run --variant NAME``);
        None or "base" is the file as written. overrides: applied after the variant, in
        order, as ``--set path=value`` is: a mapping ``{"pay.awards.2026": "4%",
        "workforce[0].wte": 12}`` or a list of ``"path=value"`` strings. A str value is
        passed as written ("4%"); an int or float as Python writes it; a bool as true or
        false; a list or dict as a YAML flow such as ``[0.5, 0.5]``.

        tables: CSV tables the scenario reads (``workforce_from:``, ``monitoring.actuals_from:``,
        ``monitoring.profile_from:``) given in memory instead of read from their files, by the
        name the scenario's ``table:`` gives them (or their file's name without .csv):
        ``{"establishment": rows}`` where rows is a list of dicts, a pandas DataFrame, or CSV
        text. Errors in them name the table: ``establishment:14:3: ...`` (line 1 is the
        header, so row i of a list is line i + 2).

        Raises ScenarioError for the first error found (use :func:`validate` for all of
        them); an error an override causes, or an unknown variant, is named in the
        message. TypeError when `path` is not a str or os.PathLike, or an override is not
        a str path with a value of the kinds above.

        confine_includes: refuse includes and pool files outside the folder of `path`
        (for scenarios from people you would not let read your files)."""
        raw = _path_bytes(path)
        opts = _LoadOptions(variant, overrides, tables, confine_includes)
        lib = _lib.library()
        handle = c_void_p()
        err = _lib.CError()
        rc = lib.s75_scenario_load_file_opts(  # type: ignore[attr-defined]
            byref(handle), raw, byref(opts.struct), byref(err))
        if rc != Status.OK or not handle:
            raise _lib.error_from_c(err, rc)
        self = cls._adopt(lib, handle, os.fsdecode(raw))
        self._origin = (raw, None, None, variant, overrides, tables)
        return self

    @classmethod
    def from_string(cls, text: str, name: Optional[PathArg] = None, *,
                    variant: Optional[str] = None,
                    overrides: Optional[Overrides] = None,
                    tables: Optional[Mapping[str, Any]] = None) -> "Scenario":
        """Loads and validates a scenario held in memory.

        `name` is used in messages and as the directory base for ``include:`` paths
        (default "<string>", with includes relative to the working directory). variant,
        overrides and tables as in :meth:`from_file`.
        Raises ScenarioError, or TypeError when `text` is not a str (bytes included)."""
        data = _text_bytes(text)
        raw_name = _name_bytes(name)
        opts = _LoadOptions(variant, overrides, tables)
        lib = _lib.library()
        handle = c_void_p()
        err = _lib.CError()
        rc = lib.s75_scenario_load_string_opts(  # type: ignore[attr-defined]
            byref(handle), data, len(data), raw_name, byref(opts.struct), byref(err))
        if rc != Status.OK or not handle:
            raise _lib.error_from_c(err, rc)
        self = cls._adopt(lib, handle, os.fsdecode(raw_name) if raw_name else "<string>")
        self._origin = (None, data, raw_name, variant, overrides, tables)
        return self

    validate = staticmethod(validate)
    validate_string = staticmethod(validate_string)

    # ---- lifetime ----

    @property
    def closed(self) -> bool:
        """True once close() has been called."""
        return getattr(self, "_handle", None) is None or self._closing

    def close(self) -> None:
        """Frees the C scenario. Safe to call more than once. A run in progress on another
        thread finishes first; the handle is freed when it does."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # never fully made
            return
        with lock:
            if self._handle is None or self._closing:
                return
            self._closing = True
            if self._users == 0:
                self._release_handle()

    def _release_handle(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # never raise from a finaliser
            pass

    def __enter__(self) -> "Scenario":
        self._check_open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " (closed)" if self.closed else ""
        kind = "portfolio" if getattr(self, "is_portfolio", False) else "scenario"
        return (f"<s75.Scenario {kind} {getattr(self, 'name', '')!r} from "
                f"{getattr(self, 'source', '?')!r}{state}>")

    def __copy__(self) -> "Scenario":
        # Immutable, like a tuple: a copy is the same object, never a second owner of the handle.
        return self

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Scenario":
        return self

    def __reduce__(self) -> Any:
        raise TypeError("a Scenario holds a C handle and cannot be pickled; pickle its file "
                        "path or text and load it again")

    def _check_open(self) -> None:
        if self.closed:
            raise ScenarioClosedError(f"the scenario {self.name!r} has been closed; load it "
                                      f"again to use it")

    def _acquire(self) -> c_void_p:
        """The handle, counted as in use so a close() on another thread waits for us."""
        with self._lock:
            self._check_open()
            self._users += 1
            return self._handle

    def _done(self) -> None:
        with self._lock:
            self._users -= 1
            if self._closing and self._users == 0:
                self._release_handle()

    # ---- running ----

    def _run(self, mode: int, threads: Any, progress: Optional[Progress]) -> c_void_p:
        """Runs in `mode` and returns the s75_result handle (the caller frees it)."""
        n_threads = _threads_arg(threads)
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be callable or None, not "
                            f"{type(progress).__name__}")
        failures: List[BaseException] = []

        def on_progress(done: float, _data: Optional[int]) -> None:
            # An exception cannot cross the C library; keep the first and raise it after.
            if failures or progress is None:
                return
            try:
                progress(done)
            except BaseException as e:  # noqa: B902 - re-raised after the run
                failures.append(e)

        callback = _lib.PROGRESS_FN(on_progress) if progress is not None else _lib.PROGRESS_FN()
        opts = _lib.CRunOptions(_lib.RUN_OPTIONS_VERSION, mode, n_threads, callback, None)
        lib = self._lib
        result = c_void_p()
        err = _lib.CError()
        handle = self._acquire()
        try:
            rc = lib.s75_run(byref(result), handle, byref(opts), byref(err))  # type: ignore
        finally:
            self._done()
        if rc != Status.OK or not result:
            raise _lib.error_from_c(err, rc)
        if failures:
            lib.s75_result_free(result)  # type: ignore[attr-defined]
            raise failures[0]
        return result

    def _render(self, result: c_void_p, fmt: int) -> str:
        lib = self._lib
        text = ctypes.POINTER(c_char)()
        length = c_size_t()
        err = _lib.CError()
        rc = lib.s75_result_render(byref(text), byref(length), result, fmt,  # type: ignore
                                   byref(err))
        if rc != Status.OK:
            raise _lib.error_from_c(err, rc)
        try:
            return ctypes.string_at(text, length.value).decode("utf-8", "replace")
        finally:
            lib.s75_free(text)  # type: ignore[attr-defined]

    def report(self, format: str = "text", mode: str = "run", threads: Optional[int] = None,
               progress: Optional[Progress] = None) -> str:
        """The report the CLI prints for ``s75 MODE FILE --format FORMAT``, as a str.

        format: "text", "csv", "tidy", "json" or "html"; mode: "run", "appraise", "simulate" or
        "monitor"; threads and progress as in :meth:`simulate`. An xlsx workbook has no
        text form: write it with :meth:`write_report`."""
        if format == "xlsx":
            raise ValueError("an xlsx workbook is written only to a file: use "
                             "write_report(path, format=\"xlsx\")")
        fmt = _choice(format, _lib.FORMATS, "format")
        m = _choice(mode, _lib.MODES, "mode")
        result = self._run(m, threads, progress)
        try:
            return self._render(result, fmt)
        finally:
            self._lib.s75_result_free(result)  # type: ignore[attr-defined]

    def write_report(self, path: PathArg, format: str = "html", mode: str = "run",
                     threads: Optional[int] = None, progress: Optional[Progress] = None) -> None:
        """Writes the report to `path` atomically (a failed write leaves no half-written
        file), as ``s75 MODE FILE --format FORMAT -o PATH`` does.

        format: "text", "csv", "json", "html" or "xlsx" (an Excel workbook, which only
        goes to a file)."""
        raw = _path_bytes(path)
        fmt = _choice(format, _lib.FILE_FORMATS, "format")
        m = _choice(mode, _lib.MODES, "mode")
        result = self._run(m, threads, progress)
        try:
            err = _lib.CError()
            rc = self._lib.s75_result_write_file(result, fmt, raw, byref(err))  # type: ignore
            if rc != Status.OK:
                raise _lib.error_from_c(err, rc)
        finally:
            self._lib.s75_result_free(result)  # type: ignore[attr-defined]

    def _document(self, mode: str, threads: Any = None,
                  progress: Optional[Progress] = None) -> Result:
        m = _choice(mode, _lib.MODES, "mode")
        result = self._run(m, threads, progress)
        try:
            doc = json.loads(self._render(result, _lib.FORMATS["json"]))
            return Result(doc, self._render(result, _lib.FORMATS["tidy"]))
        finally:
            self._lib.s75_result_free(result)  # type: ignore[attr-defined]

    def run(self) -> Result:
        """The deterministic run (``s75 run``): projection, workforce, demand, the
        deterministic appraisal and monitoring, as the JSON document of `--format json` (a
        :class:`Result`: a dict whose ``frame(section)`` gives a section as a table)."""
        return self._document("run")

    def appraise(self) -> Result:
        """``s75 appraise``: the run plus the SMAA appraisal. Raises ScenarioError when the
        scenario has no appraisal: block."""
        return self._document("appraise")

    def simulate(self, threads: Optional[int] = None,
                 progress: Optional[Progress] = None) -> Result:
        """``s75 simulate``: the run plus the Monte Carlo `simulation` section.

        threads: 1 to 1024, or None for every online core; the numbers are the same for
        any thread count. progress: an optional callable given the share done (0..1) now
        and then, possibly from another thread; if it raises, the exception is raised once
        the run has finished. Raises ScenarioError when the scenario has no uncertainty:
        block."""
        return self._document("simulate", threads, progress)

    def monitor(self) -> Result:
        """``s75 monitor``: the run with the in-year monitoring section. Raises
        ScenarioError when the scenario has no monitoring: block."""
        return self._document("monitor")

    # ---- goal seeking, two-way tables, statements ----

    def _take_text(self, text: Any, length: c_size_t) -> str:
        try:
            return ctypes.string_at(text, length.value).decode("utf-8", "replace")
        finally:
            self._lib.s75_free(text)  # type: ignore[attr-defined]

    def solve(self, vary: str, target: str, *, year: Optional[int] = None,
              range: Optional[Tuple[float, float]] = None,
              threads: Optional[int] = None) -> Dict[str, Any]:
        """``s75 solve``: the value of the input at path `vary` (any ``--set`` path;
        ``partners[*].KEY`` for every partner) that meets `target`: "variance=AMOUNT",
        "gap=AMOUNT", "p_overspend<=P" or "exposure:ID<=AMOUNT" (s75/solve.h), over
        the horizon or in financial `year` (2026 for 2026/27), searched over `range`
        (from, to) or the default. The file is loaded again, with this scenario's
        variant and overrides, for each trial value.

        Returns the JSON document as a dict; its ``["solve"]["set"]`` is the
        ``path=value`` override that reproduces the answer. Raises ScenarioError
        (ValueError-like usage errors included: a malformed target, from >= to)."""
        self._check_open()
        if not isinstance(vary, str) or not isinstance(target, str):
            raise TypeError("vary and target must be str")
        if self._origin is None:
            raise ValueError("this scenario was not loaded from a file or a string")
        raw, data, name, variant, overrides, tables = self._origin
        load = _LoadOptions(variant, overrides, tables)
        opts = _lib.CSolveOptions(_lib.SOLVE_OPTIONS_VERSION, vary.encode("utf-8"),
                                  target.encode("utf-8"), int(year or 0), 0, 0.0, 0.0,
                                  _threads_arg(threads), ctypes.pointer(load.struct))
        if range is not None:
            lo, hi = range
            opts.has_range, opts.from_, opts.to = 1, float(lo), float(hi)
        lib = self._lib
        handle = c_void_p()
        err = _lib.CError()
        if raw is not None:
            rc = lib.s75_solve_file(byref(handle), raw, byref(opts), byref(err))  # type: ignore
        else:
            rc = lib.s75_solve_string(byref(handle), data, len(data), name,  # type: ignore
                                      byref(opts), byref(err))
        if rc != Status.OK or not handle:
            raise _lib.error_from_c(err, rc)
        try:
            text = ctypes.POINTER(c_char)()
            length = c_size_t()
            rc = lib.s75_solve_render(byref(text), byref(length), handle,  # type: ignore
                                      _lib.FORMATS["json"], byref(err))
            if rc != Status.OK:
                raise _lib.error_from_c(err, rc)
            return json.loads(self._take_text(text, length))
        finally:
            lib.s75_solve_free(handle)  # type: ignore[attr-defined]

    def grid(self, x: Tuple[str, float, float, int], y: Tuple[str, float, float, int], *,
             measure: str = "variance", threads: Optional[int] = None) -> Dict[str, Any]:
        """``s75 grid``: `measure` ("variance", "variance:YEAR", "gap[:YEAR]",
        "share:ID[:YEAR]", "p_overspend[:YEAR]") over `steps` values of each of two
        inputs, x and y each (path, from, to, steps). Returns the JSON document as a
        dict: ``["grid"]["cells"][i][j]`` is the measure with y at its i-th value and
        x at its j-th."""
        self._check_open()
        if self._origin is None:
            raise ValueError("this scenario was not loaded from a file or a string")
        raw, data, name, variant, overrides, tables = self._origin
        load = _LoadOptions(variant, overrides, tables)

        def axis(a: Any, which: str) -> _lib.CGridAxis:
            try:
                path, lo, hi, steps = a
            except (TypeError, ValueError):
                raise TypeError(f"{which} must be (path, from, to, steps)") from None
            if not isinstance(path, str) or isinstance(steps, bool) or not isinstance(steps, int):
                raise TypeError(f"{which}: path is a str and steps an int")
            if steps < 0:
                raise ValueError(f"{which}: steps must be from 2 to 101, got {steps}")
            return _lib.CGridAxis(path.encode("utf-8"), float(lo), float(hi), steps)

        opts = _lib.CGridOptions(_lib.GRID_OPTIONS_VERSION, axis(x, "x"), axis(y, "y"),
                                 measure.encode("utf-8"), _threads_arg(threads),
                                 ctypes.pointer(load.struct))
        lib = self._lib
        handle = c_void_p()
        err = _lib.CError()
        if raw is not None:
            rc = lib.s75_grid_file(byref(handle), raw, byref(opts), byref(err))  # type: ignore
        else:
            rc = lib.s75_grid_string(byref(handle), data, len(data), name,  # type: ignore
                                     byref(opts), byref(err))
        if rc != Status.OK or not handle:
            raise _lib.error_from_c(err, rc)
        try:
            text = ctypes.POINTER(c_char)()
            length = c_size_t()
            rc = lib.s75_grid_render(byref(text), byref(length), handle,  # type: ignore
                                     _lib.FORMATS["json"], byref(err))
            if rc != Status.OK:
                raise _lib.error_from_c(err, rc)
            return json.loads(self._take_text(text, length))
        finally:
            lib.s75_grid_free(handle)  # type: ignore[attr-defined]

    def statement(self, partner: str, mode: str = "run",
                  threads: Optional[int] = None) -> Dict[str, Any]:
        """``s75 MODE FILE --partner ID --format json``: partner's one-page statement
        (s75/statement.h) as a dict. Raises ScenarioError for an unknown partner id."""
        if not isinstance(partner, str):
            raise TypeError("partner must be a str")
        m = _choice(mode, _lib.MODES, "mode")
        result = self._run(m, threads, None)
        lib = self._lib
        try:
            text = ctypes.POINTER(c_char)()
            length = c_size_t()
            err = _lib.CError()
            rc = lib.s75_statement_render(byref(text), byref(length), result,  # type: ignore
                                          partner.encode("utf-8"), _lib.FORMATS["json"],
                                          byref(err))
            if rc != Status.OK:
                raise _lib.error_from_c(err, rc)
            return json.loads(self._take_text(text, length))
        finally:
            lib.s75_result_free(result)  # type: ignore[attr-defined]
