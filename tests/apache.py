"""A real Apache 2.4 (Debian ``apache2``) on 127.0.0.1, set up as w3id.org runs it.

Two virtual hosts on two free loopback ports: the "w3id" host serves a folder holding
``eucan/.htaccess`` (the rules ``kg site`` writes, ``AllowOverride All`` as on w3id.org),
the "site" host serves the static site folder (with its own ``.htaccess``). The server
runs in the foreground as a child of the test and is stopped on every exit path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.tools import require

MODULES = Path("/usr/lib/apache2/modules")
_LOADED = ("mpm_event", "authz_core", "rewrite", "mime", "dir", "headers")
_CONFIG = """ServerRoot "{root}"
ServerName 127.0.0.1
DefaultRuntimeDir "{root}"
PidFile "{root}/httpd.pid"
ErrorLog "{root}/error.log"
LogLevel warn
{modules}
{user}
TypesConfig /etc/mime.types
DirectoryIndex index.html
Listen 127.0.0.1:{w3id_port}
Listen 127.0.0.1:{site_port}
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<VirtualHost 127.0.0.1:{w3id_port}>
  DocumentRoot "{w3id}"
  <Directory "{w3id}">
    AllowOverride All
    Require all granted
  </Directory>
</VirtualHost>
<VirtualHost 127.0.0.1:{site_port}>
  DocumentRoot "{site}"
  <Directory "{site}">
    AllowOverride All
    Require all granted
  </Directory>
</VirtualHost>
"""


def apache_binary() -> str:
    path = shutil.which("apache2") or ("/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists()
                                       else None)
    require(path is not None and all((MODULES / f"mod_{m}.so").exists() for m in _LOADED),
            "apache2 not found (Debian package apache2)")
    return path


@contextmanager
def apache(site: Path, rules: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """Apache serving ``rules(site URL)`` as ``/eucan/.htaccess`` on one port and the
    static ``site`` on another: yields (w3id base URL ``http://127.0.0.1:P/eucan``, site URL)."""
    from kg.store.server import free_port

    binary = apache_binary()
    root = Path(tempfile.mkdtemp(prefix="eucan-apache-"))
    try:
        w3id_port, site_port = free_port(), free_port()
        while site_port == w3id_port:
            site_port = free_port()
        site_url = f"http://127.0.0.1:{site_port}"
        (root / "w3id" / "eucan").mkdir(parents=True)
        (root / "w3id" / "eucan" / ".htaccess").write_text(rules(site_url), encoding="utf-8")
        shutil.copytree(site, root / "site")
        for folder, _dirs, names in os.walk(root):  # readable by the user Apache switches to
            os.chmod(folder, 0o755)
            for name in names:
                os.chmod(os.path.join(folder, name), 0o644)
        user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
        modules = "\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in _LOADED)
        (root / "httpd.conf").write_text(_CONFIG.format(
            root=root, modules=modules, user=user, w3id_port=w3id_port, site_port=site_port,
            w3id=root / "w3id", site=root / "site"), encoding="utf-8")
        process = subprocess.Popen([binary, "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            _wait(site_url, process, root)
            yield f"http://127.0.0.1:{w3id_port}/eucan", site_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _wait(url: str, process: subprocess.Popen, root: Path) -> None:
    for _ in range(200):
        if process.poll() is not None:
            log = (root / "error.log").read_text() if (root / "error.log").exists() else ""
            raise AssertionError(f"apache2 stopped: {process.stdout.read().decode()}\n{log}")
        try:
            urllib.request.urlopen(url + "/index.html", timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise AssertionError("apache2 did not answer within 10 s")
