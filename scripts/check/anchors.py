"""Section anchors: explicit ASCII ids, unique, identical across languages,
and published ids kept (or declared moved, and still answered by the site)."""
from __future__ import annotations

from scripts import anchors as registry_mod
from scripts.check.markdown import GOOD_ID
from scripts.check.report import Finding


def section_ids(src):
    return [h for h in src.headings if h.level in (2, 3)]


def run(model, opts) -> list[Finding]:
    out = []
    for src in model.pages():
        seen, before = {}, len(out)
        for h in section_ids(src):
            if not h.id:
                out.append(Finding(src.display, h.line, "A001", f"heading without explicit id: {'#' * h.level} {h.text}"))
                continue
            if not GOOD_ID.match(h.id):
                out.append(Finding(src.display, h.line, "A002", f"id '{h.id}' is not lowercase ASCII words joined by hyphens"))
            if h.id in seen:
                out.append(Finding(src.display, h.line, "A003", f"duplicate id '{h.id}' (first on line {seen[h.id]})"))
            else:
                seen[h.id] = h.line
        if src.lang != "en" and len(out) == before:  # a page with bad ids: fix those first
            en = model.sources.get(("en", src.rel))
            if en is not None:
                out += compare(src, en, current=model.is_current(src))
    out += check_registry(model, opts)
    return out


def compare(src, en, current=True) -> list[Finding]:
    """One finding per translated page whose ids differ from the English page: an error
    (A004) for a current translation, a warning (A009) for an outdated one."""
    mine = [h for h in section_ids(src) if h.id]
    theirs = [h.id for h in section_ids(en) if h.id]
    ids = [h.id for h in mine]
    if ids == theirs:
        return []
    missing = [i for i in theirs if i not in ids]
    extra = [h for h in mine if h.id not in theirs]
    if extra:
        line = extra[0].line
    else:  # same set, other order or count: point at the first difference
        k = next((i for i, (a, b) in enumerate(zip(ids, theirs)) if a != b), min(len(ids), len(theirs)))
        line = mine[k].line if k < len(mine) else (mine[-1].line if mine else src.body_line)
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("not in English " + ", ".join(h.id for h in extra))
    if not parts:
        parts.append("same ids in another order")
    if not current:
        return [Finding(src.display, line, "A009", f"outdated translation: section ids differ from docs/en/{en.rel}: "
                        + "; ".join(parts))]
    return [Finding(src.display, line, "A004", f"section ids differ from docs/en/{en.rel}: " + "; ".join(parts))]


def check_registry(model, opts) -> list[Finding]:
    path = opts["registry"]
    shown = opts.get("registry_display", "data/anchors.yml")
    try:
        reg = registry_mod.load(path)
    except registry_mod.RegistryError as exc:
        return [Finding(shown, exc.line, "A008", exc.message)]
    out = []
    en_ids = {src.rel: {h.id for h in section_ids(src) if h.id} for src in model.pages("en")}
    for page, ids in sorted(reg.pages.items()):
        src = model.sources.get(("en", page))
        for old in ids:
            if page in en_ids and old in en_ids[page]:
                continue
            if reg.moved_from(page, old) is None:
                where = src.display if src else f"docs/en/{page}"
                line = (src.headings[0].line if src.headings else src.body_line) if src else 1
                out.append(Finding(where, line, "A005",
                                   f"published anchor '{page}#{old}' was removed or renamed without a moved entry"))
    for m in reg.moved:
        to_page, _, to_id = registry_mod._resolve(reg, m["to"]).partition("#")
        if to_id not in en_ids.get(to_page, set()):
            out.append(Finding(shown, m["line"], "A006", f"moved entry {m['from']} -> {m['to']}: no such page/id in docs/en"))
            continue
        if not model.site_files:
            continue
        # The site must still answer the old link, in every language.
        from_page, _, old = m["from"].partition("#")
        for lang in model.langs:
            file = ("" if lang == "en" else lang + "/") + registry_mod.page_url(from_page) + "index.html"
            html = model.html_for(file)
            if html is not None and old not in html.ids:
                out.append(Finding(shown, m["line"], "A007",
                                   f"{file} does not answer #{old} (moved to {m['to']}): no alias anchor in the built page"))
                break
    return out
