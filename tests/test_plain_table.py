"""The plain table of a long caseload (``cli.common.plain_table``): the layout ``list``, ``due`` and ``stats`` print
for thousands of rows. It is built with one ``str.format`` per row; these tests hold it to the straightforward
algorithm it replaced (every cell cleaned, ``ljust`` to the widest cell, two spaces apart, the end of each line
stripped), with hostile cells: control characters, bidi overrides, non-text values, wide and empty cells."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.cli.common import plain_table
from bapascase.terminal import clean


def reference(headers: list[str], rows: list[list[Any]], title: str | None = None) -> str:
    """The layout as first written: cell by cell."""
    rows = [[clean(c) for c in r] for r in rows]
    headers = [clean(h) for h in headers]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines = [clean(title)] if title else []
    lines += [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return "\n".join(lines) + "\n"


def test_columns_are_aligned_and_lines_end_without_space() -> None:
    text = plain_table(["ID", "Nama", "Petugas"], [["2026-abc-1", "Budi", ""], ["2026-x", "Siti Aminah", "Rina"]],
                       "Kasus (2)")
    assert text == ("Kasus (2)\n"
                    "ID          Nama         Petugas\n"
                    "----------  -----------  -------\n"
                    "2026-abc-1  Budi\n"
                    "2026-x      Siti Aminah  Rina\n")


def test_unsafe_cells_are_cleaned_before_they_are_measured() -> None:
    text = plain_table(["ID", "Nama"], [["a", "x\x1b[31my"], ["b", "\u202eevil"], ["c", 42]])  # type: ignore[list-item]
    assert "\x1b" not in text and "\u202e" not in text
    assert text == reference(["ID", "Nama"], [["a", "x\x1b[31my"], ["b", "\u202eevil"], ["c", 42]])


def test_no_rows_gives_the_headers() -> None:
    assert plain_table(["ID", "Nama"], []) == "ID  Nama\n--  ----\n"


def test_a_row_of_the_wrong_length_is_a_bug_not_a_shifted_column() -> None:
    with pytest.raises(ValueError):
        plain_table(["ID", "Nama"], [["a", "b", "c"]])


cell = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(["", " ", "\t", "\n", "\x1b[2J", "\u202e", "\x7f", "{}", "{0}", "{:>9}", "%s", "ü", "中文"]),
    st.integers(), st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=5).flatmap(
    lambda n: st.tuples(st.lists(cell, min_size=n, max_size=n),
                        st.lists(st.lists(cell, min_size=n, max_size=n), max_size=8),
                        st.one_of(st.none(), cell.filter(lambda c: isinstance(c, str))))))
def test_same_text_as_the_cell_by_cell_layout(table: tuple[list[Any], list[list[Any]], str | None]) -> None:
    headers, rows, title = table
    assert plain_table(headers, rows, title) == reference(headers, rows, title)


def test_a_terminal_too_narrow_for_the_columns_gets_one_block_per_row() -> None:
    from bapascase.cli.common import stacked

    text = stacked(["Jatuh tempo", "ID", "Apa"],
                   [["3 Nov 2026 terlambat 27 hari", "2026-rcp-9bt4w", "Tidak wajib lapor 3x berturut-turut: usulan"],
                    ["30 Nov 2026", "2026-ncp-3xq8d", ""]], "Jatuh tempo (2)", 40)
    assert text == ("Jatuh tempo (2)\n\n"
                    "Jatuh tempo: 3 Nov 2026 terlambat 27\n  hari\nID: 2026-rcp-9bt4w\n"
                    "Apa: Tidak wajib lapor 3x\n  berturut-turut: usulan\n\n"
                    "Jatuh tempo: 30 Nov 2026\nID: 2026-ncp-3xq8d\n")
    assert all(len(line) <= 40 for line in text.splitlines())


def test_due_and_list_at_40_columns_cut_no_word() -> None:
    """``due`` at 40 columns cropped "Monitoring/wajib lapor" to "Monitor"/"ajib la" and dropped the PK column."""
    from tests.helpers import ROOT, assert_clean_exit, invoke

    for command in ("due", "list"):
        result = invoke([command, *(["--days", "3660"] if command == "due" else [])], casebook=ROOT,
                        env={"COLUMNS": "40"})
        assert_clean_exit(result, 0)
        # (a note under the table, "* ...", is one line: the terminal wraps it)
        assert all(len(line) <= 40 for line in result.stdout.splitlines() if not line.startswith("*"))
        assert "PK: " in result.stdout
        assert ("Apa: " if command == "due" else "Akhir bimbingan: ") in result.stdout


def test_find_shows_the_supervision_status() -> None:
    """A closed case found by name must not look like an active one."""
    from tests.helpers import ROOT, assert_clean_exit, invoke

    result = invoke(["find", "Syahrial"], casebook=ROOT, env={"COLUMNS": "200"})
    assert_clean_exit(result, 0)
    assert "Pengawasan" in result.stdout and "Berakhir" in result.stdout


@pytest.mark.parametrize("width", [60, 70, 72, 80, 100])
def test_due_at_narrow_widths_wraps_between_words_and_cuts_none(width: int) -> None:
    """``due`` at 80 columns cut "Monitoring/wajib" into "Monitoring/wa" and "jib": no column was given more than
    12 columns for its words. Every word of every cell is now whole on one line, and the table within the width."""
    import re

    from tests.helpers import ROOT, assert_clean_exit, invoke

    result = invoke(["due", "--days", "3660"], casebook=ROOT, env={"COLUMNS": str(width)})
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    cells = " ".join(re.split(r"[│┃|]", result.stdout))
    for word in ("Monitoring/wajib", "berturut-turut:", "pencabutan", "2026-rcp-9bt4w", "Pertiwi"):
        assert word in cells, (width, word)


def test_columns_share_what_is_left_narrowest_first() -> None:
    from bapascase.cli.common import column_widths

    headers = ["Jatuh tempo", "ID", "Apa"]
    rows = [["3 Nov 2026 terlambat 28 hari", "2026-rcp-9bt4w", "Monitoring/wajib lapor; berturut-turut: usulan"]]
    assert column_widths(headers, rows, (1,), 200) == [28, 14, 46]  # all on one line
    widths = column_widths(headers, rows, (1,), 60)
    assert widths is not None and sum(widths) + 3 * 3 + 1 <= 60
    assert widths[0] >= len("Jatuh tempo") and widths[2] >= len("Monitoring/wajib")
    assert column_widths(headers, rows, (1,), 30) is None  # stacked instead
