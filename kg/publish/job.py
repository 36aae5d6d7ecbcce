"""The main job: load the data, build the graph, validate it, write ``out/``.

Nothing is written unless the data loads and the graph conforms to the shapes; the
whole folder is written beside the old one and swapped into place at once
(:func:`kg.core.files.replace_folder`), so ``out/`` always holds one complete build.

The graph is a pure function of the data files, the ontology, the shapes and the code
(:func:`graph_inputs`). When none of them changed since the build in ``out/``, the
previous graph files are reused (their bytes checked against the manifest) and the
store is filled from them: that graph passed the same gate with the same shapes and
checks, so it is not validated again (``fresh=True`` builds and validates regardless).

Examples
--------
>>> import tempfile, pathlib
>>> result = build(pathlib.Path(tempfile.mkdtemp()))
>>> len(result.files), sorted(result.files)[-4:]
(14, ['rdfxml', 'trig', 'turtle', 'void'])
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.core.errors import KGError, ValidationError
from kg.core.files import replace_folder, write_atomic
from kg.core.formats import by_name, by_suffix
from kg.core.protocols import EmbeddedStore, SparqlStore
from kg.data.load import data_files, folder_files, load_records
from kg.data.schema import ontology_turtle, shapes_turtle
from kg.data.support import support_problems
from kg.graph.validate import validate
from kg.publish.helper import Helper, wanted
from kg.publish.rdf import EXPORT_FORMATS, export_all, rdf_payloads
from kg.publish.reuse import MANIFEST, Reuse
from kg.query.stats import class_counts
from kg.store.embedded import Store
from kg.store.open import DEFAULT_OUT, build_graph
from kg.store.source import SOURCE_RECORD, record_source

__all__ = ["BuildResult", "build", "extra_payloads", "void_turtle", "graph_inputs",
           "DEFAULT_OUT"]


@dataclass
class BuildResult:
    """What a build produced: the store, counts, files and timings (seconds)."""

    store: EmbeddedStore
    triples: int
    classes: dict[str, int]
    shapes_checked: int
    files: dict[str, Path]
    timings: dict[str, float] = field(default_factory=dict)
    #: Producers whose outputs were taken unchanged from the previous build.
    reused: list[str] = field(default_factory=list)
    #: The on-disk store written with ``build(store=DIR)`` (:func:`write_store`).
    disk: dict[str, Any] = field(default_factory=dict)
    #: The parts of ``timings["prepare"]``: seconds of each producer that ran, the
    #: projection they share, and the docs' examples (drawn also when the docs are reused).
    prepare: dict[str, float] = field(default_factory=dict)


def _shape_count() -> int:
    return shapes_turtle().decode("utf-8").count("a sh:NodeShape")


def graph_inputs(data_dir: Path | None = None, engine: str = "oxigraph") -> bytes:
    """What the graph is made from: the data files (names and bytes), the ontology, the
    shapes and the engine (the code is added by :class:`~kg.publish.reuse.Reuse`)."""
    paths = folder_files(data_dir) if data_dir else data_files()
    parts = [f"engine={engine}".encode()]
    parts += [b"%s\0%s" % (p.name.encode("utf-8"), p.read_bytes()) for p in paths]
    parts += [ontology_turtle(), shapes_turtle()]
    return b"\0\0".join(parts)


def build(out_dir: Path = DEFAULT_OUT, *, engine: str = "oxigraph", data_dir: Path | None = None,
          progress: Callable[[str], None] | None = None, csv_bom: bool = False,
          fresh: bool = False, store: Path | None = None,
          add: Sequence[Path] = ()) -> BuildResult:
    """Build, validate and export the graph into ``out_dir`` (``fresh``: build and
    validate even when the inputs are those of the graph in ``out_dir``); with ``store``,
    also write it (and the RDF files ``add``) into an on-disk Oxigraph store there, with
    its entity network saved beside it (:func:`write_store`).

    :raises DataError: if a data file is invalid (nothing is written).
    :raises ValidationError: if the graph violates a shape or a check (nothing is written).
    :raises KGError: if ``store`` may not be written or ``add`` names a file that is not RDF
        (checked before anything is written).
    """
    if add and store is None:
        raise KGError("--add loads RDF files into the on-disk store: give --store DIR too")
    if store is not None:
        from kg.store.open import check_rdf_files, check_store_folder

        check_store_folder(store, out_dir)  # before anything is written
        check_rdf_files(add)
    with ExitStack() as stack:  # a helper process started on the way ends with the build
        result = _build(out_dir, engine=engine, data_dir=data_dir, progress=progress,
                        csv_bom=csv_bom, fresh=fresh, stack=stack)
    if store is not None:
        result.disk = write_store(result.store, store, add, progress=progress)
    return result


def write_store(graph: EmbeddedStore, folder: Path, add: Sequence[Path] = (), *,
                progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Write ``graph`` (and the RDF files ``add``) into an on-disk Oxigraph store in
    ``folder`` and save its entity network beside it (:mod:`kg.network.saved`); returns
    the store's folder, triples, projection file, nodes and edges."""
    from kg.network.saved import PROJECTION_FILE, projection_of
    from kg.store.open import content_record, memory_copy, open_disk_store, write_disk_store

    say = progress or (lambda message: None)
    say(f"loading the on-disk store {folder}"
        + (f" with {len(add)} extra file(s)" if add else ""))
    write_disk_store(graph, folder, add)
    say("projecting the entity network of the store (from a copy in memory where it fits)")
    disk = open_disk_store(folder)
    network = projection_of(disk, source=memory_copy(disk))
    del disk
    record = content_record(folder) or {}
    return {"folder": folder, "triples": record.get("triples", 0),
            "projection": folder / PROJECTION_FILE, "nodes": network.number_of_nodes(),
            "edges": network.number_of_edges()}


