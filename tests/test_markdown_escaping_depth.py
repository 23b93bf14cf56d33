"""Markdown escaping at the right depth: in the Markdown environment, text joined to a macro's output (``~``, ``+``,
``join``) is escaped for Markdown, as when printed alone, never for HTML (``&amp;``) and never left live (a
``[x](javascript:...)`` link). Fixed in the environment (``reports.env.md_concat`` and its compiler), so no template
can bring the bug back; the HTML environment is unchanged.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.reports import markdown as mdx
from bapascase.reports.env import make_env

MACRO = "{% macro m() %}**aman**{% endmacro %}"
HOSTILE = ["[x](javascript:alert(1))", "A & B <b>tebal</b>", "- bukan daftar", "1. bukan nomor", "# bukan judul",
           "*miring* _garis_ `kode` | pipa", "![gambar](http://pelacak.invalid/x.png)", "Rp1.500.000 (tiga)"]
JOINS = {
    "tilde": "{{ s ~ m() }}",
    "tilde after": "{{ m() ~ s }}",
    "tilde nested": "{{ (s ~ ', ') ~ (m() ~ (' – ' ~ s)) }}",
    "plus": "{{ m() + s }}",
    "join": "{{ [m(), s] | join(', ') }}",
    "join attribute": "{{ [{'a': m()}, {'a': s}] | join(', ', attribute='a') }}",
}


@pytest.fixture(params=[False, True], ids=["plain", "sandboxed"])
def md_env(request: pytest.FixtureRequest) -> object:
    return make_env("md", None, sandboxed=request.param)


@pytest.mark.parametrize("join", list(JOINS))
@pytest.mark.parametrize("text", HOSTILE)
def test_text_joined_to_a_macro_is_escaped_for_markdown(md_env: object, join: str, text: str) -> None:
    out = md_env.from_string(MACRO + JOINS[join]).render(s=text)  # type: ignore[attr-defined]
    alone = md_env.from_string("{{ s }}").render(s=text)  # type: ignore[attr-defined]
    assert "**aman**" in out
    assert "&amp;" not in out and "&lt;" not in out
    # the same escaping as the text printed alone (a list or number mark only escaped where a line starts)
    assert alone in out or mdx.escape_md_part(text, line_start=False) in out
    html = mdx.to_html(out)
    assert "<a " not in html and "<img" not in html and "<b>" not in html


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and "\n" not in s and "\r" not in s))
def test_first_part_escaped_exactly_as_alone(text: str) -> None:
    env = make_env("md", None, sandboxed=False)
    alone = env.from_string("{{ s }}").render(s=text)
    joined = env.from_string(MACRO + "{{ s ~ m() }}").render(s=text)
    assert joined == alone + "**aman**"


def test_plain_concatenation_is_as_before() -> None:
    """No safe part: a plain string, escaped as a whole when printed (the leading list mark included)."""
    env = make_env("md", None, sandboxed=False)
    assert env.from_string("{{ a ~ b }}").render(a="- x", b=" & y") == r"\- x \& y"
    assert env.from_string("{{ a + b }}|{{ 1 + 2 }}|{{ [1, 2] | join('-') }}").render(a="*", b="_") == r"\*\_|3|1-2"


def test_html_environment_is_unchanged() -> None:
    env = make_env("html", None, sandboxed=False)
    out = env.from_string(MACRO + "{{ s ~ m() }}|{{ [m(), s] | join(', ') }}").render(s="A & <b>")
    assert out == "A &amp; &lt;b&gt;**aman**|**aman**, A &amp; &lt;b&gt;"
