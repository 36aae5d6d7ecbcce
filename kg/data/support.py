"""Whether each statement's quote proves its fact: the support rule.

A statement (one value of one field of one record) is *supported* by its quote when the
quoted words lie in one unit of the paper (:mod:`kg.data.units`) and that unit, read with
the units a reader reads it with (a cell's column header and row header, a row's or a
box item's caption, a list item's lead-in), names both ends of the statement:

- the subject by one of its names (label, other label, notation or an abbreviation that
  stands for it; :func:`kg.data.quotes.names_of`);
- the object by one of its names when it is a record, else by the value as printed
  (:func:`kg.data.quotes.fact_forms`).

Where the unit says "it" or "the programme", it reaches back to the sentences before it
in the same place (at most :data:`REACH_BACK`), and only when it holds such a word
(:data:`ANAPHORA`). The quote must come from a place the record cites. Statements the
rule cannot prove but the paper does state are listed in ``kg/data/support-allow*.json``,
each with its reason; statements that are the project's reading of the paper rather than
its words carry an ``interpretation`` instead of a quote.

Examples
--------
>>> from kg.data.load import load_records
>>> records = load_records()
>>> check = Support(records)
>>> verdict = check.verdict(next(q for q in records["scale-ai"].quotes
...                              if q.field == "headquarteredIn"))
>>> verdict.supported, verdict.unit, verdict.read_with
(True, 'table-1/row6/cell2', ('table-1/row1/cell2', 'table-1/caption'))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from kg.data.jsonfile import parse_json
from kg.data.model import Record
from kg.data.paper import comparable
from kg.data.quotes import (
    MEMBERSHIP_FIELDS,
    NUMBER_WORDS,
    PROSE_FIELDS,
    Quote,
    fact_forms,
    names_of,
    statements,
    value_key,
)
from kg.data.schema import load_schema
from kg.data.units import TextUnit, Units, load_units

__all__ = ["Support", "Verdict", "SupportReport", "support_report", "matchable", "ANAPHORA",
           "REACH_BACK", "ALLOW_FILE", "FIELD_CUES", "is_relation", "allow_list",
           "support_problems"]

#: Sentences a unit may reach back to for what "it" or "the programme" stands for.
REACH_BACK = 3
#: Words that stand for something named before them.
ANAPHORA = re.compile(
    r"\b(it|its|they|their|them|this|these|those|both|each|the latter|the former|said|"
    r"the (?:programme|program|cluster|clusters|partnership|partnerships|initiative|"
    r"policy|network|networks|supercluster|superclusters|scheme|agreement|strategy|"
    r"organisation|organisations|platform|project|projects|call|calls|fund|report|study|"
    r"paper|analysis|evaluation))\b", re.IGNORECASE)
#: The allow-lists: statements the rule cannot prove, each with its reason.
ALLOW_FILE = "support-allow*.json"
_PLACE_CLASS = "https://w3id.org/eucan/ontology#Source"
#: A figure's fields the paper may state once for several numbers.
_ONCE_FOR_SEVERAL = frozenset({"refPeriod", "unit", "currency", "label"})
#: Relations whose wording is specific: a unit proves one only with its cue words (a
#: citation's author, "European Commission (2021): Evaluation Study …", is not who
#: commissioned the work; "Prognos et al. on behalf of the European Commission" is).
FIELD_CUES = {"commissionedBy": re.compile(r"\bon behalf of\b|\bcommissioned\b", re.IGNORECASE)}
#: A footnote citation's fields printed in its own part of the footnote.
_CITATION_FIELDS = frozenset({"citedUrl", "lastAccessed"})
#: A figure's dimensions a table cell or row must name by its own headers.
_DIMENSIONS = ("observedEntity", "counterpart", "category")


def matchable(text: str) -> str:
    """``text`` as names are matched in it: quotes, dashes and spaces folded as quotes are
    compared (:func:`kg.data.paper.fold`, case kept) and accents removed.

    >>> matchable("Québec’s  ZONES")
    "Quebec's ZONES"
    """
    decomposed = unicodedata.normalize("NFKD", " ".join(text.translate(_FOLDING).split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDING = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                          "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-",
                          "\u00a0": " ", "\u202f": " "})


def _numbers(form: str) -> tuple[str, ...]:
    """A name and its other grammatical number: "Global Innovation Clusters" is also
    named "Global Innovation Cluster", "policy" names "policies"."""
    if len(form) < 5 or not form[-1].isalpha():
        return (form,)
    if form.endswith("ies"):
        return (form, form[:-3] + "y")
    if form.endswith("y"):
        return (form, form[:-1] + "ies")
    return (form, form[:-1]) if form.endswith("s") and not form.endswith("ss") \
        else (form, form + "s")


def _guarded(form: str) -> str:
    """``form`` as a pattern that matches it as a whole name: not inside a longer word; a
    capitalised name not after a lower-case word and a hyphen ("Scale" is not in
    "large-scale", but "largest economy" is in "third-largest economy"); a code in its
    own case; an acronym not as part of another ("NCEs" is not in "BL-NCEs", "ESCP" not in
    "ESCP-4i"); a number not inside another ("1" is not in "0.1" or "1,087", "5" is in
    "5.0%").

    >>> [bool(re.search(_guarded("1"), t)) for t in ("0.1", "1,087", "1.5", "1.0", "(1)")]
    [False, False, False, True, True]
    """
    if re.fullmatch(r"\d[\d.,]*", form):  # a number: not inside another ("1" in "0.1")
        return r"(?<![\w.,])" + re.escape(form) + r"(?![.,]\d*[1-9])(?!\w)"
    after_word = r"(?<!(?-i:[a-z])-)" if form[:1].isupper() else ""  # a name, not a word
    pattern = r"(?<!\w)" + after_word + re.escape(form) + r"(?!\w)"
    if form.isupper() and len(form) <= 3:  # a code: "AT" is Austria, "at" is not
        pattern = r"(?<!\w)(?-i:" + re.escape(form) + r")(?!\w)"
    if sum(c.isupper() for c in form) >= 2 and " " not in form:
        pattern = r"(?<!(?-i:[A-Z])-)" + pattern + r"(?!-(?-i:[0-9A-Z])[0-9A-Za-z]{0,2}(?!\w))"
    return pattern


@cache
def _form_pattern(form: str) -> re.Pattern[str]:
    return re.compile(_guarded(form), re.IGNORECASE)


@cache
def _pattern(forms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each form (and its other grammatical number), lower-cased for a quick look and as
    written (its guarded pattern, :func:`_guarded`, is compiled when first needed),
    longest first."""
    words = sorted({w for f in forms if f and (len(f.strip()) >= 2 or f.strip().isdigit())
                    for w in _numbers(matchable(f.strip()))}, key=len, reverse=True)
    return tuple((w.lower(), w) for w in words)


