"""Careless or hostile curated data files, proven by attack: each is refused with one short
line naming file, line, record and field (a :class:`~kg.core.errors.DataError`), never
loaded with a value silently lost, never a traceback, a giant line or a memory blow-up.

Facts the attacks change come from the paper (``/work/shared/seed/000_a91e641535a880c8.txt``):
Scale AI, a Global Innovation Cluster (Table 1, line 503 of the text); the GIC budget of
CAD 750 million (section 3.3, line 544); CAD, the Canadian Dollar (list of abbreviations,
line 107); Spain's 176 cluster organisations (section 3.2 and Table 4, line 631).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from kg.core import errors
from kg.data.jsonfile import parse_json
from kg.data.limits import MAX_DEPTH, invisible, may_be_invisible
from kg.data.load import folder_files, load_records
from kg.data.paper import read_paper
from tests.test_safety import kg, one_line_error

MINI = Path(__file__).parent / "fixtures" / "mini" / "facts.yaml"
#: Scale AI's record in clusters.yaml (Table 1).
SCALE_AI_LABEL = "  label: Scale AI\n"
#: The GIC budget row of observations.yaml (section 3.3: CAD 750 million).
GIC_BUDGET = "{id: gic-budget-cad, observedEntity: gic, value: 750000000,"


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace the one occurrence of ``old`` in ``folder/name``; the line it starts on."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def refused(folder: Path, error: type[errors.DataError]) -> str:
    """The message ``load_records`` refuses the folder with, the folder's path left out."""
    with pytest.raises(error) as caught:
        load_records(folder_files(folder))
    message = str(caught.value)
    assert "\n" not in message and len(message) < 500, message[:1000]
    return message.replace(f"{folder}/", "")


def refused_extra(tmp_path: Path, text: str, error: type[errors.DataError]) -> str:
    """The message a small data set (the golden-test slice) plus ``text`` is refused with."""
    (tmp_path / "zz.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(error) as caught:
        load_records([MINI, tmp_path / "zz.yaml"])
    message = str(caught.value)
    assert "\n" not in message and len(message) < 500, message[:1000]
    return message.replace(f"{tmp_path}/", "")


# -- 1. a key given twice is an error, not a silent overwrite ------------------------------

def test_a_second_label_is_refused_not_silently_kept(data_copy):
    line = edit(data_copy, "clusters.yaml", SCALE_AI_LABEL, SCALE_AI_LABEL + "  label: Scale\n")
    assert refused(data_copy, errors.DuplicateKeyError) == (
        f"clusters.yaml:{line + 1}: record 'scale-ai', field 'label': found 'label', "
        f"expected each key once in a mapping (first at line {line})")


def test_a_second_source_is_refused_not_dropping_citations(data_copy):
    sources = "  source: [table-1, section-5-2, section-3-3, section-4-2, section-5-1, footnote-64]\n"
    line = edit(data_copy, "clusters.yaml", sources, sources + "  source: table-1\n")
    assert refused(data_copy, errors.DuplicateKeyError) == (
        f"clusters.yaml:{line + 1}: record 'scale-ai', field 'source': found 'source', "
        f"expected each key once in a mapping (first at line {line})")


def test_a_key_twice_in_an_observation_row_is_refused(data_copy):
    line = edit(data_copy, "observations.yaml", GIC_BUDGET,
                GIC_BUDGET.replace("observedEntity: gic,", "observedEntity: gic, value: 1,"))
    assert refused(data_copy, errors.DuplicateKeyError) == (
        f"observations.yaml:{line}: record 'gic-budget-cad', field 'value': found 'value', "
        f"expected each key once in a mapping (first at line {line})")


def test_a_key_twice_in_an_inline_quote_is_refused(tmp_path):
    text = ("- id: x\n  type: Programme\n  label: X\n  source: table-1\n"
            "  startYear: {value: 2022, source: table-1,\n    quote: 2022, quote: 2023}\n")
    assert refused_extra(tmp_path, text, errors.DuplicateKeyError) == (
        "zz.yaml:6: record 'x', field 'startYear.quote': found 'quote', "
        "expected each key once in a mapping (first at line 6)")


def test_a_record_twice_in_the_quote_file_is_refused_at_the_second(data_copy):
    line = edit(data_copy, "quotes.json", '  "abbr-cad": [', '  "abbr-cad": [],\n  "abbr-cad": [')
    assert refused(data_copy, errors.DuplicateKeyError) == (
        f"quotes.json:{line + 1}: record 'abbr-cad', field 'abbr-cad': found 'abbr-cad', "
        f"expected each key once in an object (first at line {line})")


def test_a_key_twice_in_a_quote_file_entry_is_refused_at_its_line(data_copy):
    entry = '{"field": "expansion", "value": "Canadian Dollar",'
    line = edit(data_copy, "quotes.json", entry, entry + '\n      "value": "Dollar",')
    assert refused(data_copy, errors.DuplicateKeyError) == (
        f"quotes.json:{line + 1}: record 'abbr-cad', field 'value': found 'value', "
        f"expected each key once in an object (first at line {line})")


def test_the_json_line_is_the_second_occurrence_not_a_nested_namesake():
    text = '{"quotes": {\n "a": [{"a": 1}],\n "b": [],\n "a": []\n}}'
    with pytest.raises(errors.DuplicateKeyError) as caught:
        parse_json(text, "q.json")
    assert str(caught.value) == ("q.json:4: record 'a', field 'a': found 'a', "
                                 "expected each key once in an object (first at line 2)")


# -- 2. anchors and aliases, and the loader's own key -----------------------------------------

BOMB = "".join(["- id: x\n  type: Country\n  label: X\n  source: table-1\n  __line__:\n",
                '    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
                *(f"    {b}: &{b} [{','.join([f'*{a}'] * 9)}]\n"
                  for a, b in zip("abcdefgh", "bcdefghi", strict=True)),
                "  altLabel: *i\n"])


def test_an_alias_bomb_is_refused_in_one_short_line(data_copy, tmp_path):
    assert len(BOMB.encode()) < 700  # 9**9 "lol"s once expanded
    (data_copy / "zz.yaml").write_text(BOMB, encoding="utf-8")
    line = one_line_error(kg("build", "--data", str(data_copy), "--out", str(tmp_path / "out"),
                             timeout=60))
    assert line.endswith("zz.yaml:6: found '&a', expected a value written out (anchors and "
                         "aliases are not allowed in data files)")
    assert len(line) < 300 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, line, found", [
    ("- {id: x, type: Country, label: &name X, source: table-1}\n", 1, "&name"),
    ("- &record\n  id: x\n  type: Country\n  label: X\n  source: table-1\n", 1, "&record"),
    ("- {id: x, type: Country, label: X, source: [&t table-1]}\n"
     "- {id: y, type: Country, label: Y,\n   source: [*t]}\n", 1, "&t"),
], ids=["anchor on a value", "anchor on a record", "anchor and alias"])
def test_any_anchor_or_alias_is_refused(tmp_path, text, line, found):
    assert refused_extra(tmp_path, text, errors.AnchorAliasError) == (
        f"zz.yaml:{line}: found {found!r}, expected a value written out (anchors and aliases "
        f"are not allowed in data files)")


