"""A casebook's own templates are untrusted (git carries a colleague's commit): the sandbox, its limits, and
where templates may come from.

- ``t()`` formats only catalog messages, with plain fields: no attribute or index access from a template, ever
  (the whole class: every catalog message with hostile values; hypothesis format strings);
- a template that is a symbolic link out of ``templates/`` (``/etc/passwd``), a ``templates/`` folder that is a
  link out of the casebook, a FIFO, a huge or binary template: refused with a clear error;
- every way found to loop for ever or build a huge value (nested ranges, string and list repetition, powers,
  %-format and str.format widths, filter widths, namespace and macro doubling, include recursion) ends with one
  clear line, quickly (the limits are lowered for the test: the defaults are generous).
"""

from __future__ import annotations

import os
import string
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.i18n import LANGS, catalog, format_message, t
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import make_book, story_docs, write_docs

CASE = "2025-bzg-k7m2p"


class Probe:
    """A value a template could pass to ``t()``: reaching any attribute of it is a leak."""

    secret = "PROBE-LEAK-7f3"

    def __format__(self, spec: str) -> str:
        return "probe"

    def __str__(self) -> str:
        return "probe"


ATTACKS = ["{x.__class__}", "{x.__init__.__globals__}", "{x[0]}", "{x.secret}", "{x!r}", "{x:{y}}",
           "{x:>999999999}", "{0}", "{x.__class__.__mro__[1].__subclasses__()}"]


@pytest.mark.parametrize("key", ATTACKS)
def test_t_never_formats_an_unknown_key(key: str) -> None:
    assert t(key, x=Probe(), y=3) == key  # returned as it is, never formatted


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalog_message_takes_only_plain_fields(lang: str) -> None:
    """The whole class: each message of the catalog, given a probe for each of its fields, shows no attribute."""
    for key, text in catalog(lang).items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert all(f.isidentifier() for f in fields), (key, fields)
        out = t(key, lang, **{f: Probe() for f in fields})
        assert "PROBE-LEAK" not in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}[]!:.x0_ab|>^%s123")), max_size=30))
def test_format_message_never_reaches_attributes(text: str) -> None:
    try:
        out = format_message(text, x=Probe(), a=1, b="b")
    except (ValueError, KeyError, IndexError):
        return
    assert "PROBE-LEAK" not in out and len(out) < 1000


# -- templates of the casebook --------------------------------------------------------------------------------


