"""Transcribe the paper's bibliography, and what each footnote cites, into ``kg/data/``.

Run once from the repository root when the seed text changes::

    python tools/bibliography.py

It writes two files. ``kg/data/bibliography.yaml``: each entry of the "## Bibliography"
section becomes one record: its text as printed (``dcterms:bibliographicCitation``,
markdown links resolved), the authors or publisher and year it opens with, its title, its
address and last-access date, and the footnotes that cite it (``citedInFootnote``).
An entry also goes by the other forms the paper prints it in (``hiddenLabel``): its own
head where it differs from the label ("EY (2022). Innovation …" for "EY (2022): Innovation
…"), and the way a footnote citing it names it ("ECCP (2022): Summary report", "European
Cluster Collaboration Platform (2023): SUAVE", or only its address), so that the words of
each place name the entry they state something about.
``kg/data/footnote-citations.yaml``: each citation printed in a footnote becomes one
``FootnoteCitation`` record: its text as printed, its address(es), the last-access date it
prints, and the entry it cites (``citesEntry``) or ``outsideBibliography: true``.

A footnote's text is read from the paper itself (its ``<sup>N</sup>`` line and the lines
that continue it, :func:`kg.data.paper.split_units`). It is cut into citations after each
last-access date; a citation without an author and year but with several addresses is one
citation per address. A citation cites an entry when

* the entry's printed title occurs in the citation's text, or
* the citation prints the entry's "Author (Year):" followed by the opening words of its
  title, a short title ("ECCP (2022): Summary report, p. 27" for "ECCP (2022): Summary
  report on cluster policies …"), or
* it gives an address that this entry carries and no other entry does.

Author and year alone never link (the paper has two "Rangen (2021)" entries sharing an
address, and three "ISED (2023)"). A citation that cites no entry is outside the
bibliography. Last-access dates are read in every printed form: "(last access
02.05.2023)", "(last access on …)", "(last accessed: …)", "(last accessed (…))", "last
access …)" without its opening bracket, "(see 07.03.2023)". The output is sorted and
stable.

>>> access_dates("x (last accessed: 23.03.2023) y last access 7.3.2023) (see 07.03.2023)")
['2023-03-23T00:00:00', '2023-03-07T00:00:00', '2023-03-07T00:00:00']
>>> citations_of("A (2021): T. u (last access 01.02.2023); B (2022): U. v (see 1.2.2023), p. 3.")
['A (2021): T. u (last access 01.02.2023);', 'B (2022): U. v (see 1.2.2023), p. 3.']
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.data.paper import comparable, split_units

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ANGLE = re.compile(r"<(https?://[^>\s]+)>")
_HEAD = re.compile(r"^(?P<who>.+?)\s*\((?P<year>\d{4})\)\s*[:.]?\s*(?P<rest>.*)$")
_URL = re.compile(r"https?://[^\s)>\]]+")
#: A last-access date in any of its printed forms; the citation ends after it.
_ACCESS = re.compile(r"(?:\blast\s+access(?:ed)?\b(?:\s+on\b)?\s*:?|\(see)\s*\(?\s*"
                     r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*\)*\s*[.;,]?", re.I)
_AUTHOR_YEAR = re.compile(r"\((?:19|20)\d{2}\)")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*\d+\s*</sup>\s*")
BIBLIOGRAPHY = Path("kg/data/bibliography.yaml")
CITATIONS = Path("kg/data/footnote-citations.yaml")


@dataclass(frozen=True)
class Entry:
    """One bibliography entry as read: its record id, authors, year, title, addresses."""

    id: str
    who: str
    year: int
    title: str
    urls: tuple[str, ...]


def _plain(text: str) -> str:
    """Markdown links as their address (their text when the address is not a web one),
    escapes off."""
    text = text.replace("\\\\_", "_").replace("\\_", "_").replace("\\(", "(").replace("\\)", ")")
    text = text.replace("\\$", "$")
    text = _LINK.sub(lambda m: m.group(2) if m.group(2).startswith("http") else m.group(1), text)
    text = _ANGLE.sub(lambda m: m.group(1), text)
    return re.sub(r"\*([^*]+)\*", r"\1", " ".join(text.split()))


def link_words(seed: str) -> dict[str, str]:
    """Address -> the words the paper links it from, for the links whose words are not the
    address itself (the printed page shows the words, not the address).

    >>> link_words("x [Funding & tenders \\\\(europa.eu\\\\)](https://ec.europa.eu/a) [https://b.eu](https://b.eu)")
    {'https://ec.europa.eu/a': 'Funding & tenders (europa.eu)'}
    """
    return {m.group(2): _plain(m.group(1)) for m in _LINK.finditer(seed)
            if m.group(2).startswith("http") and not m.group(1).startswith("http")}


def _address(url: str, place: str, words: dict[str, str]) -> str | dict:
    """An address as a value, quoted by the words it is linked from where the paper hides
    it behind words."""
    return {"value": url, "source": place, "quote": words[url]} if url in words else url


def _url_key(url: str) -> str:
    return url.replace("\\_", "_").rstrip("/).,").lower()


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")


def entries(seed: str) -> list[str]:
    """The lines of the "## Bibliography" section, one entry each."""
    start = seed.index("## Bibliography")
    end = seed.index("## Annex", start)
    return [line.strip() for line in seed[start:end].splitlines()[1:] if line.strip()]


def footnotes(seed: str) -> dict[int, str]:
    """Footnote number -> its text as printed (continuation lines joined, links resolved)."""
    lines, texts = seed.splitlines(), {}
    for unit in split_units(seed):
        if unit.kind == "footnote":
            number = int(unit.place.removeprefix("footnote-"))
            line = _plain(_FOOTNOTE.sub("", lines[unit.line - 1]))
            texts[number] = f"{texts[number]} {line}" if number in texts else line
    return texts


def access_dates(text: str) -> list[str]:
    """Every last-access date printed in ``text``, as ``xsd:dateTime`` at midnight."""
    return [f"{y}-{int(m):02d}-{int(d):02d}T00:00:00" for d, m, y in _ACCESS.findall(text)]


def citations_of(text: str) -> list[str]:
    """A footnote's text cut after each last-access date; words after the last date that
    cite nothing (", p. 33-34.") stay with the citation before them."""
    parts, start = [], 0
    for found in _ACCESS.finditer(text):
        parts.append(text[start:found.end()].strip())
        start = found.end()
    rest = text[start:].strip()
    if rest and parts and not (_URL.search(rest) or _AUTHOR_YEAR.search(rest)):
        parts[-1] = f"{parts[-1]} {rest}"
    elif rest:
        parts.append(rest)
    return parts


def _contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` is in ``text`` as whole words (both in comparable form)."""
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _names(citation: str, entry: Entry) -> bool:
    """Whether the citation prints the entry's title, or its author and year with a short
    title (the title's opening words, up to a comma or full stop)."""
    text = comparable(citation)
    if _contains(text, comparable(entry.title)):
        return True
    head = re.escape(comparable(f"{entry.who} ({entry.year})"))
    return any(len(short.split()) >= 2 and comparable(entry.title).startswith(short.strip())
               for short in re.findall(rf"(?<!\w){head}\s*[:.,]\s*([^,.;]+)", text))


