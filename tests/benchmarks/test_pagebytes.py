"""benchmarks/pagebytes.py: a page's widget bytes, counted as the page serves them."""
from __future__ import annotations

from benchmarks.pagebytes import page_widget_bytes


def test_widget_bytes_gzip_state_and_markup_together_as_the_page_holds_them(tmp_path):
    prompt = "Which body's president first proposed the Indus talks in 1951? " * 20
    page = tmp_path / "page.html"
    page.write_text('<html><body><div class="ck-widget-mount" data-model-id="m1">'
                    '<script type="application/json" class="ck-state">{"state": {"prompt": "%s"}}</script>'
                    '<div class="ck-fallback"><p>%s</p></div></div></body></html>' % (prompt, prompt), encoding="utf-8")
    sizes = page_widget_bytes(page)
    assert sizes["state"] > len(prompt) and sizes["markup"] > len(prompt)
    assert max(sizes["state_gzip"], sizes["markup_gzip"]) <= sizes["inline_gzip"] < sizes["state_gzip"] + sizes["markup_gzip"]
