"""Markdown that could run script in a learner's browser is found, wherever it hides; code examples are not."""

from __future__ import annotations

import pytest

from course.errors import CourseError
from course.rules import safety
from course.source import PageSource
from course.text import fences


def unsafe_html(src_path: str, text: str) -> list[CourseError]:
    return list(safety.unsafe_html(PageSource(src_path, text)))


def from_other_hosts(text: str) -> list[CourseError]:
    return list(safety.resources_from_other_hosts(PageSource("a.md", text)))

UNSAFE = {
    "script": "Text.\n\n<script>alert(1)</script>\n",
    "upper-case script": "<SCRIPT src=x.js></SCRIPT>\n",
    "iframe": '<iframe src="https://example.org"></iframe>\n',
    "object": '<object data="x.swf"></object>\n',
    "embed": '<embed src="x.swf">\n',
    "style": "<style>body { display: none }</style>\n",
    "handler": '<img src="a.png" alt="A" onerror="alert(1)">\n',
    "handler on a tag split over lines": '<div class="box"\n     onmouseover="alert(1)">\n</div>\n',
    "handler in an attribute list": "[Read on](next.md){ onclick=\"alert(1)\" }\n",
    "javascript link": "[Read on](javascript:alert(1))\n",
    "javascript link with entities": "[Read on](&#106;avascript&colon;alert(1))\n",
    "javascript link split by a tab": '<a href="java\tscript:alert(1)">Read on</a>\n',
    "javascript link split over two lines": '<a href="java\nscript:alert(1)">Read on</a>\n',
    "javascript link in capitals": "[Read on](JAVASCRIPT:alert(1))\n",
    "vbscript link with a tab entity": "[Read on](vb&Tab;script:msgbox(1))\n",
    "javascript reference definition": "[Read on][x]\n\n[x]: javascript:alert(1)\n",
    "in front matter": '---\ntitle: X\ndescription: "<script>alert(1)</script>"\n---\n\nText.\n',
    "in a quiz": "<quiz>\nQ?\n- [x] <img src=x onerror=alert(1)>\n- [ ] B\n> No.\n\nWhy.\n</quiz>\n",
    "in an unclosed fence": "```\n<script>alert(1)</script>\n",
    "in a fence left by a less indented line": "  ```\n<script>alert(1)</script>\n  ```\n",
    "in a fence with options": "``` { .html }\n<script>alert(1)</script>\n```\n",
    "in a mermaid diagram": "``` mermaid\nflowchart LR\n  A[\"<img src=x onerror=alert(1)>\"]\n```\n",
    "form": '<form action="https://example.org"><input name="q"></form>\n',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=https://example.org">\n',
    "base": '<BASE href="https://example.org/">\n',
    "link": '<link rel="stylesheet" href="x.css">\n',
    "data URL in a link": "[Open](data:text/plain;base64,aGk=)\n",
    "data URL with entities": '<a href="&#100;&#97;ta:image/svg+xml,x">x</a>\n',
    "data URL in an image": "![A dot](data:image/png;base64,iVBORw0KGgo=)\n",
    "javascript in an attribute list": '[Read on](next.md){ href="javascript:alert(1)" }\n',
    "handler on a heading's attribute list": '## Title {: onclick="alert(1)" }\n',
}

SAFE = {
    "a fenced example": "```html\n<script>alert(1)</script>\n```\n",
    "a tilde fence": "~~~\n<iframe src=x></iframe>\n~~~\n",
    "a fence in an admonition": "!!! example\n    ```\n    <script>x</script>\n    ```\n",
    "a longer fence around a shorter one": "````markdown\n```\n<script>x</script>\n```\n````\n",
    "layout HTML": '<figure class="diagram" markdown>\n\n<figcaption>Caption.</figcaption>\n</figure>\n<div class="bmc-canvas" markdown>\n</div>\n',
    "prose about events": "Based on = feedback, the team acts on it. See assets/javascripts/x.js.\n",
}


@pytest.mark.parametrize("text", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_markdown_is_found(text: str) -> None:
    problems = unsafe_html("01-a/01-b.md", text)
    assert problems, text
    assert all(str(problem).startswith("docs/01-a/01-b.md:") and " — " in str(problem) for problem in problems)


@pytest.mark.parametrize("text", SAFE.values(), ids=SAFE.keys())
def test_code_examples_and_layout_are_allowed(text: str) -> None:
    assert unsafe_html("a.md", text) == []


def test_the_line_of_each_problem_is_given() -> None:
    text = "Line one.\n\n```\n<script>in code</script>\n```\n\n<p onclick=\"go()\">x</p>\n\n[x](javascript:go())\n"
    assert [(problem.line, problem.problem.split(":")[0]) for problem in unsafe_html("a.md", text)] == [
        (7, "inline event handler 'onclick='"),
        (9, "'javascript"),
    ]


def test_every_problem_is_reported_not_only_the_first() -> None:
    problems = unsafe_html("a.md", "Text.\n<iframe></iframe>\n<script></script>\n")
    assert [str(problem).split(" tag")[0] for problem in problems] == ["docs/a.md:2: raw <iframe>", "docs/a.md:3: raw <script>"]


OTHER_HOSTS = {
    "a Markdown image": ("![A chart](https://example.org/chart.png)\n", "image"),
    "an HTML image": ('<img alt="A chart" src="//example.org/chart.png">\n', "image"),
    "a responsive image": ('<img alt="A chart" src="chart.png" srcset="chart.png 1x, https://example.org/big.png 2x">\n', "image"),
    "a video": ('<video src="https://example.org/talk.mp4"></video>\n', "video"),
    "a video's poster": ('<video src="talk.mp4" poster="https://example.org/p.png"></video>\n', "video"),
    "an audio source": ('<audio controls><source src="https://example.org/a.mp3"></audio>\n', "media file"),
    "a background in a style": ('<div style="background:url(\'https://example.org/x.png\')">x</div>\n', "style's image"),
    "a background in an attribute list": ('A note.\n{: style="background: url(https://example.org/x.png)" }\n', "style's image"),
}


@pytest.mark.parametrize(("text", "what"), OTHER_HOSTS.values(), ids=OTHER_HOSTS.keys())
def test_what_loads_from_another_site_is_found(text: str, what: str) -> None:
    problems = from_other_hosts(text)
    assert len(problems) == 1 and f"this {what} is loaded from another site" in str(problems[0]), problems


def test_links_to_other_sites_and_local_files_are_fine() -> None:
    text = '[A talk](https://example.org/talk)\n\n![A chart](chart.png)\n\n<a href="https://example.org">x</a>\n```html\n<img src="https://example.org/x.png">\n```\n'
    assert from_other_hosts(text) == [] and unsafe_html("a.md", text) == []


def test_fences_are_found_with_their_language() -> None:
    assert fences("a\n``` mermaid\nx\n```\n\n````markdown\n```\n````\n") == [(2, 4, "mermaid"), (6, 8, "markdown")]
