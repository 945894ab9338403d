"""The course rules: each fails on its own bad page in tests/lint_corpus/, with its message and line,
and the clean page passes, also with a byte order mark or Windows line ends. The lint tool adds
spelling and Markdown style to the same rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus_helpers import GOOD_LESSON, Case, bad_cases, check_case, good_cases, lint_tool
from course.check import ANY_PAGE_RULES, COURSE_RULES, PAGE_RULES, check_course
from course.rules.scaffold import unfinished_markers
from course.site import config_chain, read_site_config
from course.source import PageSource
from site_helpers import PROJECT_DIR

LINT = PROJECT_DIR / "tools" / "lint_lessons.py"
BAD = bad_cases()


def problems_of(case: Case) -> list[str]:
    return [str(problem) for problem in check_case(case).problems]


def test_the_corpus_covers_every_rule() -> None:
    assert len(BAD) >= 80
    assert len(ANY_PAGE_RULES) + len(PAGE_RULES) + len(COURSE_RULES) >= 35


@pytest.mark.parametrize("case", good_cases(), ids=lambda case: case.name)
def test_the_good_lesson_passes_in_any_line_ending_and_with_a_byte_order_mark(case: Case) -> None:
    assert problems_of(case) == []


@pytest.mark.parametrize("case", BAD, ids=lambda case: case.name)
def test_each_bad_page_fails_with_its_message_and_line(case: Case) -> None:
    expected = case.expected(case.mkdocs_yml())
    assert expected, f"{case.path.name} states no expectation"
    reported = problems_of(case)
    assert len(reported) == len(expected), reported
    for expectation in expected:
        found = [problem for problem in reported if problem.startswith(f"{expectation.where}: ")]
        assert any(expectation.message in problem for problem in found), (expectation, reported)
    assert all(" — " in problem for problem in reported), f"no fix given: {reported}"


def test_the_problems_come_in_file_and_line_order() -> None:
    text = GOOD_LESSON.read_text().replace("## Key points", "<script>x</script>\n\n## Key points").replace(
        "An opening paragraph.", "An opening paragraph.\n\n<iframe></iframe>"
    )
    lines = [problem.line for problem in check_case(Case(GOOD_LESSON.with_name("two-problems.md"), text.encode())).problems]
    assert lines == sorted(lines) and len(lines) == 2


def test_examples_in_code_fences_are_not_checked() -> None:
    example = '```markdown\n# A title\n\n!!! definition\n\n<quiz>\nNo answers\n</quiz>\n\n![](https://example.org/x.png)\n```\n'
    text = GOOD_LESSON.read_text().replace("An opening paragraph.\n", "An opening paragraph.\n\n" + example)
    assert problems_of(Case(GOOD_LESSON.with_name("good-with-examples.md"), text.encode())) == []


def test_a_nav_without_the_generated_glossary_is_reported_at_the_nav() -> None:
    check = check_course("site_name: x\nnav:\n  - index.md\n", {"index.md": b"---\ntitle: Home\n---\n\nWelcome.\n"})
    assert [str(problem) for problem in check.problems] == [
        "mkdocs.yml:2: the nav does not list 'glossary.md', the page the build generates from the lessons' definitions"
        " — add '  - Glossary: glossary.md' to the nav, after the last learning block"
    ]


def test_broken_mkdocs_yml_is_one_located_problem() -> None:
    check = check_course("site_name: x\nnav:\n  - [index.md\n", {"index.md": b"Welcome.\n"})
    assert len(check.problems) == 1 and str(check.problems[0]).startswith("mkdocs.yml:4: the site configuration is not valid YAML")


def test_pages_are_told_apart_by_the_nav() -> None:
    site = read_site_config(
        "site_name: x\nmarkdown_extensions:\n  - a:\n      f: !!python/name:x.y\nplugins:\n  - b:\n      on: !ENV [X, false]\n"
        "nav:\n  - Home: index.md\n  - Block:\n      - 01-b/index.md\n      - Intro: 01-b/01-intro.md\n  - glossary.md\n"
    )
    assert site.kinds() == {"index.md": "page", "01-b/index.md": "block", "01-b/01-intro.md": "lesson", "glossary.md": "page"}
    assert [entry.line for entry in site.entries] == [9, 11, 12, 13]


def test_a_configuration_that_inherits_keeps_its_parent_s_not_in_nav_and_toc(tmp_path: Path) -> None:
    """MkDocs' INHERIT: the nav is the file's own, pages left out of the nav and the toc settings may
    come from the file it inherits from (the benchmark's copies of the course are written so)."""
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "mkdocs.yml").write_text(
        "site_name: x\nnot_in_nav: |\n  /sheet.md\nmarkdown_extensions:\n  - toc:\n      separator: _\nnav:\n  - other.md\n"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base/mkdocs.yml\nnav:\n  - index.md\n  - glossary.md\n")
    mkdocs_yml, *inherited = (text.decode() for text in config_chain(tmp_path / "mkdocs.yml"))
    assert len(inherited) == 1
    site = read_site_config(mkdocs_yml, inherited)
    assert [entry.src_path for entry in site.entries] == ["index.md", "glossary.md"]
    assert site.not_in_nav == ("/sheet.md",) and site.toc_separator == "_"
    pages = {"index.md": b"---\ntitle: Home\n---\n\nWelcome.\n", "sheet.md": b"---\ntitle: Sheet\n---\n\nA sheet.\n"}
    assert check_course(mkdocs_yml, pages, inherited_configs=inherited).problems == ()
    assert any("not in the mkdocs.yml nav" in str(problem) for problem in check_course(mkdocs_yml, pages).problems)


def test_file_and_folder_names_with_spaces_or_accents_are_named_with_the_name_to_use() -> None:
    page = b"---\ntitle: A lesson\n---\n\nText.\n"
    check = check_course(
        "site_name: x\nnav:\n  - index.md\n  - Block:\n      - 01-b/index.md\n      - 01-b/My lesson.md\n  - glossary.md\n",
        {"index.md": b"---\ntitle: Home\n---\n\nHome.\n", "01-b/index.md": page, "01-b/My lesson.md": page, "Caf\u00e9/x.md": page},
    )
    messages = [str(problem) for problem in check.problems]
    assert any(
        message.startswith("docs/01-b/My lesson.md:1: the file name 'My lesson.md' has spaces and has capitals")
        and "rename it to 'my-lesson.md'" in message
        for message in messages
    ), messages
    assert any("the folder name 'Caf\u00e9' has capitals and has accents" in message for message in messages), messages


def run_lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(LINT), "--project", str(project)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def one_page_project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n  - glossary.md\n")
    return tmp_path


def test_spelling_mistakes_are_reported_with_the_word_list(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\nThe team recieved feedback.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 1
    assert "docs/index.md:5: 'recieved' looks misspelled — write 'received'; if the word is right, add it to tools/lint/codespell-words.txt" in result.stdout


def test_british_spellings_are_reported_in_the_pages_and_the_rest_of_the_project(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\nPick a colour.\n")
    (one_page_project / "overrides/partials").mkdir(parents=True)
    (one_page_project / "overrides/partials/footer.html").write_text("<p>The licence is CC BY 4.0.</p>\n")
    (one_page_project / "docs/assets").mkdir()
    (one_page_project / "docs/assets/site.css").write_text("/* Centred on the page. */\nbody { color: black; }\n")
    (one_page_project / "README.md").write_text("# A course\n\nHow it is organised.\n")
    config = one_page_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - index.md\n", "  - Behaviour: index.md\n"))
    result = run_lint(one_page_project)
    assert result.returncode == 1
    british = "is British spelling; the course is written in American English — write"
    for where, word, fix in [
        ("docs/index.md:5", "colour", "color"),
        ("overrides/partials/footer.html:1", "licence", "license"),
        ("docs/assets/site.css:1", "Centred", "Centered"),
        ("README.md:3", "organised", "organized"),
        ("mkdocs.yml:3", "Behaviour", "Behavior"),
    ]:
        assert f"{where}: '{word}' {british} '{fix}'" in result.stdout, result.stdout


def test_accepted_words_are_one_a_line_with_a_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lint = lint_tool()
    words = tmp_path / "codespell-words.txt"
    words.write_text("# Exceptions.\n\ncolour  # a quoted book title\nCentre  # a proper name\n")
    monkeypatch.setattr(lint, "CODESPELL_WORDS", words)
    assert lint._accepted_words() == ["colour", "Centre"]
    (tmp_path / "README.md").write_text("The Colour of Money, at the Centre, in the centre.\n")
    found = [str(problem) for problem in lint.project_spelling_problems(tmp_path)]
    assert len(found) == 1 and found[0].startswith("README.md:1: 'centre' is British spelling"), found


def test_markdown_style_problems_are_reported(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\n## A heading\nText right under it.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 1
    assert "docs/index.md:5: Markdown style MD022: Headings should be surrounded by blank lines" in result.stdout
    assert "— leave a blank line above and below the heading" in result.stdout


def test_a_clean_project_passes(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\nWelcome to the course.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All 1 pages pass the lesson lint." in result.stdout


def test_a_byte_order_mark_and_windows_line_ends_give_no_style_problems(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: Home\r\n---\r\n\r\n## A heading\r\n\r\nWelcome.\r\n")
    result = run_lint(one_page_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_page_in_another_encoding_is_reported_not_crashed_on(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_bytes("---\ntitle: Home\n---\n\nCaf\u00e9 au lait.\n".encode("cp1252"))
    result = run_lint(one_page_project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "docs/index.md:5: the file is not UTF-8 text: it looks like Windows-1252" in result.stdout
    assert "iconv -f WINDOWS-1252 -t UTF-8" in result.stdout


def test_each_inherited_key_comes_from_the_nearest_configuration_that_sets_it() -> None:
    child = "INHERIT: parent.yml\nnav:\n  - index.md\n"
    parent = "INHERIT: grandparent.yml\nnot_in_nav: |\n  /near.md\n"
    grandparent = "not_in_nav: |\n  /far.md\nmarkdown_extensions:\n  - toc:\n      separator: _\n"
    site = read_site_config(child, [parent, grandparent])
    assert site.not_in_nav == ("/near.md",) and site.toc_separator == "_"


@pytest.mark.parametrize(
    ("line", "marker"),
    [("The example is Coming Soon.", "Coming Soon"), ("Fill in later (tbd).", "tbd"), ("FIXME: the numbers", "FIXME")],
)
def test_unfinished_work_is_found_in_any_case(line: str, marker: str) -> None:
    page = PageSource("a.md", f"# A page\n\n{line}\n")
    assert [(problem.line, problem.problem.split("'")[1]) for problem in unfinished_markers(page)] == [(3, marker)]


@pytest.mark.parametrize("line", ["Use `TODO` comments in code.", "Our todos and placeholders live in the tracker."])
def test_code_and_other_words_are_no_unfinished_work(line: str) -> None:
    assert list(unfinished_markers(PageSource("a.md", f"# A page\n\n{line}\n"))) == []