def _read_entry(line: str, used: set[str], words: dict[str, str]) -> tuple[Entry, dict]:
    printed = _plain(line)
    head = _HEAD.match(printed)
    if not head:
        raise SystemExit(f"cannot read bibliography entry: {line[:80]!r}")
    who, year, rest = head["who"].strip(), int(head["year"]), head["rest"]
    urls = tuple(_URL.findall(printed))
    title = re.split(r"\s(?:Available (?:under|at|online)\s*:|https?://|A publicly available)",
                     rest)[0].strip().rstrip(".").strip()
    base = f"bib-{_slug(who)}-{year}"
    rid, n = base, 2
    while rid in used:
        rid, n = f"{base}-{n}", n + 1
    used.add(rid)
    label = f"{who} ({year}): {title}"[:250]
    record: dict = {"id": rid, "type": "BibliographyEntry", "label": label}
    head_as_printed = printed[:printed.find(rest) + len(title)] if title else ""
    if head_as_printed and comparable(head_as_printed) != comparable(label):
        record["label"] = {"value": label, "source": "bibliography", "interpretation":
                           f"The entry as printed opens '{head_as_printed}'; the label gives it "
                           "in the form of the other entries' labels, 'Author (Year): Title'."}
        record["hiddenLabel"] = [head_as_printed]
    record.update({"authorsAsPrinted": who, "publicationYear": year,
                   "dcterms:bibliographicCitation": printed})
    if urls:
        record["citedUrl"] = _address(urls[0], "bibliography", words)
    dates = access_dates(printed)
    if dates:
        record["lastAccessed"] = dates[0]
    return Entry(rid, who, year, title, urls), record


