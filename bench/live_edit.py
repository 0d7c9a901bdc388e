"""Edit-to-visible time of the one-language live preview (`make live LANG=el`).

Starts the live server on a free port, waits until /el/ answers, then several times:
appends a marker sentence to a paragraph of a Greek page, polls the page's URL until
the marker is served, and records the time from the file write to the first response
that contains it. The page is restored afterwards. For comparison, the same is
measured for a full four-language `mkdocs serve` (the old edit loop) with --full.

    python bench/live_edit.py [--lang el] [--page playbooks/saying-no.md] [--rounds 3] [--full]
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="el")
    ap.add_argument("--page", default="playbooks/saying-no.md")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="measure a full four-language mkdocs serve instead")
    args = ap.parse_args()

    addr = f"127.0.0.1:{free_port()}"
    if args.full:
        argv = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr]
        env = {**os.environ, "SITE_LANG": "", "KB_SITE_URL": f"http://{addr}/", "NO_MKDOCS_2_WARNING": "1"}
    else:
        argv, env = live.command(args.lang, addr)
    url = f"http://{addr}/{args.lang}/{page_url(args.page)}"
    source = ROOT / "docs" / args.lang / args.page
    original = source.read_bytes()
    server = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    times = []
    try:
        started = wait_for(url, None, 300, step=0.5)
        if started is None:
            print(f"live_edit: {url} never answered", file=sys.stderr)
            return 1
        print(f"server answered {url} after {started:.1f} s")
        time.sleep(1.0)  # let the watcher settle
        text = original.decode("utf-8")
        for i in range(args.rounds):
            marker = f"kbliveedit{i}x{int(time.time() * 1000)}"
            # append the marker to the last paragraph line of the page
            edited = text.rstrip("\n") + f" {marker}\n"
            written = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            seen = wait_for(url, marker, 60)
            elapsed = (time.perf_counter() - written) if seen is not None else None
            print(f"round {i + 1}: " + (f"{elapsed:.2f} s from save to served" if elapsed else "not seen in 60 s"))
            if elapsed:
                times.append(elapsed)
            source.write_bytes(original)
            time.sleep(2.5)  # the restore triggers a rebuild too
    finally:
        source.write_bytes(original)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if times:
        print(f"{'full serve' if args.full else 'live ' + args.lang}: median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s over {len(times)} edits (target <= 2 s)")
    return 0 if len(times) == args.rounds else 1


if __name__ == "__main__":
    sys.exit(main())
