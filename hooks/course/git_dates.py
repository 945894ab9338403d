"""When each page of docs/ last changed, from the project's git history, in one `git log`.

A page's "Last update" is the author date of the newest commit that changed its text: a rename
alone is no update (the page keeps the date of its last edit, under its new name), a rename with
edits is one. A page with no commit yet (new, or a copy of the project without its history) has
none here, and the caller shows the build date instead.

Why not the git-revision-date-localized plugin, which did this until issue 18: it asks git once
per page (a `git log` process for each, behind a pool of worker processes), about 1 s of CPU per
100 lessons in a repository and a pool's start-up even outside one. One `git log` over docs/
reads the whole history at once: tens of milliseconds for this course.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

# The month names of an American English date ("December 2, 2026"): the course is written in it,
# and a fixed table does not depend on the machine's locale as strftime's %B does.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_COMMIT = "\x01"  # starts each commit's header in the log below (no path can contain it)


def last_changes(docs_dir: Path) -> dict[str, int]:
    """{path relative to docs_dir: author time (Unix seconds) of its last change} for every file
    with a commit. Empty when docs_dir is not in a git repository or git is not installed."""
    try:
        completed = subprocess.run(
            # -z: NUL-separated, so no path is quoted or split; --relative: paths from docs_dir.
            ["git", "-c", "core.quotePath=false", "log", "-z", "-M", "--name-status", "--relative",
             f"--format={_COMMIT}%at", "--", "."],
            cwd=docs_dir, capture_output=True, check=False,
        )
    except OSError:  # no git on this machine
        return {}
    if completed.returncode != 0:  # not a repository, or one without a commit yet
        return {}
    return changes_from_log(completed.stdout.decode("utf-8", "surrogateescape"))


def changes_from_log(log: str) -> dict[str, int]:
    """The newest change of each path in `git log -z -M --name-status --format=<_COMMIT>%at`
    output (newest commit first), under the name each path has now."""
    changed: dict[str, int | None] = {}  # None: deleted since, so older changes do not count
    renamed_to: dict[str, str] = {}  # an older name -> the name the file has now
    tokens = iter(log.split("\0"))
    author_time = 0
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith(_COMMIT):
            author_time = int(token[1:])
            continue
        if not token:
            continue
        status = token[0]
        if status in "RC":  # a rename or copy: score, old path, new path
            old, new = next(tokens), next(tokens)
            current = renamed_to.get(new, new)
            if status == "R":
                renamed_to[old] = current
            if status == "C" or token[1:] != "100":  # a copy is a new file; a rename, only if edited too
                changed.setdefault(current, author_time)
            continue
        path = next(tokens)
        current = renamed_to.get(path, path)
        changed.setdefault(current, None if status == "D" else author_time)
    return {path: stamp for path, stamp in changed.items() if stamp is not None}


def date_text(timestamp: float) -> str:
    """The date a learner reads, in UTC: "December 2, 2026"."""
    day = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