def _cited(citation: str, urls: list[str], known: list[Entry],
           by_address: dict[str, list[Entry]]) -> list[Entry]:
    """The entries one citation cites (by title or short title, or by an address only
    one entry carries)."""
    found = {e.id: e for e in known if _names(citation, e)}
    for url in urls:
        owners = by_address.get(_url_key(url), [])
        if len(owners) == 1:
            found.setdefault(owners[0].id, owners[0])
    return list(found.values())


def named_as(citation: str, entry: Entry) -> str:
    """How ``citation`` names ``entry``: its author, year and title (or short title) as the
    footnote prints them, else the address it shares with the entry.

    >>> e = Entry("bib-x", "ECCP", 2022, "Summary report on cluster policies", ("https://x.eu",))
    >>> named_as("See ECCP (2022): Summary report, p. 27.", e)
    'ECCP (2022): Summary report'
    >>> named_as("European Cluster Collaboration Platform (2022): Summary report on cluster "
    ...          "policies. Available under: https://x.eu", e)
    'European Cluster Collaboration Platform (2022): Summary report on cluster policies'
    >>> named_as("https://x.eu (last access 07.03.2023)", e)
    'https://x.eu'
    """
    who = rf"(?<!\w){re.escape(entry.who)}\s*\({entry.year}\)\s*[:.,]?\s*"
    whole = re.search(who + re.escape(entry.title), citation, re.I) if entry.title else None
    if whole:
        return whole.group(0)
    title = re.search(re.escape(entry.title), citation, re.I) if entry.title else None
    head = _HEAD.match(citation)
    if title and head and title.start() == head.start("rest"):  # another author's name
        return citation[:title.end()]
    short = re.search(who + r"[^,.;]+", citation, re.I)
    if short:
        return short.group(0).strip()
    keys = {_url_key(u) for u in entry.urls}
    return next((u for u in _URL.findall(citation) if _url_key(u) in keys), "")


def _units(text: str) -> list[tuple[str, list[str], list[str]]]:
    """The citations of a footnote as (printed text, addresses, last-access dates): one
    per part, or one per address (printed as the address, with the part's date) of a part
    that names no author and year but several addresses; parts citing nothing are left out."""
    out = []
    for part in citations_of(text):
        urls, dates = _URL.findall(part), access_dates(part)
        if not _AUTHOR_YEAR.search(part) and len(urls) > 1:
            out.extend((url, [url], dates) for url in urls)
        elif urls or dates or _AUTHOR_YEAR.search(part):
            out.append((part, urls, dates))
    return out


