"""External links (only with --external): HEAD (then GET) with a timeout, a
cache in .cache/check/external.json, and at most one request per host per
second. Without network it says so and reports nothing."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from scripts.check.report import Finding

TTL_OK, TTL_BAD = 7 * 86400, 86400
UA = "kb-check/1.0 (+link checker of the service philosophy knowledge base)"


def _fetch(url: str, timeout: float) -> tuple[int | None, str]:
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        req = urllib.request.Request(url, method=method, headers={"User-Agent": UA})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, "ok"
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return exc.code, str(exc.reason)
        except (urllib.error.URLError, socket.timeout, OSError) as exc:
            return None, str(getattr(exc, "reason", exc))
    return None, "no answer"


def network_available(hosts=(), timeout=3.0) -> bool:
    """True when at least one of the hosts (or example.org) resolves and answers on 443."""
    for host in list(hosts)[:5] or ["example.org"]:
        try:
            socket.create_connection((host, 443), timeout=timeout).close()
            return True
        except OSError:
            continue
    return False


def run(links: dict[str, list[tuple[str, int]]], root: Path, timeout=10.0, rate=1.0):
    """-> (findings, notes, listing)."""
    listing = [{"url": u, "where": [f"{p}:{l}" for p, l in w]} for u, w in sorted(links.items())]
    if not links:
        return [], ["external links: none"], listing
    offline = [], [f"external links: {len(links)} found, NOT checked: no network available"], listing
    hosts = list(dict.fromkeys(urlsplit(u).hostname for u in links if urlsplit(u).hostname))
    if not network_available(hosts):
        return offline
    cache_path = root / ".cache" / "check" / "external.json"
    try:
        cache = json.loads(cache_path.read_text())
    except (OSError, ValueError):
        cache = {}
    now = time.time()
    last_hit: dict[str, float] = {}
    lock = threading.Lock()

    def polite(url):
        host = urlsplit(url).netloc
        with lock:
            wait = last_hit.get(host, 0) + rate - time.time()
            last_hit[host] = max(time.time(), last_hit.get(host, 0) + rate)
        if wait > 0:
            time.sleep(wait)
        return _fetch(url, timeout)

    todo = [u for u in links if not (u in cache and now - cache[u]["t"] <
                                     (TTL_OK if cache[u]["ok"] else TTL_BAD))]
    fetched = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        for url, (status, reason) in zip(todo, pool.map(polite, todo)):
            fetched[url] = {"t": now, "ok": bool(status and status < 400), "status": status, "reason": reason}
    if todo and all(r["status"] is None for r in fetched.values()):
        return offline  # not one server answered: the network, not the links, is down
    # Only answers from a server are cached; a timeout or DNS failure is tried again next run.
    cache.update({u: r for u, r in fetched.items() if r["status"] is not None})
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache, indent=1))
    out = []
    for url, where in sorted(links.items()):
        c = fetched.get(url) or cache[url]
        if not c["ok"]:
            for path, line in where:
                out.append(Finding(path, line, "L004", f"external link {url}: {c['status'] or ''} {c['reason']}".strip()))
        for item in listing:
            if item["url"] == url:
                item["status"] = c["status"]
    return out, [f"external links: {len(links)} checked ({len(todo)} fetched, the rest from cache)"], listing
