"""Markdown that could run script in a learner's browser is found, wherever it hides; code examples are not."""

from __future__ import annotations

import pytest

from course import CourseError
from course.safety import fences, refuse_unsafe_html, unsafe_html

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
    "in front matter": '---\ntitle: X\ndescription: "<script>alert(1)</script>"\n---\n\nText.\n',
    "in a quiz": "<quiz>\nQ?\n- [x] <img src=x onerror=alert(1)>\n- [ ] B\n> No.\n\nWhy.\n</quiz>\n",
    "in an unclosed fence": "```\n<script>alert(1)</script>\n",
    "in a fence left by a less indented line": "  ```\n<script>alert(1)</script>\n  ```\n",
    "in a fence with options": "``` { .html }\n<script>alert(1)</script>\n```\n",
    "in a mermaid diagram": "``` mermaid\nflowchart LR\n  A[\"<img src=x onerror=alert(1)>\"]\n```\n",
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


def test_refuse_raises_the_first_problem() -> None:
    with pytest.raises(CourseError, match=r"docs/a.md:2: raw <iframe> tag"):
        refuse_unsafe_html("a.md", "Text.\n<iframe></iframe>\n<script></script>\n")


def test_fences_are_found_with_their_language() -> None:
    assert fences("a\n``` mermaid\nx\n```\n\n````markdown\n```\n````\n") == [(2, 4, "mermaid"), (6, 8, "markdown")]
