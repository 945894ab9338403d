"""The one error type a contributor sees: file, line, what is wrong, how to fix it."""

from __future__ import annotations


class CourseError(Exception):
    """A mistake in the course's source files, worded for the person who made it.

    The course rules return them as values (a list of problems); code that must stop at a
    mistake raises one. ``Problem`` is the same type, under the name the rules use.
    """

    def __init__(self, src_path: str, problem: str, fix: str, line: int | None = None) -> None:
        self.src_path = src_path
        self.problem = problem
        self.fix = fix
        self.line = line
        super().__init__(str(self))

    @property
    def where(self) -> str:
        """`docs/<file>:<line>` (paths are relative to docs/, except for the site configuration)."""
        path = self.src_path if self.src_path == "mkdocs.yml" else f"docs/{self.src_path}"
        return path + (f":{self.line}" if self.line else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.problem} — {self.fix}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CourseError):
            return NotImplemented
        return (self.src_path, self.line, self.problem, self.fix) == (other.src_path, other.line, other.problem, other.fix)

    def __hash__(self) -> int:
        return hash((self.src_path, self.line, self.problem, self.fix))

    def sort_key(self) -> tuple[int, str, int]:
        """mkdocs.yml first, then files and lines in order."""
        return (self.src_path != "mkdocs.yml", self.src_path, self.line or 0)


Problem = CourseError