@pytest.fixture
def story(tmp_path: Path) -> Path:
    book = make_book(tmp_path / "cb")
    write_docs(book, CASE, story_docs())
    (book.root / "templates").mkdir()
    # every signatory the Litmas prints is set: the one line on stderr is the template's own
    added = invoke(["officers", "add", "Budi Santoso, S.H.", "--role", "kasubsi", "--section", "BKD", "--nip",
                    "197805142003121001"], casebook=book.root)
    assert added.exit_code == 0, added.output
    return book.root


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Limits small enough for a test (the defaults: 20 s, 32 MB, 1 GB of memory)."""
    from bapascase.reports import env

    limits = env.Limits(seconds=2.0, output_chars=2_000_000, value_chars=500_000, memory_bytes=512 * 1024 * 1024)
    monkeypatch.setattr(env, "LIMITS", limits)
    return limits


def report(root: Path, *extra: str) -> Any:
    return invoke(["report", CASE, "--kind", "litmas", *extra], casebook=root)


LOOPS = {
    "nested ranges": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "nested ranges printing": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "list repetition loops": "{% for a in [1] * 99999 %}{% for b in [1] * 99999 %}{% endfor %}{% endfor %}",
    "string repetition": '{{ "x" * 1000000000 }}',
    "list repetition": "{{ ([1] * 100000000) | length }}",
    "power": "{{ 9 ** 99999999 }}",
    "percent width": '{{ "%0999999999d" % 1 }}',
    "percent star width": '{{ "%*d" % (999999999, 1) }}',
    "format width": '{{ "{:>999999999}".format(1) }}',
    "format nested width": '{{ "{:{}}".format(1, 999999999) }}',
    "center filter": '{{ "x" | center(999999999) }}',
    "indent filter": '{{ "x\ny" | indent(999999999) }}',
    "format filter": '{{ "%0999999999d" | format(1) }}',
    "namespace doubling": '{% set ns = namespace(s="xx") %}{% for i in range(80) %}{% set ns.s = ns.s ~ ns.s %}'
                          "{% endfor %}{{ ns.s | length }}",
    "macro doubling": '{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ f("xx", 80) }}',
    "include itself": '{% include "litmas.j2" %}',
    "join doubling": '{% set ns = namespace(l=["x"]) %}{% for i in range(80) %}{% set ns.l = ns.l + ns.l %}'
                     "{% endfor %}{{ ns.l | length }}",
    "replace blowup": '{{ ("x" * 400000) | replace("", "y" * 400000) }}',
    "wordwrap": '{{ "x" | wordwrap(999999999) }}',
    "mutation": "{% set l = [] %}{{ l.append(1) }}",
    "python internals": "{{ r.__class__.__init__.__globals__ }}",
    "t attribute walk": '{{ t("{x.__init__.__globals__}", x=r) }}',
}


@pytest.mark.parametrize("name", list(LOOPS))
def test_a_hostile_template_ends_quickly_with_one_clear_line(story: Path, quick: Any, name: str) -> None:
    (story / "templates" / "litmas.j2").write_text(LOOPS[name], encoding="utf-8")
    started = time.monotonic()
    result = report(story)
    assert time.monotonic() - started < quick.seconds + 8
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    if name == "t attribute walk":  # t() gives an unknown key back as it is: no globals reached
        assert "globals" in result.stdout  # the key itself, escaped for Markdown
        assert "<function" not in result.stdout and "<module" not in result.stdout and "environ" not in result.stdout
        return
    assert_clean_exit(result, 1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "litmas" in result.stderr or "Templat" in result.stderr


def test_a_template_that_is_a_link_out_is_refused(story: Path) -> None:
    (story / "templates" / "litmas.j2").symlink_to("/etc/passwd")
    result = report(story)
    assert_clean_exit(result, 1)
    assert "templates/litmas.j2" in result.stderr and "root:" not in result.output


def test_an_include_of_a_link_out_is_refused(story: Path) -> None:
    (story / "templates" / "passwd.j2").symlink_to("/etc/passwd")
    (story / "templates" / "litmas.j2").write_text('{% include "passwd.j2" %}', encoding="utf-8")
    result = report(story)
    assert_clean_exit(result, 1)
    assert "passwd.j2" in result.stderr and "root:" not in result.output


def test_a_templates_folder_that_is_a_link_out_is_refused(story: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "litmas.j2").write_text("{{ r.case.identity.name }}", encoding="utf-8")
    (story / "templates").rmdir()
    (story / "templates").symlink_to(outside)
    result = report(story)
    assert_clean_exit(result, 1)
    assert "templates/" in result.stderr
    check = invoke(["check"], casebook=story)
    assert_clean_exit(check, 1)
    assert "templates" in check.stderr


def test_a_link_inside_templates_is_fine(story: Path) -> None:
    (story / "templates" / "mine.j2").write_text('{% extends "default/litmas.j2" %}', encoding="utf-8")
    (story / "templates" / "litmas.j2").symlink_to("mine.j2")
    assert_clean_exit(report(story), 0)


def test_special_and_oversized_templates_are_refused(story: Path) -> None:
    path = story / "templates" / "litmas.j2"
    os.mkfifo(path)
    result = report(story)
    assert_clean_exit(result, 1)
    assert "litmas.j2" in result.stderr and "bukan berkas biasa" in result.stderr
    path.unlink()
    path.write_bytes(b"x" * (1024 * 1024 + 10))
    result = report(story)
    assert_clean_exit(result, 1)
    assert "litmas.j2" in result.stderr and "terlalu besar" in result.stderr and "KB" in result.stderr
    path.write_bytes(b"\xff\xfe{{ 1 }}")
    result = report(story)
    assert_clean_exit(result, 1)
    assert "UTF-8" in result.stderr


def test_the_limits_leave_a_real_report_alone(story: Path, quick: Any) -> None:
    """A casebook override extending the built-in renders the whole Litmas in the sandbox, within the limits."""
    (story / "templates" / "litmas.j2").write_text(
        '{% extends "default/litmas.j2" %}{% block sec_penutup %}Demikian.{% endblock %}', encoding="utf-8")
    for fmt in ("md", "html"):
        result = report(story, "--format", fmt)
        assert_clean_exit(result, 0)
        assert "Demikian." in result.stdout


def test_the_timer_is_put_back(story: Path, quick: Any) -> None:
    import signal

    (story / "templates" / "litmas.j2").write_text(LOOPS["nested ranges"], encoding="utf-8")
    before = signal.getsignal(signal.SIGALRM)
    assert_clean_exit(report(story), 1)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