def _citation_records(number: int, text: str, known: list[Entry],
                      by_address: dict[str, list[Entry]], words: dict[str, str]) -> list[dict]:
    records = []
    for k, (part, urls, dates) in enumerate(_units(text), 1):
        cited = _cited(part, urls, known, by_address)
        if len(cited) > 1:
            raise SystemExit(f"footnote {number}: one citation names several entries: "
                             f"{', '.join(e.id for e in cited)} ({part[:80]!r})")
        record = {"id": f"footnote-{number}-citation-{k}", "type": "FootnoteCitation",
                  "label": f"Footnote {number}, citation {k}",
                  "dcterms:isPartOf": f"footnote-{number}",
                  "dcterms:bibliographicCitation": part}
        if cited:
            record["citesEntry"] = cited[0].id
            record["_namedAs"] = (named_as(part, cited[0]), f"footnote-{number}")
        else:
            record["outsideBibliography"] = True
        if urls:
            record["citedUrl"] = [_address(u, f"footnote-{number}", words) for u in urls]
        if dates:
            record["lastAccessed"] = dates[0]
        record["source"] = f"footnote-{number}"
        records.append(record)
    return records


def transcribe(seed: str) -> tuple[list[dict], list[dict]]:
    """The bibliography records (in the paper's order) and the footnote citations (by
    footnote number)."""
    used: set[str] = set()
    words = link_words(seed)
    read = [_read_entry(line, used, words) for line in entries(seed)]
    known = [entry for entry, _ in read]
    by_address: dict[str, list[Entry]] = {}
    for entry in known:
        for url in entry.urls:
            by_address.setdefault(_url_key(url), []).append(entry)
    citations = [record for number, text in sorted(footnotes(seed).items())
                 for record in _citation_records(number, text, known, by_address, words)]
    records = []
    for entry, record in read:
        citing = sorted({c["dcterms:isPartOf"] for c in citations
                         if c.get("citesEntry") == entry.id},
                        key=lambda f: int(f.removeprefix("footnote-")))
        if citing:
            record["citedInFootnote"] = citing
        named = _add_names(record, [c["_namedAs"] for c in citations
                                    if c.get("citesEntry") == entry.id])
        record["source"] = ["bibliography", *named] if named else "bibliography"
        records.append(record)
    for citation in citations:
        citation.pop("_namedAs", None)
    return records, citations


def _add_names(record: dict, forms: list[tuple[str, str]]) -> list[str]:
    """Add to the entry's hidden labels the forms ``(form, footnote)`` citations name it by
    that its label and hidden labels do not already say (compared folded), in the order
    met; return the footnotes those forms are printed in (places the entry then cites)."""
    label = record["label"]["value"] if isinstance(record["label"], dict) else record["label"]
    known = {comparable(label)} | {comparable(h) for h in record.get("hiddenLabel", [])}
    places: list[str] = []
    for form, footnote in forms:
        if form and comparable(form) not in known:
            known.add(comparable(form))
            record.setdefault("hiddenLabel", []).append(form)
            places.append(footnote)
    if "hiddenLabel" in record:  # keep the label's neighbour, as _read_entry puts it
        hidden = record.pop("hiddenLabel")
        items = list(record.items())
        at = next(i for i, (k, _) in enumerate(items) if k == "label") + 1
        record.clear()
        record.update(items[:at] + [("hiddenLabel", hidden)] + items[at:])
    return list(dict.fromkeys(places))


def _dump(header: str, records: list[dict]) -> str:
    return header + "\n" + yaml.safe_dump(records, allow_unicode=True, sort_keys=False,
                                          width=100)


def main(argv: list[str]) -> int:
    from kg.data.paper import read_paper

    paper = Path(argv[1]).read_text(encoding="utf-8") if len(argv) > 1 else read_paper()
    records, citations = transcribe(paper)
    BIBLIOGRAPHY.write_text(_dump(
        "# The paper's bibliography, entry by entry in its order, as printed (written by\n"
        "# tools/bibliography.py from the seed text): authors or publisher, year, title,\n"
        "# address, last access, and the footnotes that cite each entry.\n", records),
        encoding="utf-8")
    CITATIONS.write_text(_dump(
        "# What each footnote of the paper cites, citation by citation, as printed (written\n"
        "# by tools/bibliography.py from the seed text): the bibliography entry it cites or\n"
        "# outsideBibliography, its address(es) and the last-access date it prints.\n",
        citations), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
