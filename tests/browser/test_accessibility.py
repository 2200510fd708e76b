"""axe-core finds no serious or critical WCAG 2.2 AA problem on the pages readers use most, in the
light and the dark colour scheme."""

import pytest

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}
BLOCKING = {"serious", "critical"}


def _describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {' '.join(map(str, node['target']))}  {node['html'][:120]}"
            for node in violation["nodes"]
        )
    return "\n".join(lines)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "briefing", "actor", "quotes", "search"])
def test_axe_finds_no_serious_or_critical_violation(
    axe_script, open_page, live_server, demo, console_errors, name, color_scheme
):
    page = open_page(color_scheme=color_scheme)
    response = page.goto(live_server.url + demo.paths[name])
    assert response.status == 200
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {color_scheme})').matches")
    # Evaluated through the DevTools protocol: a script tag would be an inline script, which the
    # site's Content-Security-Policy rightly refuses.
    page.evaluate(axe_script.read_text())

    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)

    violations = results["violations"]
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert blocking == [], (
        f"axe finds serious or critical violations on {name} ({color_scheme}); all violations:\n"
        + _describe(violations)
    )
    # axe did check the page, contrast included (in this colour scheme's colours).
    assert "color-contrast" in {rule["id"] for rule in results["passes"]}
    assert console_errors == []