def test_ampersands_and_asterisks_in_text_are_not_anchors(tmp_path):
    # Humphrey, J. & Schmitz, H. (2002), cited in footnote 3; "R&D" as in Figure 14.
    text = ('- {id: x, type: Country, label: "R&D &co *starred*", source: table-1,\n'
            "   altLabel: [Humphrey, J. & Schmitz, H., 'a *b', R&D&I]}\n")
    (tmp_path / "zz.yaml").write_text(text, encoding="utf-8")
    assert load_records([MINI, tmp_path / "zz.yaml"])["x"].values("altLabel")[-1] == "R&D&I"


def test_the_loaders_own_line_key_is_refused(tmp_path, data_copy):
    assert refused_extra(tmp_path, "- {id: x, type: Country, label: X, source: table-1,\n"
                         "   __line__: 99}\n", errors.ReservedKeyError) == (
        "zz.yaml:2: record 'x', field '__line__': found '__line__', "
        "expected a field name (__line__ is the loader's own key)")
    entry = '{"field": "expansion", "value": "Canadian Dollar",'
    line = edit(data_copy, "quotes.json", entry, entry + ' "__line__": 1,')
    assert refused(data_copy, errors.ReservedKeyError).startswith(
        f"quotes.json:{line}: record 'abbr-cad', field '__line__'")


# -- 3. nesting depth -----------------------------------------------------------------------

@pytest.mark.parametrize("depth", [MAX_DEPTH, 330, 999, 5000])
def test_deep_nesting_is_refused_in_one_line(tmp_path, depth):
    text = ("- {id: x, type: Country, label: X, source: table-1,\n   altLabel: "
            + "[" * depth + "a" + "]" * depth + "}\n")
    message = refused_extra(tmp_path, text, errors.NestingTooDeepError)
    assert message.startswith("zz.yaml:")
    assert message.endswith(f"expected lists and mappings nested at most {MAX_DEPTH} levels deep")


