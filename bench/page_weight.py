"""Benchmark: weight of a first visit to a playbook, ours against a plain Material page.

    .venv/bin/python bench/page_weight.py [--runs 5] [--page playbooks/saying-no/] [--site site]

Serves the built site (site/, as `make bench` builds it) on 127.0.0.1 and opens
/playbooks/saying-no/ in headless Chromium (Debian's /usr/bin/chromium), each run
in a fresh browser context (empty cache), and records until the network is idle
(Material loads its search worker and index after the page):

- bytes: sum of the response sizes of every request to the local server
  (Playwright's request.sizes(): body as transferred plus response headers);
- requests: requests to the local server;
- requests to other hosts: anything else. The machine is treated as a closed
  network: those requests are aborted at once and count 0 bytes (on the open web
  they would add bytes and could delay the first paint);
- FCP: first-contentful-paint from performance.getEntriesByType("paint").

The baseline is built in the same run, in a temporary folder: a minimal
mkdocs.yml with `theme: material` at its defaults (Google Fonts on, as Material
ships) and the search plugin, one page docs/index.md holding the Markdown of
docs/en/playbooks/saying-no.md with the citation brackets removed. attr_list is
enabled so the `{#id}` of the headings does not show as text. Medians of RUNS runs
are printed, ours against the baseline. Times depend on the machine; there is no
assertion on them. The targets: ours makes no request to another host and
transfers no more bytes than the plain Material page.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SOURCE_PAGE = REPO / "docs" / "en" / "playbooks" / "saying-no.md"

BASELINE_CONFIG = """\
site_name: Plain Material
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - attr_list
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Served:
    """A folder served on 127.0.0.1 (free port) for the life of the `with` block."""

    def __init__(self, folder: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def strip_citations(markdown: str) -> str:
    """`claim [@key]` and `claim [@a; @b]` -> `claim`."""
    return re.sub(r"\s*\[@[^\]]*\]", "", markdown)


def build_baseline(tmp: Path, whole_site: bool = False) -> Path:
    """The plain Material page; with whole_site, every English page (same nav size,
    same search index size as ours), the playbook at its usual address."""
    (tmp / "docs").mkdir(parents=True)
    (tmp / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    if whole_site:
        for source in sorted((REPO / "docs" / "en").rglob("*.md")):
            target = tmp / "docs" / source.relative_to(REPO / "docs" / "en")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(strip_citations(source.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        (tmp / "docs" / "index.md").write_text(strip_citations(SOURCE_PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    done = subprocess.run([*command, "build", "--quiet", "-f", str(tmp / "mkdocs.yml"), "-d", str(tmp / "site")],
                          cwd=tmp, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"building the plain Material baseline failed ({done.returncode})")
    return tmp / "site"


def measure(browser, base_url: str, path: str) -> dict:
    """One first visit in a fresh context: bytes, requests, foreign requests, FCP."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    local: list = []
    foreign: list[str] = []

    def route(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    context.on("requestfinished", lambda request: local.append(request) if request.url.startswith(base_url) else None)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        fcp = page.evaluate("""() => {
          const entry = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
          return entry ? entry.startTime : null;
        }""")
        per_url = {}
        for request in local:
            sizes = request.sizes()
            body = sizes["responseBodySize"]
            if not body:  # worker scripts: Chromium reports no body size; the server sent Content-Length
                response = request.response()
                body = int((response.headers.get("content-length") if response else None) or 0)
            per_url[request.url[len(base_url):] or "/"] = body + sizes["responseHeadersSize"]
        return {"bytes": sum(per_url.values()), "requests": len(local), "foreign": len(foreign), "fcp": fcp,
                "urls": per_url, "foreign_urls": foreign}
    finally:
        context.close()


def median_of(runs: list[dict]) -> dict:
    out = {key: statistics.median(r[key] for r in runs) for key in ("bytes", "requests", "foreign")}
    fcps = [r["fcp"] for r in runs if r["fcp"] is not None]
    out["fcp"] = statistics.median(fcps) if fcps else None
    out["urls"], out["foreign_urls"] = runs[-1]["urls"], runs[-1]["foreign_urls"]
    return out


def ratio(a, b) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="playbooks/saying-no/")
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--list", action="store_true", help="also list every request of the last run")
    args = parser.parse_args(argv)

    if not (args.site / args.page / "index.html").exists():
        print(f"{args.site / args.page} is not built: run `make build` first", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kb-page-weight-") as tmp:
        plain_page = build_baseline(Path(tmp) / "page")
        plain_site = build_baseline(Path(tmp) / "site", whole_site=True)
        with sync_playwright() as playwright, Served(args.site) as ours, Served(plain_page) as plain, \
                Served(plain_site) as plain_all:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {"ours": [], "plain": [], "plain_site": []}
            for _ in range(args.runs):  # interleaved, so that machine load hits all alike
                results["ours"].append(measure(browser, ours.url, args.page))
                results["plain"].append(measure(browser, plain.url, ""))
                results["plain_site"].append(measure(browser, plain_all.url, args.page))
            browser.close()

    ours_m, plain_m, site_m = (median_of(results[k]) for k in ("ours", "plain", "plain_site"))
    print(f"First visit, fresh context, median of {args.runs} runs; other hosts aborted (closed network).")
    print(f"  ours        : /{args.page} of site/ (English)")
    print("  plain page  : the same Markdown, alone, on a default Material site (Google Fonts on, search plugin)")
    print(f"  plain site  : every English page on that default Material site, /{args.page}")
    print("                (same nav and search index size as ours: shows what our features add)")
    print()
    fcp = lambda v: f"{v:.0f}" if v is not None else "n/a"  # noqa: E731
    rows = [
        ("bytes transferred", "bytes", lambda v: f"{v:,.0f}"),
        ("requests (local)", "requests", lambda v: f"{v:.0f}"),
        ("requests to other hosts", "foreign", lambda v: f"{v:.0f}"),
        ("first contentful paint, ms", "fcp", fcp),
    ]
    print(f"{'':28}{'ours':>10}{'plain page':>12}{'ours/page':>11}{'plain site':>12}{'ours/site':>11}")
    for label, key, fmt in rows:
        with_ratio = key != "foreign"
        print(f"{label:28}{fmt(ours_m[key]):>10}{fmt(plain_m[key]):>12}"
              f"{ratio(ours_m[key], plain_m[key]) if with_ratio else '':>11}"
              f"{fmt(site_m[key]):>12}{ratio(ours_m[key], site_m[key]) if with_ratio else '':>11}")
    index = "search/search_index.json"
    if index in ours_m["urls"] and index in plain_m["urls"]:
        less = lambda m: m["bytes"] - m["urls"].get(index, 0)  # noqa: E731
        print(f"{'bytes without search index':28}{less(ours_m):>10,}{less(plain_m):>12,}{ratio(less(ours_m), less(plain_m)):>11}"
              f"{less(site_m):>12,}{ratio(less(ours_m), less(site_m)):>11}")
        print("  (the index is loaded by Material's search worker after the page is shown; its size grows"
              " with the site, not with the page)")
    print()
    if plain_m["foreign_urls"]:
        print("plain Material asks other hosts for:", ", ".join(sorted(set(plain_m["foreign_urls"]))))
    verdict = []
    verdict.append("no request to another host" if ours_m["foreign"] == 0 else f"{ours_m['foreign']:.0f} requests to other hosts")
    verdict.append("no heavier than plain Material" if ours_m["bytes"] <= plain_m["bytes"]
                   else f"{ours_m['bytes'] - plain_m['bytes']:,.0f} bytes heavier than plain Material")
    print("ours:", "; ".join(verdict))
    if args.list:
        for name, m in (("ours", ours_m), ("plain page", plain_m), ("plain site", site_m)):
            print(f"\n{name} (last run):")
            for url, size in sorted(m["urls"].items(), key=lambda item: -item[1]):
                print(f"  {size:>10,}  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
