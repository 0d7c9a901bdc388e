"""Content-Security-Policy for every built page, as a <meta http-equiv> at the top of
<head> (GitHub Pages cannot send headers).

Nothing is loaded from another host: every fetch directive is 'self' (images also
data:, which Material's CSS uses for its icons). Scripts run only from this site's
files or, for the few inline scripts that Material's templates write, by their
sha256 hash computed here from the built page. An inline script is hashed only if
a template of the theme writes it (its text matches a <script> of a template, the
template's {{ ... }} expressions standing for plain string characters); any other
inline script stops the build: it did not come from a template, so it came from
content. Styles may be inline ('unsafe-inline' for style only: Python-Markdown
writes table alignment as style=), but stylesheets, fonts and images still come
from 'self' only, so CSS cannot call another host either.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],            # + the hashes of the page's template scripts
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "media-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],            # Material's search worker; the offline service worker
    "manifest-src": ["'self'"],          # the web app manifest
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_TEMPLATE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# What a template expression may become inside a template's inline script: characters
# of a URL or a word, never a quote, backslash, angle bracket or line break; or one
# JSON string (`| tojson`) holding no backslash, quote or angle bracket.
_EXPRESSION = r"(?:[^\"'`\\<>\n\r]*|\"[^\"'`\\<>\n\r]*\")"


class PolicyError(ValueError):
    pass


def template_scripts(theme_dirs) -> list[re.Pattern]:
    """Patterns of the inline scripts that the theme's templates (and overrides) write."""
    patterns = {}
    for folder in theme_dirs:
        for path in Path(folder).rglob("*.html"):
            for m in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                body = m.group(1)
                parts = _JINJA.split(body)
                if not "".join(parts).strip():
                    continue  # nothing but an expression: it could stand for any script
                patterns[body] = re.compile(_EXPRESSION.join(re.escape(p) for p in parts), re.DOTALL)
    return list(patterns.values())


def inline_scripts(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    out = []
    for node in tree.css("script"):
        attrs = node.attributes
        if "src" in attrs:
            continue
        if (attrs.get("type") or "").strip().lower() not in EXECUTABLE_TYPES:
            continue  # data blocks (application/json) are not run
        out.append(node.text(deep=True) or "")
    return out


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(hashes, serving: bool = False, base_uri: str = "'none'", form_action: str = "'none'") -> str:
    directives = dict(POLICY, **{"base-uri": [base_uri], "form-action": [form_action]})
    directives["script-src"] = POLICY["script-src"] + sorted(set(hashes))
    if serving:  # `mkdocs serve` only: its live-reload script changes on every request
        directives["script-src"] = POLICY["script-src"] + ["'unsafe-inline'"]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


_HEAD_START = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def apply(html: str, patterns: list[re.Pattern], where: str, serving: bool = False, base_uri: str = "'none'",
          form_action: str = "'none'") -> str:
    """The page with its policy in <head>; PolicyError for an inline script no template writes.
    Pages that the templates (never contributors) write may relax one directive to 'self':
    base_uri for the offline page, which carries its own <base>; form_action for the
    not-found page, whose search form opens the language's own search."""
    hashes = []
    for text in inline_scripts(html):
        if not any(p.fullmatch(text) for p in patterns):
            raise PolicyError(f"{where}: an inline <script> that no template writes: {text.strip()[:80]!r}")
        hashes.append(sha256(text))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, serving, base_uri, form_action)}">'
    head = _HEAD_START.search(html)
    if head is None:
        raise PolicyError(f"{where}: no <head> to put the Content-Security-Policy in")
    charset = _CHARSET.search(html, head.end())
    at = charset.end() if charset and charset.start() - head.end() < 200 else head.end()
    return html[:at] + meta + html[at:]
