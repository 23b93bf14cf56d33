"""What a parser says of a file it cannot read reaches an officer in the officer's language.

The YAML of a hand-edited case file (libyaml and PyYAML alike), the JSON of an answers file and Jinja's messages
about an office's own template were passed on in English inside an Indonesian line ("YAML: did not find expected
alphabetic or numeric character", "JSON: Expecting ',' delimiter", "Encountered unknown tag 'endfor'"). Each
known message now has a sentence in the catalog; an unknown one keeps the parser's words after a sentence of ours.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from bapascase.i18n import set_lang
from tests.helpers import ROOT, assert_clean_exit, invoke

# a file that makes each problem a parser can raise on a safe load (libyaml's and PyYAML's words differ)
BROKEN_YAML = {
    "anchor without a name": "a: &\nb: 1\n",
    "alias without a name": "a: *\n",
    "colon in a value": "a: b: c\n",
    "uneven keys": "a:\n  b: 1\n c: 2\n",
    "list and keys mixed": "a:\n  - 1\n  b: 2\n",
    "list not closed": "a: [1, 2\nb: 3\n",
    "braces not closed": "a: {x: 1\nb: 3\n",
    "quote not closed": "a: \"abc\n",
    "single quote not closed": "a: 'abc\n",
    "at sign": "a: @x\n",
    "backtick": "a: `x\n",
    "tab indent": "a:\n\tb: 1\n",
    "undefined alias": "a: *x\n",
    "unknown escape": "a: \"\\q\"\n",
    "bad hex escape": "a: \"\\xZZ\"\n",
    "bad unicode escape": "a: \"\\ud800\"\n",
    "list as key": "? [1]\n: 2\n",
    "python tag": "a: !!python/object x\n",
    "local tag": "a: !foo x\n",
    "undefined tag handle": "a: !x!y z\n",
    "tag uri escape": "a: !<%zz> x\n",
    "verbatim tag not closed": "a: !<tag:x x\n",
    "control character": "a: \x07b\n",
    "NUL": "a: \x00\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "YAML 2.0": "%YAML 2.0\n---\na: 1\n",
    "directive twice": "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "directive name": "%Y@ML 1.1\n---\na: 1\n",
    "empty directive": "%\na: 1\n",
    "block indicator 0": "a: |0\n  x\n",
    "block header text": "a: |x\n  x\n",
    "document end inside a list": "a: [1,\n...\n",
    "anchor twice": "a: &x 1\nb: &x 2\nc: *x\n",
    "value after a quote": "a: \"x\" y\n",
    "lone closing bracket": "]\n",
    "separator in a quote": "a: \"x\n---\ny\"\n",
    "merge of a value": "<<: 1\n",
    "percent sign": "a: %x\n",
}

# what PyYAML reads where libyaml refuses (a lone surrogate escape): nothing to say
PYTHON_READS = {"bad unicode escape"}

ENGLISH = ("did not find", "expected", "found", "not allowed", "cannot", "while scanning", "occurrence")


@pytest.fixture(params=["C", "Python"])
def loader(request: pytest.FixtureRequest) -> type:
    if request.param == "C":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("no libyaml here")
        return yaml.CSafeLoader
    return yaml.SafeLoader


def _said(text: str, loader: type) -> str:
    from bapascase.store import yamlio

    with pytest.raises(yaml.YAMLError) as exc:
        yaml.load(text, Loader=loader)
    return yamlio._problem(exc.value, text)


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_every_yaml_problem_is_said_in_the_users_language(name: str, loader: type) -> None:
    text = BROKEN_YAML[name]
    if name in PYTHON_READS and loader is yaml.SafeLoader:
        yaml.load(text, Loader=loader)
        return
    said = _said(text, loader)
    assert "pembaca YAML" not in said, (name, said)  # a sentence of the catalog, not the fallback
    assert not any(word in said for word in ENGLISH), (name, said)
    set_lang("en")
    try:
        assert "YAML reader" not in _said(text, loader)
    finally:
        set_lang("id")


def test_a_tab_is_named_whichever_parser_reads_it(loader: type) -> None:
    assert "tab" in _said("a:\n\tb: 1\n", loader)


def test_mangled_case_files_never_fall_back_to_the_parsers_words(loader: type) -> None:
    """A thousand hand edits gone wrong, made by cutting and inserting YAML's own characters in the demo's
    files: every problem they raise has its sentence."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "cases").rglob("*.yaml"))[:30]]
    pieces = [*":-[]{}&*!|>'\"#%@`,?\t\n \\<=~", "---", "...", "%YAML 1.1", "!!", "\x07", "&a", "*a", "<<: 1", "\\x"]
    rng = random.Random(20261201)
    unknown = set()
    for _ in range(1000):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(pieces) + text[at + rng.randint(0, 2):]
        try:
            yaml.load(text, Loader=loader)
        except yaml.YAMLError as exc:
            from bapascase.store import yamlio

            said = yamlio._problem(exc, text)
            if "pembaca YAML" in said:
                unknown.add(getattr(exc, "problem", None))
    assert not unknown