def is_relation(quote: Quote, records: dict[str, Record]) -> bool:
    """Whether ``quote`` cites a relation between two described resources: its value is
    a record that is not a place of the paper, and its record is not a figure (an
    observation, with an observed entity) or a place.

    >>> from kg.data.load import load_records
    >>> records = load_records()
    >>> sorted({(q.field, is_relation(q, records)) for q in records["scale-ai"].quotes
    ...         if q.field in ("headquarteredIn", "label")})
    [('headquarteredIn', True), ('label', False)]
    """
    target = records.get(quote.value) if isinstance(quote.value, str) else None
    record = records.get(quote.record)
    if target is None or record is None or quote.field in PROSE_FIELDS:
        return False
    if record.values("observedEntity") or record.values("qb:dataSet"):
        return False
    schema = load_schema()
    return not any(schema.is_a(t, _PLACE_CLASS) for t in target.types + record.types)


@dataclass(frozen=True)
class Verdict:
    """What the support rule found for one quote."""

    quote: Quote
    #: the unit the quoted words lie in (None: in no unit of the quoted place)
    unit: str | None
    #: the units read with it (headers, caption, lead-in, earlier sentences)
    read_with: tuple[str, ...] = ()
    subject: bool = False
    object: bool = False
    cited: bool = True
    allowed: str = ""
    #: the project's reading, when the statement is not the paper's words
    interpretation: str = ""

    @property
    def proved(self) -> bool:
        """Whether the rule itself proves the statement."""
        return self.unit is not None and self.subject and self.object and self.cited

    @property
    def supported(self) -> bool:
        """Proved, allowed with a reason, or marked as the project's interpretation."""
        return self.proved or bool(self.allowed) or bool(self.interpretation)

    @property
    def why(self) -> str:
        """Why the statement is not proved ("" when it is)."""
        if self.interpretation:
            return "an interpretation, not the paper's words"
        if not self.quote.exact:
            return "no quote: the paper's words for it were not found"
        if self.unit is None:
            return "the quoted words are in no unit of the place"
        missing = [name for name, ok in (("subject", self.subject), ("object", self.object))
                   if not ok]
        reasons = []
        if missing:
            reasons.append(f"the unit does not name the {' or the '.join(missing)}")
        if not self.cited:
            reasons.append("the record does not cite the quoted place")
        return "; ".join(reasons)


