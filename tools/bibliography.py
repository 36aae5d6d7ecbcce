"""Transcribe the paper's bibliography into ``kg/data/bibliography.yaml``.

Run once from the repository root when the seed text changes::

    python tools/bibliography.py ../shared/seed/000_a91e641535a880c8.txt > kg/data/bibliography.yaml

Each entry of the "## Bibliography" section becomes one record: its text as printed
(``dcterms:bibliographicCitation``, markdown links resolved), the authors or publisher and
year it opens with, its title, its address and last-access date, and the footnotes that
cite it (a footnote whose cited address is the entry's, or whose text names the entry's
"Author (Year)"). The output is sorted and stable.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import yaml

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ANGLE = re.compile(r"<(https?://[^>\s]+)>")
_HEAD = re.compile(r"^(?P<who>.+?)\s*\((?P<year>\d{4})\)\s*[:.]?\s*(?P<rest>.*)$")
_ACCESS = re.compile(r"\((?:last access(?:ed)?|see)\s*\(?([\d.]+)\)?\)?", re.I)


def _plain(text: str) -> str:
    """Markdown links as their address (or text when the text is the address), escapes off."""
    text = text.replace("\\\\_", "_").replace("\\_", "_").replace("\\(", "(").replace("\\)", ")")
    text = _LINK.sub(lambda m: m.group(2), text)
    text = _ANGLE.sub(lambda m: m.group(1), text)
    return re.sub(r"\*([^*]+)\*", r"\1", " ".join(text.split()))


def _url_key(url: str) -> str:
    return url.replace("\\_", "_").rstrip("/).,").lower()


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")


def entries(seed: str) -> list[str]:
    start = seed.index("## Bibliography")
    end = seed.index("## Annex", start)
    return [line.strip() for line in seed[start:end].splitlines()[1:] if line.strip()]


def transcribe(seed: str, footnotes: list[dict]) -> list[dict]:
    records, used = [], set()
    for line in entries(seed):
        printed = _plain(line)
        head = _HEAD.match(printed)
        if not head:
            raise SystemExit(f"cannot read bibliography entry: {line[:80]!r}")
        who, year, rest = head["who"].strip(), int(head["year"]), head["rest"]
        urls = re.findall(r"https?://[^\s)>\]]+", printed)
        title = re.split(r"\s(?:Available (?:under|at|online)\s*:|https?://|A publicly available)",
                         rest)[0].strip().rstrip(".").strip()
        access = _ACCESS.search(printed)
        base = f"bib-{_slug(who)}-{year}"
        rid, n = base, 2
        while rid in used:
            rid, n = f"{base}-{n}", n + 1
        used.add(rid)
        cite = f"{who} ({year})"
        keys = {_url_key(u) for u in urls}
        citing = sorted((f for f in footnotes
                         if keys & {_url_key(u) for u in f.get("citedUrl", []) or []}
                         or cite.lower() in str(f.get("comment", "")).lower()),
                        key=lambda f: int(f["locatorNumber"]))
        record = {"id": rid, "type": "BibliographyEntry", "label": f"{cite}: {title}"[:250],
                  "authorsAsPrinted": who, "publicationYear": year,
                  "dcterms:bibliographicCitation": printed}
        if urls:
            record["citedUrl"] = urls[0]
        if access:
            day, month, year_ = access.group(1).rstrip(".").split(".")
            record["lastAccessed"] = f"{year_}-{int(month):02d}-{int(day):02d}T00:00:00"
        if citing:
            record["citedInFootnote"] = [f["id"] for f in citing]
        record["source"] = "bibliography"
        records.append(record)
    return records


def main(argv: list[str]) -> int:
    seed = Path(argv[1]).read_text(encoding="utf-8")
    footnotes = yaml.safe_load(Path("kg/data/sources-footnotes.yaml").read_text(encoding="utf-8"))
    records = transcribe(seed, footnotes)
    print("# The paper's bibliography, entry by entry in its order, as printed (written by")
    print("# tools/bibliography.py from the seed text): authors or publisher, year, title,")
    print("# address, last access, and the footnotes that cite each entry.")
    print()
    print(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
