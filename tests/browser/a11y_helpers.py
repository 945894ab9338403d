"""What a keyboard or screen reader user meets, read from the browser: where focus is and whether
it shows, text contrast as rendered, and the accessibility tree Chromium hands to screen readers."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page


# The focused element, as a line for reports, and what is wrong with how it is shown, if anything.
# A control drawn by a label (Material's colour-scheme radio buttons have no size: the label
# after each one shows the icon and, per Material's CSS `.md-option.focus-visible + label`, its
# focus) is judged by that label. Visible: inside the viewport, not covered at its centre (by the header, the
# drawer's overlay, ...), and drawn with an outline or a shadow.
_FOCUS_REPORT = """async (target) => {
    // As settle() in browser_helpers, wait until what moves or fades has stopped (the drawer
    // slides, search opens), in one round trip per Tab stop. Colour fades (Material's 125 ms on
    // every link) change neither where focus is nor whether its outline shows: not waited for.
    for (;;) {
        const running = document.getAnimations().filter(animation => animation.playState === "running"
            && animation.effect?.getTiming().iterations !== Infinity
            && !/color$/.test(animation.transitionProperty || ""));
        if (!running.length) break;
        await Promise.all(running.map(animation => animation.finished.catch(() => null)));
    }
    const element = document.activeElement;
    const reached = element === target;
    if (!element || element === document.body) return {where: "body", problem: "focus is on the page itself", reached};
    const describe = node => `${node.tagName.toLowerCase()}${node.id ? "#" + node.id : ""}`
        + `${[...node.classList].filter(name => name !== "focus-visible").map(name => "." + name).join("")}`
        + ` "${(node.getAttribute("aria-label") || node.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50)}"`;
    let shown = element;
    let box = shown.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) {
        const next = element.nextElementSibling;
        const labels = [...(element.labels || []), ...(next && next.tagName === "LABEL" ? [next] : [])];
        shown = labels.find(label => label.getBoundingClientRect().width > 0) || shown;
        box = shown.getBoundingClientRect();
    }
    const where = describe(element) + (shown === element ? "" : ` (drawn by ${describe(shown)})`);
    if (box.width === 0 || box.height === 0) return {where, problem: "it has no size", reached};
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height, 40) / 2, 0), innerHeight - 1);
    if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.top >= innerHeight) {
        return {where, problem: `it is off screen at x=${Math.round(box.left)} y=${Math.round(box.top)}`, reached};
    }
    const top = document.elementFromPoint(x, y);
    if (top && !shown.contains(top) && !top.contains(shown)) {
        return {where, problem: `it is covered by ${describe(top)}`, reached};
    }
    const style = getComputedStyle(shown);
    const transparent = colour => /^rgba\\(.*,\\s*0\\)$/.test(colour) || colour === "transparent";
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
    const shadow = style.boxShadow !== "none";
    if (!outline && !shadow) return {where, problem: "it has no focus outline", reached};
    return {where, problem: "", reached};
}"""


@dataclass
class Focus:
    where: str
    problem: str
    reached: bool = False  # whether focus is on the element asked about


def focus(page: Page, target: Locator | None = None) -> Focus:
    """Where focus is once the page is still, and what, if anything, keeps a sighted keyboard
    user from seeing it; with `target`, also whether that element has the focus."""
    report = target.evaluate(_FOCUS_REPORT) if target else page.evaluate(_FOCUS_REPORT, None)
    return Focus(report["where"], report["problem"], report["reached"])


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, limit: int = 80, backwards: bool = False) -> int:
    """Press Tab (or Shift+Tab) until `target` has focus, checking at every stop that focus is on
    screen and visibly drawn; returns the number of presses."""
    key = "Shift+Tab" if backwards else "Tab"
    path: list[str] = []
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        stop = focus(page, target)
        path.append(stop.where)
        assert not stop.problem, f"{key} #{presses} lands on {stop.where}: {stop.problem}\n  path: " + "\n  ".join(path)
        if stop.reached:
            return presses
    raise AssertionError(f"{limit} presses of {key} never reached {target}:\n  " + "\n  ".join(path))


# Colours as rendered, in the page: WCAG 2.x relative luminance and contrast; what is painted
# behind an element (the ancestors' backgrounds composited up to the first opaque one, on the
# white canvas); the text colour with its alpha and the element's opacity; and a wait until
# every transition has settled (as settle() in browser_helpers, without a round trip).
_COLOUR = """
    const parse = colour => {
        const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
        return {r, g, b, a: colour.startsWith("rgba") ? a : 1};
    };
    const over = (top, bottom) => {
        const a = top.a + bottom.a * (1 - top.a);
        if (a === 0) return {r: 0, g: 0, b: 0, a: 0};
        const mix = key => (top[key] * top.a + bottom[key] * bottom.a * (1 - top.a)) / a;
        return {r: mix("r"), g: mix("g"), b: mix("b"), a};
    };
    const luminance = c => ["r", "g", "b"].map(key => c[key] / 255)
        .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const css = c => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
    const compare = (front, back) => {
        const [light, dark] = [luminance(front), luminance(back)].sort((a, b) => b - a);
        return {ratio: (light + 0.05) / (dark + 0.05), text: css(front), background: css(back)};
    };
    // The elements from `from` up to the first with an opaque background, each with its
    // background and the opacity it is painted with (its own times its ancestors' up there).
    const chain = from => {
        const nodes = [];
        for (let node = from; node; node = node.parentElement) {
            nodes.push(node);
            if (parse(getComputedStyle(node).backgroundColor).a >= 1) break;
        }
        let opacity = 1;
        return nodes.reverse().map(node => {
            opacity *= parseFloat(getComputedStyle(node).opacity);
            return {node, background: parse(getComputedStyle(node).backgroundColor), opacity};
        }).reverse();
    };
    const behind = from => {
        let backdrop = {r: 255, g: 255, b: 255, a: 1};
        for (const {background, opacity} of chain(from).reverse()) {
            backdrop = over({...background, a: background.a * opacity}, backdrop);
        }
        return backdrop;
    };
    const textContrast = element => {
        const background = behind(element);
        const text = parse(getComputedStyle(element).color);
        text.a *= chain(element)[0].opacity;
        return compare(over(text, background), background);
    };
    const markContrast = (element, pseudo) => {
        const backdrop = behind(pseudo ? element : element.parentElement);
        return compare(over(parse(getComputedStyle(element, pseudo || null).backgroundColor), backdrop), backdrop);
    };
    const settled = async () => {
        for (;;) {
            const running = document.getAnimations().filter(animation => animation.playState === "running"
                && animation.effect?.getTiming().iterations !== Infinity);
            if (!running.length) return;
            await Promise.all(running.map(animation => animation.finished.catch(() => null)));
        }
    };
