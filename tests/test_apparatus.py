"""The paper's apparatus as data: the list of abbreviations (page 5 of the paper) and the
bibliography (pages 44-47), checked against the paper's text where it is at hand.

The printed list has seventeen entries: six tagged "(CA)" (BL-NCEs, CECRs, GIC, ISED,
ISI, NCE), eight tagged "(EU)" (DG GROW, ECCP, ESCP, ESCP-4i, ESCP-4x, ESCP-S3, INNOSUP,
S3) and three without a tag (CAD, EU, EUR).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.query.catalogue import run

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # tools/bibliography.py, the transcription tool


def test_the_list_of_abbreviations_is_complete_and_tagged_as_printed(store):
    rows = run("abbreviations", store)
    assert len(rows) == 17
    tags = {r["abbreviation"]: r["tagged"] for r in rows}
    assert sorted(a for a, t in tags.items() if t == "CA") == [
        "BL-NCEs", "CECRs", "GIC", "ISED", "ISI", "NCE"]
    assert sorted(a for a, t in tags.items() if t == "EU") == [
        "DG GROW", "ECCP", "ESCP", "ESCP-4i", "ESCP-4x", "ESCP-S3", "INNOSUP", "S3"]
    assert sorted(a for a, t in tags.items() if t is None) == ["CAD", "EU", "EUR"]
    assert len(run("abbreviations", store, tag="CA")) == 6


def test_each_abbreviation_links_to_the_resource_it_stands_for(store):
    rows = {r["abbreviation"]: r for r in run("abbreviations", store)}
    assert rows["ISED"]["expansion"] == "Innovation, Science and Economic Development Canada"
    assert rows["ISED"]["resource"] == "Innovation, Science and Economic Development Canada"
    assert rows["DG GROW"]["resource"].startswith("Directorate-General for Internal Market")
    assert rows["ESCP-4i"]["expansion"] == "ESCP for Going International"
    # Currencies abbreviate no resource of the graph.
    assert rows["CAD"]["resource"] is None and rows["EUR"]["expansion"] == "Euro"


def test_abbreviations_stay_out_of_the_network_and_name_resolution(store):
    from kg.network.projection import project
    from kg.query.resolve import resolve

    graph = project(store)
    assert not any(n.startswith("https://w3id.org/eucan/id/abbreviation/") for n in graph)
    assert resolve(store, "ISED") == "https://w3id.org/eucan/id/body/ised"


def _seed() -> str:
    from kg.data.paper import read_paper

    return read_paper()  # the copy shipped with the project


def test_the_bibliography_has_every_entry_of_the_paper(store):
    import bibliography

    printed = bibliography.entries(_seed())
    rows = run("bibliography", store)
    assert len(rows) == len(printed) == 41
    # Porter (1998), Harvard Business Review; Ketels & Protsiv (2021), Regional Studies.
    porter = next(r for r in rows if r["authors"] == "Porter, M.")
    assert porter["year"] == 1998 and porter["url"].startswith("https://hbr.org/1998/11/")
    assert any(r["authors"] == "Ketels, C. & Protsiv, S." and r["year"] == 2021 for r in rows)


def test_each_entry_is_quoted_as_printed_in_the_paper(store):
    import bibliography

    paper = " ".join(bibliography._plain(line) for line in bibliography.entries(_seed()))
    quoted = store.select("SELECT ?c WHERE { ?b a eucan:BibliographyEntry ; "
                          "dcterms:bibliographicCitation ?c }")
    assert len(quoted) == 41
    assert all(row["c"].value in paper for row in quoted)


def test_the_data_is_what_the_transcription_tool_writes():
    import bibliography
    import yaml

    shipped = [yaml.safe_load((ROOT / "kg" / "data" / name).read_text(encoding="utf-8"))
               for name in ("bibliography.yaml", "footnote-citations.yaml")]
    written = list(bibliography.transcribe(_seed()))
    # The claims review adds what other places of the paper say of an entry (Porter's
    # levels, section 1; a hidden name) as fields of its own, with the places added to its
    # sources; every field the tool writes stays as it writes it.
    for made, kept in zip(written, shipped, strict=True):
        assert [r["id"] for r in made] == [r["id"] for r in kept]
        for record, curated in zip(made, kept, strict=True):
            for key, value in record.items():
                found = curated.get(key)
                if key == "source":  # the tool's places first, then those the review added
                    tool = value if isinstance(value, list) else [value]
                    kept_places = found if isinstance(found, list) else [found]
                    assert kept_places[:len(tool)] == tool, record["id"]
                else:
                    assert found == value, (record["id"], key)


def test_footnotes_lead_to_the_entries_they_cite(store):
    # Footnote 46 cites ACCIÓ (2023) for Catalonia's cluster programme; the 2019
    # arrangement (ISED; DG GROW) is cited by a footnote too.
    cited = [r["entry"] for r in run("bibliography", store, footnote="46")]
    assert any(e.startswith("ACCIÓ") for e in cited)
    arrangement = next(r for r in run("bibliography", store)
                       if r["authors"] == "ISED; DG GROW")
    assert arrangement["year"] == 2019 and arrangement["footnotes"]
    counted = store.select("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b eucan:citedInFootnote ?f }")
    # Not cited by a footnote: ECCP (2021), the EUROCLUSTERS call and "EU-Canada trade in
    # your town" (European Commission (2023)); tests/test_footnotes.py checks each link.
    assert int(counted[0]["n"].value) == 38