def _build(out_dir: Path, *, engine: str, data_dir: Path | None,
           progress: Callable[[str], None] | None, csv_bom: bool, fresh: bool,
           stack: ExitStack) -> BuildResult:
    """:func:`build`; a helper process (:mod:`kg.publish.helper`) joins ``stack``."""
    say = progress or (lambda message: None)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    reuse = Reuse.from_folder(None if fresh else out_dir)
    made: list[EmbeddedStore] = []
    helpers: list[Helper] = []

    def make_graph() -> dict[str, bytes]:
        if engine == "oxigraph" and wanted():  # its imports overlap the steps below
            helpers.append(stack.enter_context(Helper()))
        mark = time.perf_counter()
        say("loading data")
        records = load_records(folder_files(data_dir) if data_dir else None)
        unproved = support_problems(records)  # every relation quoted by words that state it
        if unproved:
            raise ValidationError(unproved)
        timings["load"] = time.perf_counter() - mark
        say(f"building graph from {len(records)} records")
        mark = time.perf_counter()
        made.append(build_graph(records, engine=engine))
        timings["build"] = time.perf_counter() - mark
        say("validating (SHACL, OWL Lite, checks)")
        mark = time.perf_counter()
        problems = [p for found in validate(made[0]).values() for p in found]
        timings["validate"] = time.perf_counter() - mark
        if problems:
            raise ValidationError(problems)
        mark = time.perf_counter()
        payloads = rdf_payloads(made[0])
        timings["serialise"] = time.perf_counter() - mark
        return {_rdf_name(name): data for name, data in payloads.items()}

    graph_files = reuse.outputs("graph", graph_inputs(data_dir, engine), make_graph)
    rdf = {name: graph_files[_rdf_name(name)] for name in EXPORT_FORMATS}
    if made:
        store = made[0]
    else:
        timings["inputs"] = time.perf_counter() - start
        say("inputs unchanged: reading the previous graph")
        mark = time.perf_counter()
        store = Store(engine=engine)
        store.add_ntriples(rdf["ntriples"])
        timings["read"] = time.perf_counter() - mark
    say("preparing network, picture, named graphs, CSV, JSON-LD context, docs")
    mark = time.perf_counter()
    split: dict[str, float] = {}
    extra = extra_payloads(store, rdf["jsonld"], csv_bom=csv_bom, reuse=reuse,
                           graph_bytes=rdf["ntriples"], split=split,
                           helper=helpers[0] if helpers else None)
    timings["prepare"] = time.perf_counter() - mark
    say(f"writing {out_dir}/")
    mark = time.perf_counter()
    with replace_folder(out_dir, "output") as staging:
        written = export_all(store, staging, payloads=rdf)
        for name, data in extra.items():
            write_atomic(staging / name, data)
        sizes = {p.name: p.stat().st_size for p in written.values()}
        sizes.update({name: len(data) for name, data in extra.items()})
        write_atomic(staging / "void.ttl", void_turtle(store, sizes))
        write_atomic(staging / MANIFEST, reuse.manifest())
        write_atomic(staging / SOURCE_RECORD, record_source(data_dir))
    files = {kind: out_dir / path.name for kind, path in written.items()}
    files.update({_kind(name): out_dir / name for name in extra if "/" not in name})
    files["csv"] = out_dir / "csv"
    files["docs"] = out_dir / "docs" / "index.html"
    files["void"] = out_dir / "void.ttl"
    timings["export"] = time.perf_counter() - mark
    return BuildResult(store, len(store), class_counts(store), _shape_count(), files, timings,
                       reused=reuse.reused, prepare=split)


