"""Pages fit a phone's width, and screenshots at phone and desktop widths go to
test-artifacts/screenshots/ for people to look at."""

import pytest

pytestmark = pytest.mark.browser

# The elements that stick out to the right, each named by tag, id and classes; only the outermost
# of a nest that sticks out, so the report names the cause rather than its descendants.
WIDER_THAN_THE_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = (element) => element.getBoundingClientRect().right > width + 0.5;
  const name = (element) =>
    element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    [...element.classList].map((c) => "." + c).join("");
  return [...document.body.querySelectorAll("*")]
    .filter((element) => sticksOut(element) && !sticksOut(element.parentElement))
    .slice(0, 5)
    .map((element) => {
      const path = [];
      for (let node = element; node && node !== document.body; node = node.parentElement) {
        path.unshift(name(node));
      }
      return path.join(" > ") + ` (right edge ${Math.round(element.getBoundingClientRect().right)}px)`;
    });
}"""


@pytest.mark.parametrize("width", [390, 320])
def test_no_page_scrolls_sideways_on_a_phone(open_page, live_server, demo, console_errors, width):
    page = open_page(viewport={"width": width, "height": 800})
    overflowing = {}
    for name, path in demo.paths.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            overflowing[f"{name} ({path}): {scroll_width}px wide"] = page.evaluate(
                WIDER_THAN_THE_PAGE
            )

    assert overflowing == {}, f"pages scroll sideways at {width}px"
    assert console_errors == []


SCREENSHOT_PAGES = ["home", "briefing", "actor", "quotes", "search"]


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_main_pages_at_phone_and_desktop_widths(
    open_page, live_server, demo, screenshots, console_errors, width
):
    page = open_page(viewport={"width": width, "height": 900})
    for name in SCREENSHOT_PAGES:
        page.goto(live_server.url + demo.paths[name])
        stylesheet_applied = page.evaluate(
            "getComputedStyle(document.querySelector('.skip-link')).position"
        )
        assert stylesheet_applied == "absolute", f"{name} is unstyled"
        path = screenshots / f"{name}-{width}.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0

    assert console_errors == []
