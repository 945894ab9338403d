"""The Material partials the course copied and changed are still copies of the installed Material's.

overrides/partials/ holds a few of Material's own partials with small, commented changes (where no
template block reaches). When a Dependabot pull request moves Material to a new version, Material's
original may have changed, and the course's copy would quietly keep the old markup. This test
records a hash of each original the copies were made from: when it fails, diff Material's new
partial against the old one, carry the change into the course's copy, and update the hash here
(MAINTAINING.md, "Checking a Dependabot pull request").
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from site_helpers import PROJECT_DIR

# Material partial -> sha256 of the original the course's copy was made from (Material 9.8.2).
COPIED_FROM = {
    "header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
    "toc-item.html": "418f31ce2e6d559934f610084a5c8493f9618b96268909601552ac48aa0c15c2",
    "search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "progress.html": "f7596002950a7d9f415e1d10d6da4e87af6039f854911875b680ea70522360f4",
    "source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
}

OVERRIDES = PROJECT_DIR / "overrides" / "partials"


def material_partials() -> Path:
    spec = importlib.util.find_spec("material")
    assert spec and spec.origin, "Material for MkDocs is not installed"
    return Path(spec.origin).parent / "templates" / "partials"


def test_every_copied_material_partial_is_listed() -> None:
    # A partial of ours that shares a name with one of Material's replaces it: it must be listed.
    ours = {path.name for path in OVERRIDES.glob("*.html")}
    theirs = {path.name for path in material_partials().glob("*.html")}
    assert ours & theirs == set(COPIED_FROM), "list each copied Material partial in COPIED_FROM"


@pytest.mark.parametrize("name", sorted(COPIED_FROM))
def test_material_has_not_changed_the_original_of_a_copied_partial(name: str) -> None:
    original = (material_partials() / name).read_bytes()
    assert hashlib.sha256(original).hexdigest() == COPIED_FROM[name], (
        f"Material's partials/{name} changed since overrides/partials/{name} was copied from it: "
        "carry Material's change into the copy, then update its hash in this test"
    )