def test_a_problem_not_known_keeps_the_parsers_words_behind_ours() -> None:
    from bapascase.store import yamlio

    exc = yaml.YAMLError()
    exc.problem = "something new in a later libyaml"  # type: ignore[attr-defined]
    said = yamlio._problem(exc, "")
    assert said == "isi YAML tidak dapat dibaca di sini (pembaca YAML: something new in a later libyaml)"


def test_the_loaders_own_sentences_are_kept() -> None:
    from bapascase.errors import BapascaseError
    from bapascase.store import yamlio

    with pytest.raises(BapascaseError) as exc:
        yamlio.loads("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert exc.value.render() == "f.yaml:3: YAML: kunci 'a' ditulis dua kali (pertama di baris 1); hapus salah satunya"


def test_a_broken_case_file_is_one_indonesian_line_naming_file_and_line(tmp_path: Path) -> None:
    from tests.helpers import make_casebook

    book = make_casebook(tmp_path / "cb")
    case = book.root / "cases" / "2026-abc-x1y2z"
    case.mkdir(parents=True)
    (case / "case.yaml").write_text("id: 2026-abc-x1y2z\nclient:\n  name: &\n", encoding="utf-8")
    result = invoke(["check"], casebook=book.root)
    assert_clean_exit(result, 1)
    lines = [ln for ln in result.stderr.splitlines() + result.stdout.splitlines() if "case.yaml" in ln]
    assert any("case.yaml:3" in ln and "nama jangkar (&) atau alias (*)" in ln for ln in lines), lines
    assert not any("alphabetic" in ln for ln in lines)


BROKEN_JSON = {
    '{"a": }': "nilai yang diharapkan tidak ada",
    '{"a" 1}': "titik dua (:) setelah kunci tidak ada",
    '{"a": 1 "b": 2}': "koma (,) di antara dua butir tidak ada",
    "{a: 1}": "kunci harus diapit tanda kutip ganda",
    '{"a": 1,}': "kunci harus diapit tanda kutip ganda",
    '{"a": "x': "tidak ditutup",
    '{"a": "x\ny"}': "baris baru atau tab di dalam teks",
    '{"a": "\\q"}': "escape",
    '{"a": "\\u12"}': "escape",
    "{} {}": "ada isi lagi setelah dokumen selesai",
    "[1,]": "nilai yang diharapkan tidak ada",
    "": "nilai yang diharapkan tidak ada",
}


@pytest.mark.parametrize("text", sorted(BROKEN_JSON))
def test_every_json_problem_is_said_in_the_users_language(text: str) -> None:
    from bapascase.errors import DataError
    from bapascase.store.documents import parse_json

    with pytest.raises(DataError) as exc:
        parse_json(text, "j.json")
    message = exc.value.problems[0].message
    assert message.startswith("JSON: ") and BROKEN_JSON[text] in message, message
    assert "Expecting" not in message and "Invalid" not in message


def test_a_broken_answers_file_names_its_line_in_indonesian(tmp_path: Path) -> None:
    from tests.helpers import make_casebook

    book = make_casebook(tmp_path / "cb")
    answers = tmp_path / "jawaban.json"
    answers.write_text('{\n  "client": {"name": "Budi"\n  "sex": "L"}\n}\n', encoding="utf-8")
    result = invoke(["new", "--answers", str(answers)], casebook=book.root)
    assert_clean_exit(result, 1)
    line = result.stderr.strip()
    assert "\n" not in line
    assert "jawaban.json:3" in line and "koma (,) di antara dua butir tidak ada" in line, line
    json.loads('{"ok": 1}')  # the module is not shadowed


BROKEN_TEMPLATES = {
    "{% if x %}a": "templat berakhir sebelum blok 'if' ditutup (diharapkan {% elif %} / {% else %} / {% endif %})",
    "{% for a in b %}x": "templat berakhir sebelum blok 'for' ditutup (diharapkan {% endfor %} / {% else %})",
    "{% foo %}": "tag 'foo' tidak dikenal",
    "{{ x y }}": "diharapkan '}}', tertulis 'y'",
    "{% if x y %}{% endif %}": "diharapkan '%}', tertulis 'y'",
    "{{ x }": "'}' tidak diharapkan di sini",
    "{# abc": "komentar yang dibuka dengan {# tidak ditutup dengan #}",
    "{% endif %}": "tag 'endif' tidak dikenal",
    "{{ 'abc }}": "karakter ' tidak boleh di sini",
    "{% set %}": "nama atau nilai diharapkan, tertulis '%}'",
    "{% if x %}{% endfor %}": "tag 'endfor' di tempat yang salah: blok 'if' belum ditutup",
    "{{ x(1, }}": "'}' tidak diharapkan di sini; diharapkan ')'",
    "{% raw %}x": "blok raw tidak ditutup",
    "{{ nope }}": "'nope' tidak dikenal di templat",
    "{{ d.nope }}": "'nope' tidak dikenal di sini",
    "{{ ''.__class__ }}": "akses ke '__class__' tidak diizinkan di templat casebook",
    "{{ 1|nofilter }}": "penyaring 'nofilter' tidak ada",
    "{% if 1 is notest %}{% endif %}": "uji 'notest' tidak ada",
}


@pytest.mark.parametrize("body", sorted(BROKEN_TEMPLATES))
def test_every_template_problem_is_said_in_the_users_language(body: str) -> None:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from bapascase.reports.render import error_message

    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.TemplateError) as exc:
        env.from_string(body).render(d={})
    said = error_message(exc.value)
    assert BROKEN_TEMPLATES[body] in said, said
    assert "Jinja" not in said


def test_an_unknown_template_problem_keeps_jinjas_words() -> None:
    from bapascase.reports.template_errors import template_message

    assert template_message("a brand new complaint") == \
        "templat tidak dapat dibaca atau dijalankan (Jinja: a brand new complaint)"
    assert template_message("a brand new complaint", "en") == \
        "the template cannot be read or run (Jinja: a brand new complaint)"


def test_template_check_says_a_word_templates_mistake_in_indonesian(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("{{p body }}")
    d.add_paragraph("{% if r.anonymized %}tanpa nama")
    d.add_paragraph("{% endfor %}")
    path = tmp_path / "rusak.docx"
    d.save(str(path))
    r = invoke(["template", "check", str(path)])
    assert_clean_exit(r, 1)
    text = r.stderr
    assert "Unexpected" not in text and "Encountered" not in text, text
    assert "kesalahan sintaks: tag 'endfor' tidak dikenal" in text or "blok 'if'" in text, text
