"""Benchmark: weight of a first visit to a playbook, ours against a plain Material page.

    .venv/bin/python bench/page_weight.py [--runs 5] [--page playbooks/saying-no/] [--site site]

Serves the built site (site/, as `make bench` builds it) on 127.0.0.1 and opens
/playbooks/saying-no/ in headless Chromium (Debian's /usr/bin/chromium), each run
in a fresh browser context (empty cache), and records until the network is idle
(Material then starts our small search worker and fetches the index's settings;
the entries and Material's worker wait for the first search):

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

Offline pack: after the page's load, at idle, our service worker saves the
language's offline pack in the background. Requests made by the worker are not
counted in the first visit; they are reported apart, per language (a first visit
to that language's playbook, until the page reports the pack saved): bytes the
worker transferred (files the page had just loaded are only revalidated, 304),
and the pack's full size, as stored and gzipped (a host compressing text).
Target: each pack <= 1.5 MB transferred.

--before SITE measures the same first visit on an earlier build (for example
main's site/ built elsewhere) in the same run: the first visit must stay within 5%.
"""

from __future__ import annotations

import argparse
import functools
import json
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


def measure(browser, base_url: str, path: str, wait_for_pack: bool = False, route_all: bool = True) -> dict:
    """One first visit in a fresh context: bytes, requests, foreign requests, FCP;
    and what the service worker transferred in the background (pack_bytes)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    local: list = []
    worker: list = []
    foreign: list[str] = []

    def route(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort("internetdisconnected")

    if route_all:  # (Playwright turns the HTTP cache off while it routes: no 304 revalidation then)
        context.route("**/*", route)
    def finished(request):
        if request.url.startswith(base_url):
            (worker if request.service_worker is not None else local).append(request)

    context.on("requestfinished", finished)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        pack_state = None
        if wait_for_pack and page.locator('meta[name="kb-offline"]').count():
            page.wait_for_function("document.documentElement.dataset.kbOffline", timeout=120000)
            pack_state = page.evaluate("document.documentElement.dataset.kbOffline")
        fcp = page.evaluate("""() => {
          const entry = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
          return entry ? entry.startTime : null;
        }""")
        def weigh(requests):
            per_url = {}
            for request in requests:
                sizes = request.sizes()
                body = max(sizes["responseBodySize"], 0)
                response = request.response()
                url = request.url[len(base_url):] or "/"
                # Worker scripts: Chromium reports no body size; the server sent Content-Length.
                # (A file the service worker only revalidated (304) has no body either: not counted.)
                script = request.service_worker is None or re.search(r"(^|/)(sw\.js|offline-manifest\.[0-9a-f]+\.js)$", url)
                if not body and script and response is not None and response.status == 200:
                    body = int(response.headers.get("content-length") or 0)
                per_url[url] = per_url.get(url, 0) + body + max(sizes["responseHeadersSize"], 0)
            return per_url

        per_url, pack_urls = weigh(local), weigh(worker)
        return {"bytes": sum(per_url.values()), "requests": len(local), "foreign": len(foreign), "fcp": fcp,
                "urls": per_url, "foreign_urls": foreign, "pack_bytes": sum(pack_urls.values()),
                "pack_requests": len(worker), "pack_state": pack_state}
    finally:
        context.close()


def offline_packs(browser, base_url: str, site: Path, page: str) -> dict:
    """Per language: what the worker transferred to save the pack after a first visit
    to that language's copy of the page, and the pack's size from the manifest."""
    sys.path.insert(0, str(REPO))
    from scripts.languages import languages
    from scripts.offline import size_of

    found = sorted(site.glob("offline-manifest.*.js"))
    if not found:
        return {}
    manifest = json.loads(found[0].read_text(encoding="utf-8").removeprefix("self.KB_MANIFEST=").rstrip().rstrip(";"))
    out = {}
    for lang in languages(REPO):
        if lang.code not in manifest["packs"]:
            continue
        run = measure(browser, base_url, manifest["langs"][lang.code] + page, wait_for_pack=True, route_all=False)
        raw, packed = size_of(site, manifest["packs"][lang.code])
        out[lang.code] = {"transferred": run["pack_bytes"], "requests": run["pack_requests"], "state": run["pack_state"],
                          "files": len(manifest["packs"][lang.code]), "bytes": raw, "gzip": packed}
    return out


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
    parser.add_argument("--before", type=Path, help="an earlier build of the site: its first visit is measured too")
    parser.add_argument("--no-pack", action="store_true", help="skip the offline pack measurement")
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
            results = {"ours": [], "plain": [], "plain_site": [], "before": []}
            before = Served(args.before) if args.before else None
            if before:
                before.__enter__()
            for _ in range(args.runs):  # interleaved, so that machine load hits all alike
                results["ours"].append(measure(browser, ours.url, args.page))
                results["plain"].append(measure(browser, plain.url, ""))
                results["plain_site"].append(measure(browser, plain_all.url, args.page))
                if before:
                    results["before"].append(measure(browser, before.url, args.page))
            if before:
                before.__exit__(None, None, None)
            packs = {} if args.no_pack else offline_packs(browser, ours.url, args.site, args.page)
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
        print("  (plain Material downloads the whole index on every first visit; ours downloads its settings"
              " only, and the entries (search/full_index.json) with the first search)")
    print()
    if plain_m["foreign_urls"]:
        print("plain Material asks other hosts for:", ", ".join(sorted(set(plain_m["foreign_urls"]))))
    verdict = []
    verdict.append("no request to another host" if ours_m["foreign"] == 0 else f"{ours_m['foreign']:.0f} requests to other hosts")
    verdict.append("no heavier than plain Material" if ours_m["bytes"] <= plain_m["bytes"]
                   else f"{ours_m['bytes'] - plain_m['bytes']:,.0f} bytes heavier than plain Material")
    print("ours:", "; ".join(verdict))
    if results["before"]:
        before_m = median_of(results["before"])
        change = ours_m["bytes"] / before_m["bytes"] - 1
        print(f"\nfirst visit, before (--before {args.before}): {before_m['bytes']:,.0f} bytes, "
              f"{before_m['requests']:.0f} requests; now {ours_m['bytes']:,.0f} bytes, {ours_m['requests']:.0f} requests: "
              f"{change:+.1%} ({'within' if abs(change) <= 0.05 else 'OUTSIDE'} 5%)")
    if packs:
        print("\nOffline pack, saved in the background after a first visit to the language's playbook "
              "(worker requests, not in the first visit above):")
        print(f"{'':6}{'transferred':>13}{'requests':>10}{'pack files':>12}{'pack size':>12}{'gzipped':>10}  budget 1.5 MB")
        for code, info in packs.items():
            worst = info["transferred"]  # uncompressed: the worst case
            print(f"{code:6}{info['transferred']:>13,}{info['requests']:>10}{info['files']:>12}{info['bytes']:>12,}"
                  f"{info['gzip']:>10,}  {'ok' if worst <= 1_500_000 else 'OVER'} ({info['state']})")
        print("  transferred: by this test server, which does not compress; a host that gzips sends about the"
              " 'gzipped' column")
    if args.list:
        for name, m in (("ours", ours_m), ("plain page", plain_m), ("plain site", site_m)):
            print(f"\n{name} (last run):")
            for url, size in sorted(m["urls"].items(), key=lambda item: -item[1]):
                print(f"  {size:>10,}  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