def _rdf_name(format_name: str) -> str:
    """The file the main job writes a format of the graph to (``eucan.ttl`` …)."""
    return f"eucan.{by_name(format_name).suffix}"


#: Outputs whose kind is not the name of their format.
_KINDS = {"context.jsonld": "context", "eucan.compact.jsonld": "compact-jsonld"}


def _kind(name: str) -> str:
    """The kind of the output file ``name`` in ``BuildResult.files``: its format's
    name (``eucan.nq``: ``nquads``), or its own (the JSON-LD context).

    >>> _kind("eucan-network.graphml"), _kind("eucan.nq"), _kind("context.jsonld")
    ('graphml', 'nquads', 'context')
    """
    if name in _KINDS:
        return _KINDS[name]
    found = by_suffix(name.rsplit(".", 1)[-1])
    if found is None:
        raise KeyError(name)
    return found.name


def extra_payloads(store: EmbeddedStore, jsonld: bytes | None = None, *, csv_bom: bool = False,
                   reuse: Reuse | None = None, graph_bytes: bytes | None = None,
                   split: dict[str, float] | None = None,
                   helper: Helper | None = None) -> dict[str, bytes]:
    """Every output beyond the four RDF syntaxes, by path relative to the output folder
    (``jsonld``: the graph's JSON-LD if already serialised). With ``reuse``, a producer
    whose inputs (``graph_bytes``: the graph's sorted N-Triples) did not change since the
    previous build gives its old files instead of running again. With ``helper``, the docs
    and the graph's other syntaxes are made there while this process makes the network
    files, the picture and the tables. ``split`` receives the seconds of each producer
    that ran (the helper's jobs marked so)."""
    from kg.publish.docs import docs_inputs, term_examples

    reuse = reuse or Reuse.from_folder(None)
    graph_bytes = graph_bytes if graph_bytes is not None else store.serialize("ntriples")
    split = split if split is not None else {}
    producers = _producers(store, jsonld, csv_bom, split)
    mark = time.perf_counter()
    examples = term_examples(store)
    split["examples"] = time.perf_counter() - mark  # the docs' input, also when reused
    inputs = {"network": graph_bytes, "picture": graph_bytes,
              "publication": graph_bytes + (b"\0bom" if csv_bom else b""),
              "docs": docs_inputs(store, examples)}
    previous = {name: reuse.previous(name, inputs[name]) for name in _HELPED}
    sent = _send(helper, [name for name in _HELPED if previous[name] is None], store, jsonld,
                 graph_bytes, examples)
    payloads = reuse.outputs("network", inputs["network"], producers["network"])
    payloads.update(reuse.outputs("picture", inputs["picture"], producers["picture"]))
    tables = producers["tables"]() if "publication" in sent else {}
    helped = helper.results() if sent and helper is not None else None
    for name, job in _HELPED.items():
        found = previous[name]
        if found is None and helped is not None and helper is not None:
            found = {**helped[job], **(tables if name == "publication" else {})}
            split[f"{job} (helper)"] = helper.timings[job]
        elif found is None:
            found = producers[name](examples) if name == "docs" else producers[name]()
        payloads.update(reuse.record(name, inputs[name], found,
                                     reused=previous[name] is not None))
    if helped is not None and helper is not None:
        split["helper wait"] = helper.timings["waited"]
    return payloads


