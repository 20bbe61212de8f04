"""axe-core (WCAG 2 A and AA) finds nothing on the main page kinds, light and dark.

axe-core comes from npm (package.json at the repo root: `npm ci`); without it these tests skip.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})).violations
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 3)
                .map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' '))}))"""


def violations(page: Page, axe_script, path: str) -> list[str]:
    page.goto(path)
    page.add_script_tag(path=str(axe_script))
    return [
        f"{path}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in page.evaluate(AXE_RUN)
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_a_or_aa_violations(new_context, page_paths, axe_script, scheme: str) -> None:
    page = new_context(color_scheme=scheme).new_page()
    found = []
    for kind in ("home", "briefing", "article"):
        found += violations(page, axe_script, page_paths[kind])
    assert not found, f"axe-core, {scheme} mode:\n" + "\n".join(found)
