"""``kg query``, ``kg push`` and ``kg serve``: the semantic query layer on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kg.cli.common import (
    add_format,
    add_graph,
    byte_count,
    count,
    graph_source,
    host_address,
    open_graph,
    port,
    positive,
    progress,
    register,
    seconds,
    url,
)
from kg.core.errors import QueryError

if TYPE_CHECKING:
    from kg.core.protocols import EmbeddedStore as Store
    from kg.network.entity_network import EntityNetwork

__all__ = ["cmd_query", "cmd_push", "cmd_serve"]


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param {pair!r}: expected key=value")
        key, value = pair.split("=", 1)
        values[key.strip()] = value
    return values


def _list_catalogue(fmt: str, raw: bool = False) -> int:
    from kg.cli.tables import render
    from kg.query.catalogue import catalogue

    rows = [{"name": q.name, "title": q.title,
             "parameters": ", ".join(f"{p.name} ({p.type}, default: {p.default or '-'})"
                                     for p in q.params)} for q in catalogue()]
    print(render(rows, fmt, max_width=70, raw=raw))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.cli.tables import render
    from kg.query import catalogue as queries
    from kg.store.embedded import serialize_triples

    if args.list:
        return _list_catalogue(args.format, args.csv_raw)
    if not args.query:
        raise QueryError("give a query name, a .rq file or '-' (see kg query --list)")
    query = queries.parse_text(sys.stdin.read()) if args.query == "-" else queries.get(args.query)
    store = open_graph(args, timeout=args.timeout, graph=args.graph, user=args.user,
                       password=_password(args.user), auth=args.auth,
                       max_bytes=args.max_bytes)
    result = queries.run(query, store, allow_update=args.allow_update, **_params(args.param))
    if isinstance(result, bool):
        print("true" if result else "false")
    elif result and not isinstance(result[0], dict):
        fmt = "jsonld" if args.format == "json" else "turtle"
        sys.stdout.write(serialize_triples(result, fmt).decode("utf-8"))
    else:
        rows = cast("list[dict[str, Any]]", result)  # a SELECT's
        if args.limit:
            rows = rows[: args.limit]
        print(render(rows, args.format, raw=args.csv_raw))
        if args.format == "table":
            print(f"\n{len(rows)} row(s)", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.store.push import push
    from kg.store.remote import public_url
    from kg.store.source import source_ntriples

    data = source_ntriples(graph_source(args))

    def report(done: int, total: int, sent: int) -> None:
        progress(f"chunk {done}/{total}: {sent} triples sent")

    sent = push(data, args.endpoint, graph=args.graph, replace=args.mode == "replace",
                chunk_size=args.chunk_size, start_chunk=args.start_chunk, timeout=args.timeout,
                user=args.user, password=_password(args.user), verify=not args.no_verify,
                query_url=args.query_endpoint, max_bytes=args.max_bytes, progress=report)
    checked = "" if args.no_verify else ", read back and counted"
    print(f"pushed {sent} triples to {public_url(args.endpoint)} "
          f"({'graph ' + args.graph if args.graph else 'default graph'}, {args.mode}{checked})")
    return 0


#: The environment variable holding the password for --user.
PASSWORD_VARIABLE = "EUCAN_PASSWORD"


def _password(user: str | None) -> str | None:
    """The password for ``user``: from $EUCAN_PASSWORD, else asked on the terminal."""
    import os

    if not user:
        return None
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE]
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"password for {user}: ")
    raise QueryError(f"--user {user}: set the password in ${PASSWORD_VARIABLE} "
                     "(no terminal to ask on)")


def _user(text: str) -> str:
    """An argparse type: a user name HTTP authentication can send."""
    from kg.core.errors import EndpointError
    from kg.store.urls import check_user

    try:
        return check_user(text)
    except EndpointError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_remote(p: argparse.ArgumentParser) -> None:
    from kg.store.urls import DEFAULT_GRAPH, MAX_ANSWER_BYTES, byte_size

    p.add_argument("--graph", nargs="?", const=DEFAULT_GRAPH, default=None, metavar="IRI",
                   help="the named graph holding the data (default: the server's default "
                        f"graph; --graph alone: {DEFAULT_GRAPH})")
    p.add_argument("--user", type=_user, default=None,
                   help=f"user name for HTTP authentication; the password comes from "
                        f"${PASSWORD_VARIABLE} or is asked for, and is sent to the "
                        "endpoint's own scheme, host and port only (default: none)")
    p.add_argument("--max-bytes", type=byte_count, default=MAX_ANSWER_BYTES, metavar="N",
                   help="read at most N bytes of any answer, K, M or G for KiB, MiB, GiB "
                        f"(default: {byte_size(MAX_ANSWER_BYTES).replace(' ', '')})")


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve.app import create_app
    from kg.serve.linked import add_description
    from kg.serve.run import listening_socket, serve
    from kg.store.open import hold_store
    from kg.store.source import open_graph as open_source

    source = graph_source(args)
    on_disk = source.kind == "store"
    _held = hold_store(Path(source.location)) if on_disk and args.on_disk else None
    store = open_source(source)  # an on-disk store held: no kg build --store meanwhile
    sock = listening_socket(args.host, args.port)
    port = sock.getsockname()[1]
    public = args.allow_host[0] if args.host in ("0.0.0.0", "::") and args.allow_host \
        else "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    where = f"http://{f'[{public}]' if ':' in public else public}:{port}"
    if args.host in ("0.0.0.0", "::"):
        names = ", ".join(["127.0.0.1", "localhost", *args.allow_host])
        progress(f"listening on every interface: other machines can reach the site; it "
                 f"answers to the names {names} (--allow-host NAME adds one)")
    network, answering, files = None, "from memory", {}
    if not on_disk:
        files = add_description(store, f"{where}/query", out_dir=Path(source.location)
                                if source.kind == "out" else None)
    else:
        store, network, answering = _served_store(store, on_disk=args.on_disk)
        if store.path is None:  # a copy in memory (the store on disk is never changed)
            add_description(store, f"{where}/query", out_dir=None)
    app = create_app(store, network=network, limits=_limits(args), host=args.host,
                     extra_hosts=args.allow_host, allow_service=args.allow_service,
                     max_body=args.max_body, cache_bytes=args.cache_size, files=files)
    try:
        progress(f"preparing the site (names, network, linkage scores; answering {answering}; "
                 f"each query at most {app.state.kg.sandbox.limits.describe()})")
        app.state.site.warm()

        def ready() -> None:
            print(f"SPARQL endpoint: {where}/query   (also /sparql; read-only)")
            print(f"site:            {where}/   (search, resource pages, linkage explorer, "
                  "queries, picture)")
            print("Ctrl-C stops the server.", flush=True)

        serve(app, sock, ready)
    finally:
        app.state.kg.sandbox.close()
    print("stopped", file=sys.stderr)
    return 0


def _limits(args: argparse.Namespace) -> Any:
    from kg.store.limits import Limits

    return Limits(timeout=args.query_timeout, memory=args.query_memory, rows=args.max_rows,
                  bytes=args.max_answer_bytes, concurrent=args.concurrent_queries)


def _served_store(disk: Store, *, on_disk: bool) -> tuple[Store, EntityNetwork, str]:
    """The store to serve for an on-disk ``disk``: an in-memory copy where it fits
    (:func:`kg.store.open.memory_copy`) and ``on_disk`` is not asked for, else ``disk``; its
    projection (the saved one when current); and where answers come from."""
    from kg.network.saved import projection_of
    from kg.store.open import memory_copy

    if not on_disk:
        progress("copying the store into memory where it fits (--on-disk answers from disk)")
    copy = None if on_disk else memory_copy(disk)
    network = projection_of(disk, source=copy)
    if copy is None:
        reason = "as asked" if on_disk else "it does not fit in half the available memory"
        return disk, network, f"from the on-disk store ({reason})"
    return copy, network, "from memory"


def cmd_site(args: argparse.Namespace) -> int:
    from kg.serve.export import PLACEHOLDER_URL, check_site_url, write_site
    from kg.serve.rewrite import DEFAULT_CONTACT, check_contact
    from kg.store.source import open_graph as open_source

    check_site_url(args.base_url)  # before the graph is read
    check_contact(args.contact)
    source = graph_source(args)
    store = open_source(source)
    # the distributions of the build the graph was read from (out/), else the graph itself
    built = Path(source.location) if source.kind == "out" else None
    dist = built if built is not None and (built / "void.ttl").is_file() else None
    result = write_site(store, args.out, site_url=args.base_url, progress=progress, dist=dist,
                        contact=args.contact)
    print(f"{result.folder}/: {result.pages} resource pages, {result.files} files; "
          f"{result.folder}/w3id/.htaccess redirects the project's IRIs to {args.base_url}/")
    if args.base_url == PLACEHOLDER_URL:
        print("  (a placeholder address: pass --base-url with the address the folder is "
              "hosted at before submitting w3id/ to w3id.org)")
    if args.contact == DEFAULT_CONTACT:
        print("  (no maintainer contact: w3id.org asks for one; pass --contact)")
    return 0


def cmd_loadtest(args: argparse.Namespace) -> int:
    import subprocess

    from kg.cli.tables import render
    from kg.scale.load import load_test
    from kg.store.server import free_port

    process = None
    url = args.url
    try:
        if url is None:
            port = free_port()
            process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port",
                                        str(port)], stdout=subprocess.PIPE, text=True)
            if process.stdout is not None:
                process.stdout.readline()  # the endpoint line: the server is up
            url = f"http://127.0.0.1:{port}"
        progress(f"{args.clients} clients x {args.requests} requests against {url}")
        result = load_test(url, clients=args.clients, requests=args.requests)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    rows = [{"requests": kind, "count": s["requests"], "errors": s["errors"],
             "p50 ms": f"{s['p50_ms']:.1f}", "p99 ms": f"{s['p99_ms']:.1f}"}
            for kind, s in [*result["kinds"].items(), ("all", result["all"])]]
    print(render(rows))
    print(f"\n{result['all']['requests']} requests in {result['seconds']:.1f} s: "
          f"{result['throughput']:.0f} requests/s, {result['all']['errors']} errors")
    return 1 if result["all"]["errors"] else 0


def _args_query(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="a query name, a .rq file, or - for stdin")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter value (repeatable)")
    add_format(p)
    p.add_argument("--limit", type=count, default=0, help="show at most N rows (default: all)")
    p.add_argument("--timeout", type=seconds, default=30.0,
                   help="deadline in seconds for the whole remote request: connecting, "
                        "sending and reading (default: 30)")
    _add_remote(p)
    p.add_argument("--auth", choices=("basic", "digest"), default="basic",
                   help="HTTP authentication scheme with --user (default: basic)")
    p.add_argument("--allow-update", action="store_true",
                   help="allow SPARQL Update (refused by default)")
    add_graph(p, endpoint=True)


def _args_push(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", type=url, required=True, metavar="URL",
                   help="Graph Store Protocol URL, http or https, e.g. "
                        "http://127.0.0.1:7878/store")
    _add_remote(p)
    p.add_argument("--mode", choices=("replace", "append"), default="replace",
                   help="replace the graph or append to it (default: replace)")
    p.add_argument("--chunk-size", type=positive, default=50_000,
                   help="triples per request (default: 50000)")
    p.add_argument("--start-chunk", type=count, default=0,
                   help="resume a failed upload from this chunk (default: 0)")
    p.add_argument("--timeout", type=seconds, default=600.0,
                   help="deadline in seconds for the whole upload and its check "
                        "(default: 600)")
    p.add_argument("--no-verify", action="store_true",
                   help="do not count the graph's triples on the server after the upload "
                        "(default: verify)")
    p.add_argument("--query-endpoint", type=url, default=None, metavar="URL",
                   help="SPARQL query URL to count the triples on (default: the one beside a "
                        "known Graph Store URL, else the graph is fetched back)")
    add_graph(p, engine=False)


def _args_serve(p: argparse.ArgumentParser) -> None:
    from kg.serve.defaults import CACHE_BYTES, MAX_BODY
    from kg.store.limits import Limits

    d = Limits()
    p.add_argument("--port", type=port, default=0, help="port (default: a free one)")
    p.add_argument("--host", type=host_address, default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0: every interface)")
    add_graph(p, engine=False)
    p.add_argument("--on-disk", action="store_true",
                   help="with --store: answer from the on-disk store (default: from a copy "
                        "in memory when it fits in half the available memory)")
    limits = p.add_argument_group("limits of one visitor's query (each runs in a child "
                                  "process with no network)")
    limits.add_argument("--query-timeout", type=seconds, default=d.timeout, metavar="S",
                        help=f"seconds (default: {d.timeout:g})")
    limits.add_argument("--query-memory", type=byte_count, default=d.memory, metavar="BYTES",
                        help=f"memory, e.g. 512M or 2G (default: {d.memory >> 20}M)")
    limits.add_argument("--max-rows", type=positive, default=d.rows, metavar="N",
                        help=f"rows or triples in an answer (default: {d.rows:,})")
    limits.add_argument("--max-answer-bytes", type=byte_count, default=d.bytes,
                        metavar="BYTES", help=f"bytes of an answer (default: {d.bytes >> 20}M)")
    limits.add_argument("--concurrent-queries", type=positive, default=d.concurrent,
                        metavar="N", help=f"queries running at once (default: {d.concurrent})")
    site = p.add_argument_group("what the site accepts")
    site.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                      help="a Host name the site answers to besides 127.0.0.1 and localhost "
                           "(repeatable; needed with --host 0.0.0.0)")
    site.add_argument("--allow-service", action="append", default=[], metavar="HOST",
                      help="a host a query's SERVICE may fetch from (repeatable; default: "
                           "none, SERVICE is refused)")
    site.add_argument("--max-body", type=byte_count, default=MAX_BODY, metavar="BYTES",
                      help=f"bytes a request may carry (default: {MAX_BODY >> 10}K)")
    site.add_argument("--cache-size", type=byte_count, default=CACHE_BYTES, metavar="BYTES",
                      help=f"bytes of answers kept to send again (default: {CACHE_BYTES >> 20}M)")


register("query", (cmd_query, "Run a named SPARQL query, a .rq file or a query from stdin.",
                   ["kg query --list", "kg query gic-budgets",
                    "kg query where-does-the-paper-say --param resource=SUAVA",
                    "kg query linkage-paths --param from=METASTARS --param to='Scale AI'",
                    "echo 'SELECT * WHERE { ?s a eucan:Eurocluster }' | kg query - --format csv",
                    "kg query gic-budgets --endpoint http://127.0.0.1:7878/query",
                    "kg query gic-budgets --endpoint http://127.0.0.1:8890/sparql --graph"],
                   _args_query))
register("push", (cmd_push, "Upload the graph to a SPARQL Graph Store Protocol endpoint.",
                  ["kg push --endpoint http://127.0.0.1:7878/store",
                   "kg push --endpoint http://127.0.0.1:8890/sparql-graph-crud --graph",
                   "EUCAN_PASSWORD=... kg push --endpoint http://HOST:8890/sparql-graph-crud-auth "
                   "--graph --user dba"], _args_push))
def _args_site(p: argparse.ArgumentParser) -> None:
    from kg.serve.defaults import DEFAULT_CONTACT, DEFAULT_SITE, PLACEHOLDER_URL

    p.add_argument("--out", type=Path, default=DEFAULT_SITE,
                   help=f"folder to write (default: {DEFAULT_SITE}; replaced whole)")
    p.add_argument("--base-url", default=PLACEHOLDER_URL,
                   help="where the folder will be hosted, for the w3id.org redirects "
                        f"(default: {PLACEHOLDER_URL}, a placeholder)")
    p.add_argument("--contact", default=DEFAULT_CONTACT,
                   help="the maintainer's contact for w3id.org (name and e-mail address or "
                        "GitHub account), written into w3id/.htaccess and w3id/README.md")
    add_graph(p, engine=False, build_flag="--build")


def _args_loadtest(p: argparse.ArgumentParser) -> None:
    p.add_argument("--clients", type=positive, default=16, help="concurrent clients (default: 16)")
    p.add_argument("--requests", type=positive, default=2000,
                   help="requests per client (default: 2000)")
    p.add_argument("--url", help="a running site (default: start kg serve on a free port)")


register("site", (cmd_site, "Write the resource pages as static files, with a w3id.org "
                  "redirect file for the project's IRIs.",
                  ["kg site", "kg site --out out/site --base-url https://eucan.example.org "
                   "--contact 'Ada Lovelace <ada@example.org>'"],
                  _args_site))
register("loadtest", (cmd_loadtest, "Load-test the site on loopback: concurrent clients over "
                      "resource pages, search and a named query; throughput and latency.",
                      ["kg loadtest", "kg loadtest --clients 4 --requests 100",
                       "kg loadtest --url http://127.0.0.1:7878"], _args_loadtest))
register("serve", (cmd_serve, "Serve the graph as a local linked-data site with a read-only "
                   "SPARQL endpoint: resource pages, search, linkage explorer, queries.",
                   ["kg serve", "kg serve --port 7878", "kg serve --store eucan-store",
                    "kg serve --query-timeout 30 --max-rows 1000000",
                    "kg serve --host 0.0.0.0 --allow-host kg.example.org"],
                   _args_serve))
