"""axe-core in the browser tests: run the vendored engine (static/vendor/axe-core/) over the
page as it is shown, with the WCAG 2.1 A and AA rules, and return what it finds.

The engine is added as a script of the page's own site (the static file), so the page's
Content Security Policy stays on during the audit; a page served without the static files
gets the file's text instead (page.add_script_tag(path=…)), which needs a context created
with bypass_csp=True.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/static/vendor/axe-core/axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (options) => {
  const result = await axe.run(document, options);
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary })),
    })),
    passes: result.passes.length,
    incomplete: result.incomplete.map((r) => r.id),
    inapplicable: result.inapplicable.length,
  };
}"""


def inject_axe(page, *, base_url: str | None = None) -> None:
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    if base_url:
        page.add_script_tag(url=base_url + AXE_URL)
    else:
        page.add_script_tag(path=str(AXE))


def axe_run(page, *, base_url: str | None = None, disabled: tuple[str, ...] = ()) -> dict:
    """axe's WCAG 2.1 AA run over the page (rule ids in `disabled` left out): `violations`
    (rule, impact, the nodes), the number of rules passed and inapplicable, and the ids of
    rules it could not decide (incomplete: a person checks those, e.g. contrast over an image)."""
    inject_axe(page, base_url=base_url)
    options = {
        "runOnly": {"type": "tag", "values": WCAG21_AA},
        "rules": {rule: {"enabled": False} for rule in disabled},
        "resultTypes": ["violations"],
    }
    return page.evaluate(_RUN, options)


def axe_violations(page, *, base_url: str | None = None, disabled: tuple[str, ...] = ()) -> list[dict]:
    """The WCAG 2.1 AA violations axe finds on the page."""
    return axe_run(page, base_url=base_url, disabled=disabled)["violations"]


def describe(violations: list[dict]) -> str:
    """One line per violating node, for an assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}: {node['html']}"
            )
    return "\n".join(lines)
