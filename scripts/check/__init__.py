"""Integrity checker for the knowledge base: `python -m scripts.check --help`.

One model of docs/ and site/ (model.py) is read by one module per concern:
links, anchors, citations, translations, language, markup. report.py holds the
finding codes, their hints and the text/JSON output.
"""