def test_deep_block_nesting_is_refused_at_its_line(tmp_path):
    # The file's list and the record are 2 levels, altLabel's mappings k0, k1... the rest.
    text = "- id: x\n  type: Country\n  label: X\n  source: table-1\n  altLabel:\n" + "".join(
        f"{'  ' * (level + 2)}k{level}:\n" for level in range(MAX_DEPTH)) + f"{'  ' * 34}v\n"
    too_deep = MAX_DEPTH - 2  # k30 starts the 33rd level, on line 6 + 30
    keys = ".".join(["altLabel"] + [f"k{level}" for level in range(too_deep)])
    assert refused_extra(tmp_path, text, errors.NestingTooDeepError) == (
        f"zz.yaml:{6 + too_deep}: record 'x', field '{keys}': found 'more than {MAX_DEPTH} "
        f"levels', expected lists and mappings nested at most {MAX_DEPTH} levels deep")


@pytest.mark.parametrize("tag", ["omap", "pairs", "set"])
def test_collection_tags_that_would_hide_nesting_are_refused(tmp_path, tag):
    text = "- {id: x, type: Country, label: X, source: table-1,\n   altLabel: " + (
        f"!!{tag} [ {{a: " * 400 + "1" + "} ]" * 400 if tag != "set" else "!!set {a, b}") + "}\n"
    assert refused_extra(tmp_path, text, errors.DataError) == (
        f"zz.yaml:2: record 'x', field 'altLabel': found '!!{tag}', expected a plain list or "
        f"mapping (no !!omap, !!pairs or !!set)")


@pytest.mark.parametrize("depth", [40, 900, 100_000])
def test_deep_nesting_in_the_quote_file_is_refused_at_its_line(data_copy, depth):
    line = edit(data_copy, "quotes.json", '"value": "Canadian Dollar"',
                '"value": ' + "[" * depth + "1" + "]" * depth)
    assert refused(data_copy, errors.NestingTooDeepError).startswith(
        f"quotes.json:{line}: record 'abbr-cad', field 'value': found 'more than {MAX_DEPTH} "
        f"levels'")


def test_deep_nesting_ends_in_one_line_not_a_traceback(data_copy, tmp_path):
    (data_copy / "zz.yaml").write_text("- {id: x, type: Country, label: X, source: table-1, "
                                       "altLabel: " + "[" * 500 + "]" * 500 + "}\n")
    line = one_line_error(kg("build", "--data", str(data_copy), "--out", str(tmp_path / "out"),
                             timeout=60))
    assert "zz.yaml:1: record 'x', field 'altLabel'" in line and "RecursionError" not in line


# -- 4. an error line is never huge ---------------------------------------------------------

def test_a_megabyte_value_is_shown_cut_to_a_few_hundred_characters(tmp_path):
    huge = "x" * 1_000_000
    message = str(errors.DataError("a.yaml", 1, huge, huge, huge, "text"))
    assert len(message) < 1000 and message.count("…") == 3
    text = f"- {{id: x, type: Programme, label: X, startYear: '{huge}', source: table-1}}\n"
    message = refused_extra(tmp_path, text, errors.WrongTypeError)
    assert message == (f"zz.yaml:1: record 'x', field 'startYear': found '{'x' * 292}'…, "
                       f"expected a year such as 2019, unquoted")


def test_a_megabyte_value_ends_in_one_short_line_from_the_command(data_copy, tmp_path):
    (data_copy / "zz.yaml").write_text(f"- {{id: '{'x' * 1_000_000}', type: Country}}\n")
    line = one_line_error(kg("build", "--data", str(data_copy), "--out", str(tmp_path / "out"),
                             timeout=60))
    assert len(line) < 800 and "zz.yaml:1: record 'xxxx" in line


# -- 5. invisible and bidirectional control characters --------------------------------------

REFUSED = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
           "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad",
           "\u2060", "\u061c", "\u2028", "\x1b", "\x00", "\x85"]