@dataclass
class Support:
    """The support rule over ``records`` and the shipped paper's units."""

    records: dict[str, Record]
    units: Units = field(default_factory=load_units)
    allow: dict[tuple[str, str, str], str] = field(default_factory=lambda: allow_list())

    def anchor(self, quote: Quote) -> TextUnit | None:
        """The unit the quote names (``unit``) when it lies in the quoted place and holds
        the quoted words; else the smallest unit of the quoted place that holds them (with
        the prefix and suffix where those pick one of several)."""
        exact = comparable(quote.exact)
        if not exact:
            return None
        if quote.unit:
            named = self.units.by_id.get(quote.unit)
            ok = named is not None and named.place == quote.source and exact in self._plain(
                named.id)
            return named if ok else None
        found = [u for u in self.units.in_place(quote.source) if exact in self._plain(u.id)]
        if not found:
            return None
        deepest = max(u.id.count("/") for u in found)
        found = [u for u in found if u.id.count("/") == deepest]
        if len(found) > 1 and (quote.prefix or quote.suffix):
            wide = comparable(quote.prefix + quote.exact + quote.suffix)
            near = [u for u in found if wide in self._around(u)]
            found = near or found
        return found[0]

    @cache  # noqa: B019 (a Support lives as long as its records)
    def _plain(self, unit_id: str) -> str:
        """The unit's own text as quotes are compared (:func:`comparable`)."""
        return comparable(self.units[unit_id].text)

    @cache  # noqa: B019
    def _text(self, unit_id: str) -> str:
        """The unit's own text, matchable."""
        return matchable(self.units[unit_id].text)

    @cache  # noqa: B019
    def _evidence(self, unit_id: str) -> str:
        """The unit read with its context, matchable."""
        unit = self.units[unit_id]
        return " ".join([self._text(unit_id)] + [self._text(c) for c in unit.context])

    @cache  # noqa: B019
    def _leaves(self, place: str) -> tuple[str, ...]:
        """The ids of the place's sentences and undivided items, in reading order."""
        kinds = ("sentence", "list item", "box item", "footnote")
        parents = {u.parent for u in self.units.in_place(place)}
        return tuple(u.id for u in self.units.in_place(place)
                     if u.kind in kinds and u.id not in parents)

    def __hash__(self) -> int:
        return id(self)

    def _around(self, unit: TextUnit) -> str:
        siblings = self.units.in_place(unit.place)
        at = siblings.index(unit)
        return comparable(" ".join(u.text for u in siblings[max(at - 3, 0):at + 4]
                                   if u.id.count("/") == unit.id.count("/")))

    def verdict(self, quote: Quote) -> Verdict:
        """The support rule applied to ``quote``."""
        record = self.records[quote.record]
        cited = self.cites(record, quote.source) or quote.source == quote.value
        allowed = self.allow.get((quote.record, quote.field, str(quote.value)), "")
        if quote.interpretation and not quote.exact:
            return Verdict(quote, None, cited=cited, allowed=allowed,
                           interpretation=quote.interpretation)
        unit = self.anchor(quote)
        if unit is None:
            return Verdict(quote, None, cited=cited, allowed=allowed)
        subject, objects = self._forms(record, quote)
        has_subject, has_object, read_with = self.reads(unit, subject, objects,
                                                        self._is_figure(record))
        if self._needs_number(record, quote.field) and not self._prints_figure(
                record, unit, read_with) or not self._dimensions_named(record, unit):
            has_object = False  # a figure's statements are proved where its number is
        if quote.read_with and not has_subject:  # an earlier unit the data names
            extra = [u for u in quote.read_with if u in self.units]
            has_subject = any(_names(subject, self._text(u)) for u in extra)
            read_with += tuple(extra)
        if not has_object and self._lists(quote, unit):
            has_object = True
        has_subject = has_subject or self._within(quote.record, unit)
        has_object = has_object or (isinstance(quote.value, str) and self._within(quote.value,
                                                                                   unit))
        has_object = has_object and self._cued(quote.field, unit, read_with) and (
            self._in_own_citation(record, quote.field, unit, objects))
        return Verdict(quote, unit.id, read_with, has_subject, has_object, cited, allowed)

    def _cued(self, field: str, unit: TextUnit, read_with: tuple[str, ...]) -> bool:
        """Whether ``unit`` (or a unit read with it) holds the cue words of ``field``
        (:data:`FIELD_CUES`; a field without cue words: always)."""
        cue = FIELD_CUES.get(field)
        return cue is None or any(cue.search(self._text(u)) for u in (unit.id, *read_with))

    def _in_own_citation(self, record: Record, field: str, unit: TextUnit,
                         objects: tuple[str, ...]) -> bool:
        """Whether a footnote citation's address or access date (:data:`_CITATION_FIELDS`)
        is printed in ``unit`` within the citation's own span of its footnote: from its
        opening words to its end, or to the first access date after them when it prints
        none ("See A and B (last access …)"). Footnote 29's "lang=eng (last access
        07.03.2023); European Commission (2021): Workshop report." dates citation 1, not 2.
        A citation the footnote's text does not hold is not checked."""
        span = self._citation_span(record.id) if field in _CITATION_FIELDS else None
        if span is None or unit.place != span[0]:
            return True
        whole = self._text(span[0] + "/text") if span[0] + "/text" in self.units else ""
        at = whole.find(self._text(unit.id))
        if at < 0:
            return True
        start, end = max(at, span[1]), min(at + len(self._text(unit.id)), span[2])
        return start < end and _names(objects, whole[start:end])

    @cache  # noqa: B019
    def _citation_span(self, rid: str) -> tuple[str, int, int] | None:
        """(footnote, start, end) of citation ``rid``'s words in its footnote's text."""
        record = self.records.get(rid)
        footnote = str(record.first("dcterms:isPartOf", "")) if record else ""
        cited = record.first("dcterms:bibliographicCitation") if record else None
        if not cited or footnote + "/text" not in self.units:
            return None
        whole, words = self._text(footnote + "/text"), matchable(str(cited)).rstrip(" ;")
        start = whole.find(words)
        if start < 0:
            return None
        end = start + len(words)
        if "last access" not in words:  # a date shared with the next citation
            dated = re.compile(r"last access[^)]*\)").search(whole, end)
            end = dated.end() if dated else end
        return footnote, start, end

    def _within(self, rid: str, unit: TextUnit) -> bool:
        """Whether ``rid`` is a place of the paper (or a part of one) and ``unit`` lies in
        it: a footnote's words name that footnote (nothing else can: the paper prints no
        "Footnote 41" beside them)."""
        record = self.records.get(rid)
        return record is not None and (unit.place == rid or unit.place in record.values(
            "dcterms:isPartOf")) and any(load_schema().is_a(t, _PLACE_CLASS)
                                         for t in record.types)

    def cites(self, record: Record, place: str) -> bool:
        """Whether ``record`` cites ``place`` (a section also cites its subsections)."""
        sources = [str(s) for s in record.values("source")]
        return place == record.id or place in sources or any(
            place.startswith(s + "-") for s in sources if s.startswith("section"))

    def _lists(self, quote: Quote, unit: TextUnit) -> bool:
        """Whether the quote states a membership by the member's being printed in the
        list itself: the unit lies in a place of the list (``skos:inScheme``)."""
        target = self.records.get(quote.value) if isinstance(quote.value, str) else None
        return quote.field in MEMBERSHIP_FIELDS and target is not None and unit.kind in (
            "list item", "table row", "table cell", "box item", "figure text") and (
            unit.place in target.values("source") or unit.place == target.id)

    def reads(self, unit: TextUnit, subject: tuple[str, ...], objects: tuple[str, ...],
              figure: bool = False) -> tuple[bool, bool, tuple[str, ...]]:
        """Whether ``unit`` (with what it is read with) names the subject and the object,
        and the units it was read with. A figure's value is also read with the frame of
        its table or figure (``figure``: caption, head row, source line and its notes),
        which states the measure, unit and period of every number in it."""
        read_with = list(unit.context)
        if figure:  # a cell has its own column header: not the head row, which names all
            frame = self._frame(unit.place, unit.kind != "table cell")
            read_with += [u for u in frame if u not in read_with]
        text = " ".join([self._evidence(unit.id)] + [self._text(u) for u in read_with
                                                    if u not in unit.context])
        has_subject, has_object = _names(subject, text), _names(objects, text)
        if not has_object and unit.text.strip() in objects:  # a cell that is the value: "+"
            has_object = True
        # "it", "the programme" reach back; so does a figure in a paragraph about one thing
        # ("Other significant services sectors include Finance and insurance (7.4%)" after
        # "... all industries in Canada by GDP")
        if not has_subject and (ANAPHORA.search(self._text(unit.id)) or figure):
            for earlier in self._before(unit):
                if figure and self.units[earlier].parent != unit.parent:
                    break
                if _names(subject, self._text(earlier)):
                    read_with.append(earlier)
                    has_subject = True
                    break
        if figure and not has_object:  # the figure's other end, named earlier on
            for earlier in self._before(unit):
                if self.units[earlier].parent != unit.parent:
                    break
                if _names(objects, self._text(earlier)):
                    read_with.append(earlier)
                    has_object = True
                    break
        return has_subject, has_object, tuple(read_with)

    @cache  # noqa: B019
    def _frame(self, place: str, head: bool = True) -> tuple[str, ...]:
        """The caption, source lines and (``head``) first row of a table's or figure's
        place."""
        units = self.units.in_place(place)
        first_row = next((u.id for u in units if u.kind in ("table row", "abbreviation")),
                         "") if head else ""
        return tuple(u.id for u in units if u.kind in ("caption", "source line")
                     or u.id == first_row)

    def _dimensions_named(self, record: Record, unit: TextUnit) -> bool:
        """Whether a figure read in a table cell or row has each of its dimensions
        (:data:`_DIMENSIONS`) named by the unit's own words and headers (a cell's row and
        column header, a row's cells); its observed entity may also be named by the
        caption or source line. A '+' under 'Cluster Organisations' in the row of 'PCT
        patents' is no figure of 'GDP per Capita' nor of 'Industry relevant nodes'."""
        if not self._is_figure(record) or unit.kind not in ("table cell", "table row"):
            return True
        own = self._evidence(unit.id)
        framed = " ".join([own] + [self._text(u) for u in self._frame(unit.place, False)])
        for name in _DIMENSIONS:
            target = self.records.get(str(record.first(name, "")))
            if target is None:
                continue
            forms = tuple(names_of(target, self.records))
            if not _names(forms, framed if name == "observedEntity" else own):
                return False
        return True

    def _is_figure(self, record: Record) -> bool:
        return bool(record.values("observedEntity"))

    def _needs_number(self, record: Record, field: str) -> bool:
        """Whether the statement is a figure's that only the words printing its number
        prove: its entity, measure, category, direction… — not its period or unit, which
        a sentence or caption often gives once for several numbers."""
        return self._is_figure(record) and field not in _ONCE_FOR_SEVERAL

    def _prints_figure(self, record: Record, unit: TextUnit, read_with: tuple[str, ...]
                       ) -> bool:
        """Whether ``unit`` (or a unit it is read with) prints the figure's number (as
        printed, ``statedAs``, or any printed form of its value)."""
        value = record.first("value")
        if value is None:
            return True
        forms = fact_forms(record, "value", value, self.records)
        if unit.text.strip() in forms:  # a cell that is the figure: "+", "++", "-"
            return True
        return any(_names(tuple(forms), self._text(u)) for u in (unit.id, *read_with))

    def _before(self, unit: TextUnit) -> list[str]:
        """Up to :data:`REACH_BACK` sentences (or items) before ``unit`` in its place,
        nearest first."""
        leaves = self._leaves(unit.place)
        if unit.id not in leaves:
            return []
        at = leaves.index(unit.id)
        return list(reversed(leaves[max(at - REACH_BACK, 0):at]))

    def best_units(self, record: Record, quote: Quote, places: list[str]
                   ) -> list[tuple[TextUnit, tuple[str, ...]]]:
        """The units of ``places`` that prove ``quote``'s statement (its exact words
        aside), each with the units it is read with: first those whose own words name
        both ends, then the shortest: what a quote of it should be."""
        subject, objects = self._forms(record, quote)
        found = []
        for place in places:
            for unit in self.units.in_place(place):
                if unit.kind in ("paragraph", "heading") or not unit.text.strip():
                    continue
                has_subject, has_object, read_with = self.reads(unit, subject, objects,
                                                                self._is_figure(record))
                if self._needs_number(record, quote.field) and not self._prints_figure(
                        record, unit, read_with) or not self._dimensions_named(record, unit):
                    continue
                has_subject = has_subject or self._within(record.id, unit)
                has_object = has_object or (isinstance(quote.value, str) and self._within(
                    quote.value, unit))
                if has_subject and (has_object or self._lists(quote, unit)) and self._cued(
                        quote.field, unit, read_with) and self._in_own_citation(
                        record, quote.field, unit, objects):
                    own = self._text(unit.id)
                    alone = _names(subject, own) and _names(objects, own)
                    found.append((not alone, len(unit.text), unit, read_with))
        return [(unit, read_with) for *_, unit, read_with in sorted(
            found, key=lambda f: (f[0], f[1], f[2].id))]

    @cache  # noqa: B019
    def _groups(self) -> dict[str, list[str]]:
        """Record id -> the phrases that name its whole group: the things funded by one
        programme ("the five GICs", "All of Canada's Global Innovation Clusters" name each
        of the five clusters the GIC programme funds)."""
        members: dict[str, list[str]] = {}
        for record in self.records.values():
            for funder in record.values("fundedBy"):
                members.setdefault(str(funder), []).append(record.id)
        found: dict[str, list[str]] = {}
        for funder, ids in members.items():
            group = self.records.get(funder)
            if group is None or len(ids) < 2:
                continue
            names = [n for n in names_of(group, self.records) if len(n) > 2]
            count = NUMBER_WORDS[len(ids)] if len(ids) < len(NUMBER_WORDS) else str(len(ids))
            for name in names:
                for lead in (f"all of {{}}{name}", f"all {{}}{name}", f"the {count} {{}}{name}",
                             f"{count} {{}}{name}", f"each of the {{}}{name}"):
                    for rid in ids:
                        found.setdefault(rid, []).append(lead)
        return found

    def _forms(self, record: Record, quote: Quote) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names of the subject and the forms of the object of ``quote`` (a group's
        phrase names each member: :meth:`_groups`)."""
        subject = names_of(record, self.records) + self._group_names(record.id)
        for about in ("observedEntity", "about"):  # a figure, a happening: of its thing
            entity = self.records.get(str(record.first(about, "")))
            if entity is not None:
                subject = subject + names_of(entity, self.records)
        target = self.records.get(quote.value) if isinstance(quote.value, str) else None
        if target is not None and self._is_figure(target):  # another figure: its number
            objects = fact_forms(target, "value", target.first("value"), self.records)
        elif target is not None and quote.field not in ("label", "altLabel"):
            objects = names_of(target, self.records) + self._group_names(target.id)
        else:
            objects = fact_forms(record, quote.field, quote.value, self.records)
        return tuple(subject), tuple(objects)

    def _group_names(self, rid: str) -> list[str]:
        """The phrases of :meth:`_groups` for ``rid``, with up to two words ("Canada's",
        "successful") between the number and the name, as patterns to find."""
        return [lead.format(between) for lead in self._groups().get(rid, [])
                for between in ("", "Canada's ", "successful ", "industry-led ")]

    def verdicts(self) -> list[Verdict]:
        """The verdict on every quote of every record, in record and quote order, and on
        every statement that has no quote at all (unit None: nothing to read)."""
        found = [self.verdict(q) for r in self.records.values() for q in r.quotes]
        quoted = {v.quote.key for v in found}
        found += [Verdict(Quote(r.id, field, value, "", "", path=r.path, line=r.line), None,
                          allowed=self.allow.get((r.id, field, str(value)), ""))
                  for r in self.records.values() for field, value in statements(r, self.records)
                  if (r.id, field, value_key(value)) not in quoted]
        return found


def _names(forms: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` (matchable) names one of ``forms`` as a whole name."""
    low = text.lower()
    return any(word in low and _form_pattern(form).search(text) is not None
               for word, form in _pattern(forms))