#: The producers the helper process takes part in, and its job for each (the publication's
#: tables need the store: the main process makes them meanwhile).
_HELPED = {"publication": "syntaxes", "docs": "docs"}


def _send(helper: Helper | None, names: list[str], store: EmbeddedStore, jsonld: bytes | None,
          graph_bytes: bytes, examples: dict[str, str]) -> list[str]:
    """Hand the helper its jobs for the producers ``names`` (those to be made); returns the
    names sent (none: no helper, or nothing to make, and then the helper is stopped)."""
    if helper is None:
        return []
    if not names:
        helper.close()
        return []
    from kg.publish.context import jsonld_context

    helper.send([_HELPED[name] for name in names], ntriples=graph_bytes,
                jsonld=jsonld or store.serialize("jsonld"), context=jsonld_context(store),
                examples=examples)
    return names


def _producers(store: EmbeddedStore, jsonld: bytes | None, csv_bom: bool,
               split: dict[str, float]) -> dict[str, Callable[..., dict[str, bytes]]]:
    """Each producer of :func:`extra_payloads` as a function giving its files, timed into
    ``split`` (the projection they share apart)."""
    projected: list = []

    def timed(name: str, make: Callable[..., dict[str, bytes]]) -> Callable[..., dict]:
        def run(*args: Any) -> dict[str, bytes]:
            before, mark = split.get("projection", 0.0), time.perf_counter()
            found = make(*args)
            split[name] = split.get(name, 0.0) + time.perf_counter() - mark - (
                split.get("projection", 0.0) - before)
            return found
        return run

    # Producers import their libraries only when they run: a build that reuses every
    # output never loads networkx, pyld or pyLODE.
    def network():  # one projection for the exports and the picture, made only if needed
        from kg.network.projection import project

        if not projected:
            mark = time.perf_counter()
            projected.append(project(store))
            split["projection"] = time.perf_counter() - mark
        return projected[0]

    def network_files() -> dict[str, bytes]:
        from kg.network.export import NETWORK_FORMATS, network_bytes

        return {f"eucan-network.{NETWORK_FORMATS[fmt]}": network_bytes(network(), fmt)
                for fmt in NETWORK_FORMATS}

    def picture() -> dict[str, bytes]:
        from kg.publish.viz import render_html

        return {"graph.html": render_html(network(), store).encode("utf-8")}

    def publication() -> dict[str, bytes]:
        from kg.publish.tables import publication_payloads

        return publication_payloads(store, jsonld, csv_bom=csv_bom)

    def tables() -> dict[str, bytes]:  # the publication's part made beside the helper
        from kg.publish.tables import class_tables

        return class_tables(store, bom=csv_bom)

    def docs(examples: dict[str, str]) -> dict[str, bytes]:
        from kg.publish.docs import ontology_html

        return {"docs/index.html": ontology_html(store, examples).encode("utf-8")}

    return {"network": timed("network", network_files), "picture": timed("picture", picture),
            "publication": timed("publication", publication), "docs": timed("docs", docs),
            "tables": timed("tables", tables)}


def void_turtle(store: SparqlStore, sizes: dict[str, int], endpoint: str | None = None) -> bytes:
    """The VoID/DCAT description as Turtle."""
    import pyoxigraph as ox

    from kg.core.namespaces import DCAT, PREFIXES, VOID
    from kg.publish.describe import describe

    prefixes = {**{k: v for k, v in PREFIXES.items() if k != "id"}, "void": VOID, "dcat": DCAT}
    return ox.serialize(describe(store, sizes, endpoint), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes) or b""
