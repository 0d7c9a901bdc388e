"""Edit-to-visible time of the one-language live preview (`make live LANG=el`).

Starts the live server on a free port, waits until /el/ answers, then several times:
appends a marker to the last paragraph of a Greek page, polls the page's URL until the
marker is served, and records the time from the file write to the first response that
contains it. The page is restored afterwards. The same is then measured, in the same
run, for the previous edit loop `make serve SITE_LANG=el` (one language at /, every
page rebuilt), and the ratio printed: absolute times depend on the machine's load.
--full measures the four-language `make serve` instead of the baseline.

    python bench/live_edit.py [--lang el] [--page playbooks/saying-no.md] [--rounds 3] [--full] [--no-baseline]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import live  # noqa: E402
from scripts.anchors import page_url  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(url: str, needle: str | None, timeout: float, step: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body and (needle is None or needle in body):
            return time.perf_counter() - start
        time.sleep(step)
    return None


def measure(label, argv, env, url, source, rounds) -> list[float]:
    original = source.read_bytes()
    server = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    times = []
    try:
        started = wait_for(url, None, 600, step=0.5)
        if started is None:
            print(f"{label}: {url} never answered", file=sys.stderr)
            return times
        print(f"{label}: server answered {url} after {started:.1f} s", flush=True)
        time.sleep(1.0)  # let the watcher settle
        text = original.decode("utf-8")
        for i in range(rounds):
            marker = f"kbliveedit{i}x{int(time.time() * 1000)}"
            written = time.perf_counter()
            source.write_text(text.rstrip("\n") + f" {marker}\n", encoding="utf-8")
            seen = wait_for(url, marker, 120)
            elapsed = (time.perf_counter() - written) if seen is not None else None
            print(f"{label} round {i + 1}: " + (f"{elapsed:.2f} s from save to served" if elapsed else "not seen in 120 s"),
                  flush=True)
            if elapsed:
                times.append(elapsed)
            source.write_bytes(original)
            # wait for the rebuild the restore causes, so rounds do not overlap
            wait_for(url, None, 5)
            time.sleep(2.5)
    finally:
        source.write_bytes(original)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="el")
    ap.add_argument("--page", default="playbooks/saying-no.md")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="baseline: the four-language mkdocs serve")
    ap.add_argument("--no-baseline", action="store_true", help="measure the live preview only")
    args = ap.parse_args()
    source = ROOT / "docs" / args.lang / args.page

    addr = f"127.0.0.1:{free_port()}"
    argv, env = live.command(args.lang, addr)
    url = f"http://{addr}/{args.lang}/{page_url(args.page)}"
    live_times = measure(f"make live LANG={args.lang}", argv, env, url, source, args.rounds)
    if live_times:
        print(f"make live LANG={args.lang}: median {statistics.median(live_times):.2f} s, max {max(live_times):.2f} s "
              f"over {len(live_times)} edits (target <= 2 s)", flush=True)
    if args.no_baseline or not live_times:
        return 0 if len(live_times) == args.rounds else 1

    addr = f"127.0.0.1:{free_port()}"
    env = {**os.environ, "SITE_LANG": "" if args.full else args.lang, "KB_SITE_URL": f"http://{addr}/",
           "NO_MKDOCS_2_WARNING": "1"}
    env.pop(live.LIVE_ENV, None)
    argv = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr]
    label = "make serve" if args.full else f"make serve SITE_LANG={args.lang}"
    prefix = f"{args.lang}/" if args.full else ""
    base_times = measure(label, argv, env, f"http://{addr}/{prefix}{page_url(args.page)}", source, args.rounds)
    if base_times:
        ratio = statistics.median(base_times) / statistics.median(live_times)
        print(f"{label}: median {statistics.median(base_times):.2f} s over {len(base_times)} edits; "
              f"make live is {ratio:.1f}x faster from save to served (same run, same machine)")
    return 0 if len(live_times) == args.rounds and len(base_times) == args.rounds else 1


if __name__ == "__main__":
    sys.exit(main())