def allow_list() -> dict[tuple[str, str, str], str]:
    """``(record, field, value) -> reason`` from the allow-lists ``kg/data/support-allow*.json``
    (``{"allowed": [{"record", "field", "value", "reason"}, …]}``).

    :raises DataError: for an entry without a reason.
    """
    found: dict[tuple[str, str, str], str] = {}
    for source in sorted(files("kg.data").iterdir(), key=lambda f: f.name):
        if not (source.name.startswith("support-allow") and source.name.endswith(".json")):
            continue
        document: Any = parse_json(source.read_text(encoding="utf-8"), str(source))
        for entry in document.get("allowed", []):
            reason = str(entry.get("reason", "")).strip()
            if not reason:
                from kg.core.errors import DataError

                raise DataError(str(source), None, entry.get("record"), "reason", reason,
                                "why the paper states it though the rule cannot prove it")
            found[entry["record"], entry["field"], str(entry["value"])] = reason
    return found


@dataclass
class SupportReport:
    """The support rule over every statement: counts and the statements not supported."""

    verdicts: list[Verdict]
    records: dict[str, Record]

    def statements(self, relations: bool | None = None) -> dict[tuple[str, str, str],
                                                                 list[Verdict]]:
        """Verdicts by statement ``(record, field, value)``: relation statements only
        (``relations=True``), the others (False) or all (None)."""
        found: dict[tuple[str, str, str], list[Verdict]] = {}
        for verdict in self.verdicts:
            q = verdict.quote
            if relations is None or is_relation(q, self.records) == relations:
                found.setdefault((q.record, q.field, str(q.value)), []).append(verdict)
        return found

    def unsupported(self, relations: bool | None = None) -> list[Verdict]:
        """One verdict (the first quote's) per statement that no quote supports."""
        return [vs[0] for vs in self.statements(relations).values()
                if not any(v.supported for v in vs)]

    def summary(self) -> dict[str, Any]:
        rows: dict[str, Any] = {}
        for name, kind in (("relation statements", True), ("other statements", False)):
            found = self.statements(kind)
            quoted = {k: vs for k, vs in found.items() if any(not v.interpretation for v in vs)}
            rows[f"{name}: without a quote"] = sum(not any(v.quote.exact for v in vs)
                                                  for vs in quoted.values())
            proved = sum(any(v.proved for v in vs) for vs in quoted.values())
            allowed = sum(not any(v.proved for v in vs) and any(v.allowed for v in vs)
                          for vs in quoted.values())
            rows[name] = len(found)
            rows[f"{name}: quoted"] = len(quoted)
            rows[f"{name}: proved"] = proved
            rows[f"{name}: proved %"] = round(100 * proved / len(quoted), 1) if quoted else 100
            rows[f"{name}: allowed"] = allowed
            rows[f"{name}: interpretations"] = len(found) - len(quoted)
            rows[f"{name}: unsupported"] = len(quoted) - proved - allowed
        return rows

    def row(self, verdict: Verdict) -> dict[str, Any]:
        """A verdict as a table row: where the statement is written, what it says, the
        quote, its unit and why it is not proved."""
        q = verdict.quote
        record = self.records[q.record]
        inline = bool(q.path) and not q.path.endswith("quotes.json")
        return {"file": (q.path if inline else record.path).rsplit("/", 1)[-1],
                "line": (q.line if inline else None) or record.line, "record": q.record,
                "field": q.field,
                "value": str(q.value), "place": q.source, "unit": verdict.unit or "",
                "quote": q.exact or q.interpretation, "why": verdict.why or "proved"}


def support_report(records: dict[str, Record]) -> SupportReport:
    """The support rule applied to every quote of ``records``."""
    return SupportReport(Support(records).verdicts(), records)


def support_problems(records: dict[str, Record]) -> list[str]:
    """One line per relation statement no quote supports (the build's gate): where it is
    written, what it says and why its quotes do not prove it.

    >>> from kg.data.load import load_records
    >>> support_problems(load_records())
    []
    """
    check = Support(records)
    verdicts: dict[tuple[str, str, str], list[Verdict]] = {}
    for record in records.values():
        for quote in record.quotes:
            if is_relation(quote, records):
                verdicts.setdefault((quote.record, quote.field, str(quote.value)), []).append(
                    check.verdict(quote))
    problems = []
    for (rid, name, value), found in sorted(verdicts.items()):
        if not any(v.supported for v in found):
            verdict = found[0]
            path = verdict.quote.path or records[rid].path
            where = f"{path}:{verdict.quote.line or records[rid].line}"
            problems.append(f"{where}: record {rid!r}, field {name!r}: {value} is not proved by "
                            f"its quote {verdict.quote.exact[:80]!r} ({verdict.why}; "
                            "kg coverage --support)")
    return problems
