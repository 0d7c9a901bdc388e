"""scripts/languages.py: the one list of languages, with each one's status, from mkdocs.yml."""

import pytest

from scripts.languages import languages

CONFIG = """site_name: X
plugins:
  - i18n:
      languages:
        - locale: en
          default: true
          name: English
        - locale: it
          name: Italiano
        - locale: pt
          name: Português
          extra:
            status: {status}
"""


def test_status_is_read_per_language(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(status="partial"), encoding="utf-8")
    found = {lang.code: lang.status for lang in languages(tmp_path)}
    assert found == {"en": "complete", "it": "complete", "pt": "partial"}


def test_unknown_status_is_refused_with_what_to_write(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(status="halfway"), encoding="utf-8")
    with pytest.raises(ValueError, match="language pt: extra.status is 'halfway'; use one of complete, partial"):
        languages(tmp_path)
