"""Benchmark: `python -m scripts.check` against lychee on the same built site.

    .venv/bin/python bench/check_vs_lychee.py [--scale 10 | --pages N] [--runs 5] [--half] [--keep DIR]

Generates a synthetic corpus (by default ten times the real site: the real pages
plus nine times as many synthetic ones, per language; or PAGES per language) with
the real mkdocs.yml, data/ and overrides/, builds it, then times the checker
(all checks) and `lychee --offline --include-fragments --index-files
index.html` on the built site, in the same run. With --half it repeats everything
with half the pages to show how the time grows. Builds take minutes.

Corpus choices (documented so the numbers can be read):
- the checker is also timed with `--only links,anchors`: lychee's job alone;
- pages live in folders sec00..secNN of 100 pages; the nav lists each folder's
  index and its first four pages (about the real site's nav size): listing all
  4,000 pages would make every page carry a 1,000-entry menu, which the real
  site never has; other pages are reached through links between pages;
- every page has front matter, 4 sections with ## and ### ids, citations of
  real keys from data/bib, links to sections of other pages, one external link;
  translations are written in their language and carry a current source_hash;
- the build is not strict (the synthetic corpus cites no glossary ordering etc.);
  data/anchors.yml is generated for the synthetic pages.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts import anchors as anchors_mod  # noqa: E402
from scripts.frontmatter import FrontMatterError, parse as fm_parse  # noqa: E402
from scripts.languages import codes  # noqa: E402
from scripts.translations import hash_text  # noqa: E402

BIN = Path(sys.executable).parent
PER_DIR = 100
PREFIX = "synthetic"

WORDS = {
    "en": ["The clerk listens before answering.", "A refund policy should be written down.",
           "Staff may say no when the facts are clear.", "The manager backs the team in public.",
           "Customers remember how a problem was handled.", "A calm tone lowers the temperature.",
           "Explain the rule, then offer what you can do.", "Write down what was promised."],
    "it": ["Il commesso ascolta prima di rispondere.", "La politica dei rimborsi va messa per iscritto.",
           "Il personale può dire di no quando i fatti sono chiari.", "Il responsabile sostiene la squadra in pubblico.",
           "I clienti ricordano come è stato gestito un problema.", "Un tono calmo abbassa la tensione.",
           "Spiegate la regola, poi proponete ciò che potete fare.", "Annotate ciò che è stato promesso."],
    "el": ["Ο υπάλληλος ακούει πριν απαντήσει.", "Η πολιτική επιστροφών πρέπει να είναι γραπτή.",
           "Το προσωπικό μπορεί να πει όχι όταν τα γεγονότα είναι σαφή.", "Ο προϊστάμενος στηρίζει την ομάδα δημόσια.",
           "Οι πελάτες θυμούνται πώς λύθηκε ένα πρόβλημα.", "Ο ήρεμος τόνος μειώνει την ένταση.",
           "Εξηγήστε τον κανόνα και μετά προτείνετε τι μπορείτε να κάνετε.", "Σημειώστε τι υποσχεθήκατε."],
    "zh": ["店員先聆聽，再回答。", "退款規定應該寫成文字。", "事實清楚時，第一線人員可以拒絕。",
           "主管會在眾人面前支持團隊。", "顧客會記得問題是怎麼被處理的。", "平靜的語氣能讓氣氛緩和下來。",
           "先說明規定，再提出你能做到的事。", "把答應過的事情記下來。"],
}
# The site's languages (mkdocs.yml) that have sample sentences above.
LANGS = tuple(code for code in codes(REPO) if code in WORDS)
HEADINGS = {
    "en": ["Listening", "Explaining", "Offering", "Following up", "Detail"],
    "it": ["Ascoltare", "Spiegare", "Proporre", "Verificare", "Dettaglio"],
    "el": ["Ακρόαση", "Εξήγηση", "Πρόταση", "Παρακολούθηση", "Λεπτομέρεια"],
    "zh": ["傾聽", "說明", "提出方案", "後續追蹤", "細節"],
}
LINK_TEXT = {"en": "see also", "it": "vedi anche", "el": "δείτε επίσης", "zh": "另見"}


def bib_keys() -> list[str]:
    from pybtex.database.input.bibtex import Parser
    import pybtex.errors
    keys = []
    for f in sorted((REPO / "data" / "bib").glob("*.bib")):
        with pybtex.errors.capture():
            try:
                keys += list(Parser().parse_string(f.read_text(encoding="utf-8")).entries.keys())
            except Exception:
                pass
    return sorted(set(keys)) or ["otoole2015customer"]


def page_names(n: int) -> list[str]:
    names = [f"{PREFIX}/index.md"]
    d = 0
    while len(names) < n:
        for i in range(PER_DIR):
            if len(names) >= n:
                break
            names.append(f"{PREFIX}/sec{d:02d}/" + ("index.md" if i == 0 else f"page{i:03d}.md"))
        d += 1
    return names


def rel(from_page: str, to_page: str) -> str:
    return os.path.relpath(to_page, os.path.dirname(from_page) or ".").replace(os.sep, "/")


def page_text(lang: str, name: str, names: list[str], keys: list[str], rnd: random.Random) -> str:
    w, h = WORDS[lang], HEADINGS[lang]
    sep = "" if lang == "zh" else " "
    def para(k=4):
        return sep.join(rnd.choice(w) for _ in range(k))
    title = f"{h[rnd.randrange(4)]} {names.index(name)}"
    lines = [f"# {title}", "", para() + f"[@{rnd.choice(keys)}]", ""]
    for s in range(1, 5):
        target = names[rnd.randrange(len(names))]
        lines += [f"## {h[s - 1]} {s} {{#section-{s}}}", "",
                  para() + f"[@{rnd.choice(keys)}; @{rnd.choice(keys)}]", "",
                  f"[{LINK_TEXT[lang]}]({rel(name, target)}#section-{rnd.randint(1, 4)}), "
                  f"[{h[4]}](#detail-{s}).", "",
                  f"### {h[4]} {s} {{#detail-{s}}}", "", para(3), ""]
    if name.endswith("index.md"):
        # Folder indexes link every page of their folder, so everything is reachable.
        folder = os.path.dirname(name)
        kids = [n for n in names if os.path.dirname(n) == folder and n != name]
        kids += [n for n in names if n.endswith("/index.md") and n.count("/") == 2] if name == names[0] else []
        lines += [f"- [{h[4]} {names.index(n)}]({rel(name, n)})" for n in kids] + [""]
    lines += ["[Quote Investigator](https://quoteinvestigator.com/2015/10/06/customer/)", ""]
    return title, "\n".join(lines)


def generate(root: Path, n: int) -> None:
    from mkdocs.utils.yaml import yaml_load
    keys = bib_keys()
    names = page_names(n)
    # The real pages come along (the plugin links footnotes to bibliography.md,
    # the glossary links into history/ ...); the synthetic pages go into synthetic/.
    shutil.copytree(REPO / "docs", root / "docs")
    for md in (root / "docs").rglob("*.md"):  # a half-written real page must not stop the build
        try:
            fm_parse(md)
        except FrontMatterError:
            text = md.read_text(encoding="utf-8")
            body = text.split("---", 2)[2] if text.count("---") >= 2 else text
            md.write_text(f"---\ntitle: {md.stem}\ndescription: {md.stem}\n---{body}", encoding="utf-8")
    for d in ("data", "overrides", "hooks"):
        if (REPO / d).is_dir():
            shutil.copytree(REPO / d, root / d)
    with open(REPO / "mkdocs.yml", encoding="utf-8") as fh:
        cfg = yaml_load(fh)
    cfg.update(docs_dir="docs", site_dir="site", strict=False)
    cfg.pop("watch", None)  # `make serve` paths (scripts/) that the corpus does not have
    folders = sorted({os.path.dirname(x) for x in names if x.count("/") == 2})
    cfg["nav"] = list(cfg.get("nav") or []) + [{"Synthetic": [names[0]] + [
        {f"Section {f[-2:]}": [x for x in names if x.startswith(f + "/")][:5]} for f in folders]}]
    for lang in LANGS:
        for name in names:
            title, body = page_text(lang, name, names, keys, random.Random(f"{n}{name}"))
            path = root / "docs" / lang / name
            path.parent.mkdir(parents=True, exist_ok=True)
            fm = {"title": title, "description": f"{title}: synthetic page for the benchmark."}
            if lang != "en":
                en_body = (root / "docs" / "en" / name).read_text(encoding="utf-8").split("---\n", 2)[2]
                fm["source_hash"] = hash_text(en_body)
            path.write_text("---\n" + yaml.safe_dump(fm, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reg = root / "data" / "anchors.yml"
    if anchors_mod.update(root / "docs", reg):  # the real registry disagrees with docs: start afresh
        reg.unlink(missing_ok=True)
        anchors_mod.update(root / "docs", reg)


def run_once(cmd, cwd) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall s, CPU s of the child: user + system, all threads) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1"))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def timed_pair(cmds: dict, cwd, runs) -> dict:
    """Alternate the tools run by run (the machine is shared: load comes and goes)
    and keep the fastest wall time and the smallest CPU time of each."""
    res = {name: {"wall": [], "cpu": [], "proc": None} for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            wall, cpu, proc = run_once(cmd, cwd)
            res[name]["wall"].append(wall)
            res[name]["cpu"].append(cpu)
            res[name]["proc"] = proc
    return res


def bench(n: int, runs: int, keep: Path | None, reuse=False) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"kb-bench-{n}-")) if keep is None else keep / str(n)
    build_s = float("nan")
    if reuse and (root / "site" / "index.html").exists():
        print(f"[{n} pages/language] reusing the corpus built in {root}", flush=True)
    else:
        if root.exists() and keep is not None:
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        print(f"[{n} pages/language] generating in {root}", flush=True)
        generate(root, n)
        t0 = time.perf_counter()
        b = subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=root, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1", SITE_LANG=""))
        build_s = time.perf_counter() - t0
        if not (root / "site" / "index.html").exists():
            print(b.stderr[-3000:])
            raise SystemExit("build failed")
    html = sum(1 for _ in (root / "site").rglob("*.html")) if (root / "site").is_dir() else 0
    print(f"[{n}] build {build_s:.0f} s, {html} HTML files", flush=True)
    lychee = shutil.which("lychee", path=str(BIN)) or shutil.which("lychee")
    cmds = {
        "checker": [sys.executable, "-m", "scripts.check", "--root", str(root), "--no-hints"],
        # lychee's own job (links and their #fragments), for a like-for-like figure beside the full one
        "checker, links and anchors only": [sys.executable, "-m", "scripts.check", "--root", str(root), "--no-hints",
                                            "--only", "links,anchors"],
        "lychee": [lychee, "--offline", "--include-fragments", "--index-files", "index.html",
                   "--root-dir", str(root / "site"), "--no-progress", str(root / "site")],
    }
    res = timed_pair(cmds, root, runs)
    for name, r in res.items():
        last = (r["proc"].stdout.strip().split("\n") or [""])[-1][:150]
        print(f"[{n}] {name}: wall {' '.join(f'{x:.2f}' for x in r['wall'])} s; "
              f"CPU {' '.join(f'{x:.2f}' for x in r['cpu'])} s (exit {r['proc'].returncode}; {last})", flush=True)
    check_s, lychee_s = min(res["checker"]["wall"]), min(res["lychee"]["wall"])
    check_cpu, lychee_cpu = min(res["checker"]["cpu"]), min(res["lychee"]["cpu"])
    if keep is None:
        shutil.rmtree(root, ignore_errors=True)
    same = res["checker, links and anchors only"]
    return {"pages": html, "html": html, "build": build_s, "check": check_s, "lychee": lychee_s,
            "check_cpu": check_cpu, "lychee_cpu": lychee_cpu, "links": min(same["wall"]), "links_cpu": min(same["cpu"])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=10,
                    help="corpus size as a multiple of the real site (default 10: the real pages plus "
                         "synthetic ones, about ten times as many HTML pages)")
    ap.add_argument("--pages", type=int, help="synthetic pages per language (instead of --scale)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each tool, alternating (fastest kept)")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    ap.add_argument("--half", action="store_true", help="also time a corpus of half the size (how time grows)")
    ap.add_argument("--reuse", action="store_true", help="with --keep: time again the corpora already built there")
    args = ap.parse_args(argv)
    if args.pages is None:
        real = sum(1 for _ in (REPO / "docs" / LANGS[0]).rglob("*.md"))
        args.pages = real * (args.scale - 1)
        print(f"site x{args.scale}: {real} real pages per language plus {args.pages} synthetic ones", flush=True)
    results = [bench(args.pages, args.runs, args.keep, args.reuse)]
    if args.half:
        results.insert(0, bench(args.pages // 2, args.runs, args.keep, args.reuse))
    print("\nfastest of the runs (wall) and smallest CPU time (user+system, all threads/processes)")
    print("HTML pages | build s | checker wall s | lychee wall s | ratio wall | checker CPU s | lychee CPU s | ratio CPU | checker pages/s")
    for r in results:
        print(f"{r['pages']:>10} | {r['build']:7.0f} | {r['check']:14.2f} | {r['lychee']:13.2f} | "
              f"{r['lychee'] / r['check']:9.1f}x | {r['check_cpu']:13.2f} | {r['lychee_cpu']:12.2f} | "
              f"{r['lychee_cpu'] / r['check_cpu']:8.1f}x | {r['pages'] / r['check']:15.0f}")
    for r in results:
        print(f"{r['pages']:>10} pages, the checker doing lychee's job only (links, anchors): wall {r['links']:.2f} s "
              f"({r['lychee'] / r['links']:.1f}x faster than lychee), CPU {r['links_cpu']:.2f} s "
              f"({r['lychee_cpu'] / r['links_cpu']:.1f}x)")
    if len(results) == 2:
        a, b = results
        print(f"growth from {a['pages']} to {b['pages']} pages (x{b['pages'] / a['pages']:.2f}): "
              f"checker wall x{b['check'] / a['check']:.2f}, CPU x{b['check_cpu'] / a['check_cpu']:.2f}; "
              f"lychee wall x{b['lychee'] / a['lychee']:.2f}, CPU x{b['lychee_cpu'] / a['lychee_cpu']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
