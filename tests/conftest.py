"""Shared fixtures: one real strict build per session, throwaway project copies, the nav."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import PROJECT_DIR, NavBlock, copy_project, load_mkdocs_config, nav_blocks_of, run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    result = run_build(PROJECT_DIR, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result.site_dir


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of the site (what `make offline` zips), built once per test session."""
    result = run_build(PROJECT_DIR, tmp_path_factory.mktemp("site-offline"), extra_env={"COURSE_OFFLINE": "true"})
    assert result.returncode == 0, result.output
    return result.site_dir


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def mkdocs_config() -> dict:
    return load_mkdocs_config()


@pytest.fixture(scope="session")
def nav_blocks(mkdocs_config: dict) -> list[NavBlock]:
    return nav_blocks_of(mkdocs_config)
