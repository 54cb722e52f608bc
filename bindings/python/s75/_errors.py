"""Exceptions and error reports of the s75 bindings.

Library failures carry the same fields as the C ``s75_error``: a status code,
the file, line and column of the offending value, its field path and the
message. A place that is not known (an error about no file, or about the file
as a whole) is ``None`` rather than the C library's 0 or empty string.
"""
from __future__ import annotations

import enum
import errno
from dataclasses import dataclass, field
from typing import Optional, Sequence, Tuple


class Status(enum.IntEnum):
    """The library's status codes (``s75_status`` in s75/error.h)."""

    OK = 0
    EINVAL = -1    #: invalid input: a scenario value, or a bad argument
    ENOMEM = -2    #: an allocation failed
    EIO = -3       #: a file could not be read or written
    ELIMIT = -4    #: a safety limit (file size, nesting, aliases, ...) was hit
    ENUMERIC = -5  #: a computation has no answer (no root, overflow)
    EUSAGE = -6    #: the API was called wrongly

    @classmethod
    def from_code(cls, code: int) -> "Status | int":
        """The Status for a code, or the bare int for a code this version does not know."""
        try:
            return cls(code)
        except ValueError:
            return code


def _place(file: Optional[str], line: Optional[int], column: Optional[int],
           path: Optional[str]) -> str:
    """The ``file:line:column: path: `` prefix, laid out as the C library lays it out."""
    where = ""
    if file and line:
        where = f"{file}:{line}:{column or 0}: "
    elif file:
        where = f"{file}: "
    return where + (f"{path}: " if path else "")


@dataclass(frozen=True)
class Diagnostic:
    """One error found in a scenario file, as ``s75 validate`` lists it.

    Attributes:
        file: the file the error is in (an included file when it is there), or None.
        line: 1-based line, or None when the error is not about a place in a file.
        column: 1-based column, or None.
        path: the field path such as ``"workforce[2].wte"``, or None.
        message: the bare message, e.g. ``"must be >= 0, got -3"``.
        code: the status code (usually ``Status.EINVAL``).
        formatted: the whole line as the library formats it (may be empty when
            the Diagnostic was made in Python).

    ``str(diagnostic)`` is the whole line the CLI prints:
    ``"hv.yaml:14:9: workforce[2].wte: must be >= 0, got -3"``.
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    path: Optional[str]
    message: str
    code: "Status | int" = Status.EINVAL
    formatted: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return self.formatted or _place(self.file, self.line, self.column, self.path) + self.message


class Error(Exception):
    """Base class of every exception the s75 bindings raise on purpose."""


class LibraryError(Error):
    """libs75 could not be used: not found, or not a version these bindings speak."""


class LibraryNotFoundError(LibraryError):
    """No loadable libs75 was found.

    Attributes:
        tried: every (place, reason) pair tried, in order.
    """

    def __init__(self, tried: Sequence[Tuple[str, str]], hint: str = "") -> None:
        self.tried = list(tried)
        lines = ["libs75 could not be loaded; tried:"]
        lines += [f"  {place}: {reason}" for place, reason in self.tried]
        if hint:
            lines.append(hint)
        super().__init__("\n".join(lines))


class LibraryVersionError(LibraryError):
    """The libs75 found is of a major version these bindings were not written for.

    Attributes:
        path: where the library was loaded from.
        found: the version string the library reports.
        expected_major: the major version these bindings speak.
    """

    def __init__(self, path: str, found: str, expected_major: int) -> None:
        self.path = path
        self.found = found
        self.expected_major = expected_major
        super().__init__(
            f"libs75 at {path} is version {found!r}, but these bindings need major version "
            f"{expected_major} ({expected_major}.x.y); install the bindings that came with "
            f"that library, or point S75_LIBRARY at a libs75 {expected_major}.x")


class ScenarioError(Error):
    """A scenario could not be loaded or run.

    Attributes:
        code: the status code (``Status.EINVAL`` for bad input, ``Status.EIO`` for an
            unreadable file, ...).
        file, line, column, path: where the problem is; None when not known.
        message: the bare message, e.g. ``"must be >= 0, got -3"``.

    ``str(error)`` is the whole line the CLI prints for the same failure:
    ``"hv.yaml:14:9: workforce[2].wte: must be >= 0, got -3"``.
    """

    def __init__(self, code: "Status | int", message: str, file: Optional[str] = None,
                 line: Optional[int] = None, column: Optional[int] = None,
                 path: Optional[str] = None, formatted: str = "") -> None:
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        super().__init__(formatted or _place(file, line, column, path) + message)

    @property
    def diagnostic(self) -> Diagnostic:
        """The same error as a Diagnostic."""
        return Diagnostic(self.file, self.line, self.column, self.path, self.message,
                          self.code, str(self))

    @classmethod
    def from_diagnostic(cls, d: Diagnostic) -> "ScenarioError":
        """The exception for a Diagnostic."""
        return cls(d.code, d.message, d.file, d.line, d.column, d.path, str(d))


class ScenarioFileNotFoundError(ScenarioError, FileNotFoundError):
    """The scenario file (or a file it includes) does not exist: a ScenarioError that is
    also Python's FileNotFoundError, so ``except FileNotFoundError`` catches it as it
    catches ``open()``'s. ``filename`` is the missing file."""

    def __init__(self, *args: object, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.errno = errno.ENOENT
        self.strerror = self.message
        self.filename = self.file

    def __str__(self) -> str:
        # the line the CLI prints, not OSError's "[Errno 2] ..."
        return str(self.args[0]) if self.args else self.message


class ScenarioClosedError(Error, ValueError):
    """A Scenario was used after close(); like Python's files, a ValueError."""
