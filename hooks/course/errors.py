"""The one error type a contributor sees: file, line, what is wrong, how to fix it."""

from __future__ import annotations


class CourseError(Exception):
    """A mistake in the course's source files, worded for the person who made it."""

    def __init__(self, src_path: str, problem: str, fix: str, line: int | None = None) -> None:
        self.src_path = src_path
        self.problem = problem
        self.fix = fix
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        # Paths are relative to docs/, except for the site configuration itself.
        path = self.src_path if self.src_path == "mkdocs.yml" else f"docs/{self.src_path}"
        where = path + (f":{self.line}" if self.line else "")
        return f"{where}: {self.problem} — {self.fix}"