@pytest.mark.parametrize("character", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_an_invisible_character_in_a_label_is_refused_and_named(data_copy, character):
    line = edit(data_copy, "clusters.yaml", SCALE_AI_LABEL, f"  label: Scale{character} AI\n")
    name = unicodedata.name(character, "CONTROL CHARACTER")
    # Controls and line separators stop YAML's reader: named by file and line only.
    where = f"clusters.yaml:{line}: " + ("" if character in "\x00\x1b\x85\u2028" else
                                         "record 'scale-ai', field 'label': ")
    assert refused(data_copy, errors.InvisibleCharacterError) == (
        f"{where}found 'U+{ord(character):04X} {name}', "
        f"expected text without invisible or bidirectional control characters")


@pytest.mark.parametrize("written", ['"Scale\\u202e AI"', '"Scale\\e AI"', '"Scale\\U0000200b"'])
def test_an_invisible_character_written_as_an_escape_is_refused(data_copy, written):
    line = edit(data_copy, "clusters.yaml", SCALE_AI_LABEL, f"  label: {written}\n")
    assert refused(data_copy, errors.InvisibleCharacterError).startswith(
        f"clusters.yaml:{line}: record 'scale-ai', field 'label': found 'U+")


def test_an_invisible_character_in_a_comment_or_a_key_is_refused(data_copy, tmp_path):
    line = edit(data_copy, "clusters.yaml", "# The five", "# The \u202efive")
    assert refused(data_copy, errors.InvisibleCharacterError) == (
        f"clusters.yaml:{line}: found 'U+202E RIGHT-TO-LEFT OVERRIDE', expected text without "
        f"invisible or bidirectional control characters (comments included)")
    assert refused_extra(tmp_path, "- {id: x, type: Country, label: X, source: table-1,\n"
                         "   \u200blabel: Y}\n", errors.InvisibleCharacterError).startswith(
        "zz.yaml:2: record 'x', field '\\u200blabel': found 'U+200B ZERO WIDTH SPACE'")


@pytest.mark.parametrize("exact", ["CAD Canadian\u2066 Dollar", "CAD Canadian\\u200b Dollar"],
                         ids=["raw", "escaped"])
def test_an_invisible_character_in_a_quote_is_refused(data_copy, exact):
    entry = '"value": "CAD: Canadian Dollar", "source": "abbreviations", "exact": '
    line = edit(data_copy, "quotes.json", entry + '"CAD Canadian Dollar"', f'{entry}"{exact}"')
    assert refused(data_copy, errors.InvisibleCharacterError).startswith(
        f"quotes.json:{line}: record 'abbr-cad', field 'exact': found 'U+")


def test_the_paper_and_the_shipped_data_need_no_refused_character(records):
    # Quotes copy the paper's words: it holds no format or control character (its only
    # unusual spaces are 8 no-break spaces, which stay allowed), so nothing is lost.
    paper = read_paper()
    assert invisible(paper) is None and paper.count("\u00a0") == 8
    assert all(invisible(q.exact) is None for r in records.values() for q in r.quotes)


def test_a_leading_byte_order_mark_and_no_break_spaces_are_allowed(tmp_path):
    path = tmp_path / "zz.yaml"
    path.write_text("\ufeff- {id: x, type: Country, label: \"CAD\u00a0750\", source: table-1}\n",
                    encoding="utf-8")
    assert load_records([MINI, path])["x"].first("label") == "CAD\u00a0750"


def test_every_refused_character_of_the_running_unicode_is_looked_at():
    # The cheap look lists the format characters of Unicode 14 by hand: a newer Unicode
    # with a new one fails here instead of letting it through.
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if unicodedata.category(character) in ("Cf", "Cc", "Zl", "Zp") \
                and character not in "\t\n\r":
            assert may_be_invisible(character) and invisible(character), hex(code)


# -- 6. numbers that are not finite or too large --------------------------------------------

@pytest.mark.parametrize("number, expected", [
    (".nan", "a finite number (not nan or inf)"), (".inf", "a finite number (not nan or inf)"),
    ("-.inf", "a finite number (not nan or inf)"),
    ("1.0e+400", "a finite number (not nan or inf)"),
    ("nan", "a finite number (not nan or inf)"), ("inf", "a finite number (not nan or inf)"),
    ("1e400", "a number smaller than 10^18 in size"),
    ("1e30", "a number smaller than 10^18 in size"),
    ("0x" + "f" * 40, "a number smaller than 10^18 in size"),
    ("9" * 5000, "a number smaller than 10^18 in size"),
    ("0.0000000000000000000001", "at most 18 digits after the point"),
])
def test_a_number_out_of_range_is_refused_at_its_line(data_copy, number, expected):
    line = edit(data_copy, "observations.yaml", GIC_BUDGET,
                GIC_BUDGET.replace("750000000", number))
    message = refused(data_copy, errors.NumberOutOfRangeError)
    assert message.startswith(f"observations.yaml:{line}: record 'gic-budget-cad', "
                              f"field 'value': found '{number[:20]}")
    assert message.endswith(f", expected {expected}")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000])
def test_a_number_out_of_range_in_the_quote_file_is_refused_at_its_line(data_copy, number):
    line = edit(data_copy, "quotes.json", '"value": "Canadian Dollar"', f'"value": {number}')
    assert refused(data_copy, errors.NumberOutOfRangeError).startswith(
        f"quotes.json:{line}: record 'abbr-cad', field 'value': found '{number[:20]}")


def test_the_largest_figures_of_the_paper_still_load(records):
    # EU GDP 2022: EUR 15.81 trillion (section 2.1, footnote 15); the CAD/EUR rate implied
    # by CAD 750 million = EUR 523 million (section 3.3, footnote 58), four decimals.
    assert records["eu-gdp-2022"].first("value") == 15810000000000
    assert records["exchange-rate-cad-eur"].first("value") == 0.6973