"""
_TEXT_CONTRAST = "async (element) => {" + _COLOUR + "await settled(); return textContrast(element); }"
# At rest (nothing focused) and with focus, in one round trip.
_STILL_CONTRASTS = "async (element) => {" + _COLOUR + """
    document.activeElement?.blur();
    await settled();
    const rest = textContrast(element);
    element.focus();
    await settled();
    const focus = textContrast(element);
    element.blur();
    return {rest, focus};
}"""
_MARK_CONTRAST = "async (element, [pseudo]) => {" + _COLOUR + "await settled(); return markContrast(element, pseudo); }"


@dataclass
class Contrast:
    ratio: float
    text: str
    background: str

    def __str__(self) -> str:
        return f"{self.ratio:.2f}:1 ({self.text} on {self.background})"


def _contrast(result: dict) -> Contrast:
    return Contrast(result["ratio"], result["text"], result["background"])


def contrasts(target: Locator, states: tuple[str, ...]) -> dict[str, Contrast]:
    """The contrast of `target`'s text in each of `states` ("rest", "focus", "hover", "active":
    held down by the mouse), each measured once transitions have settled."""
    page = target.page
    target.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    measured = {state: _contrast(value) for state, value in target.evaluate(_STILL_CONTRASTS).items() if state in states}
    if "hover" in states:
        target.hover()
        measured["hover"] = _contrast(target.evaluate(_TEXT_CONTRAST))
    if "active" in states:  # pressed, then let go elsewhere so nothing is followed
        target.hover()
        page.mouse.down()
        measured["active"] = _contrast(target.evaluate(_TEXT_CONTRAST))
        page.mouse.move(0, 0)
        page.mouse.up()
    page.mouse.move(0, 0)
    return measured


def mark_contrast(target: Locator, pseudo: str = "") -> Contrast:
    """The contrast of a filled mark (`target` itself, or its ::before/::after: a CSS mask over a
    background colour, a bar's fill) with what is painted behind it, WCAG 1.4.11."""
    return _contrast(target.evaluate(_MARK_CONTRAST, [pseudo]))


@dataclass
class AXNode:
    role: str
    name: str
    properties: dict[str, object]
    ignored: bool


def accessibility_tree(page: Page) -> list[AXNode]:
    """The page's whole accessibility tree as Chromium exposes it to screen readers
    (Chrome DevTools Protocol), without the nodes it leaves out."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    tree = []
    for node in nodes:
        properties = {item["name"]: item["value"].get("value") for item in node.get("properties", [])}
        tree.append(
            AXNode(
                role=node.get("role", {}).get("value", ""),
                name=node.get("name", {}).get("value", ""),
                properties=properties,
                ignored=node.get("ignored", False),
            )
        )
    return [node for node in tree if not node.ignored]


def ax_nodes(page: Page, role: str, name: str | None = None) -> list[AXNode]:
    return [node for node in accessibility_tree(page) if node.role == role and (name is None or node.name == name)]


def ax_node(target: Locator) -> AXNode:
    """How Chromium exposes one element to screen readers."""
    page = target.page
    target.evaluate("element => element.setAttribute('data-ax-probe', '')")
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Runtime.evaluate", {"expression": "document.querySelector('[data-ax-probe]')"})
        node = cdp.send("Accessibility.getPartialAXTree", {"objectId": found["result"]["objectId"], "fetchRelatives": False})
    finally:
        cdp.detach()
        target.evaluate("element => element.removeAttribute('data-ax-probe')")
    first = node["nodes"][0]
    return AXNode(
        role=first.get("role", {}).get("value", ""),
        name=first.get("name", {}).get("value", ""),
        properties={item["name"]: item["value"].get("value") for item in first.get("properties", [])},
        ignored=first.get("ignored", False),
    )
