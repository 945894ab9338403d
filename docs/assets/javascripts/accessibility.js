/*
  Keyboard and screen reader support for the parts of the page Material's own script leaves
  short (WCAG 2.2: 2.1.1 keyboard, 2.4.3 focus order, 4.1.2 name, role, value, 4.1.3 status
  messages). Loaded on every page (overrides/main.html), after Material's bundle.

  - The navigation drawer (below 76.25em): the menu is a real button
    (overrides/partials/header.html); it opens and closes Material's #__drawer checkbox, keeps
    aria-expanded in step, moves focus into the drawer, and closes it on Escape or when focus
    leaves it, handing focus back to the button. The closed drawer is out of the Tab order by
    CSS (course.css, "Navigation drawer"), so it works before this script runs.
  - Section toggles (overrides/partials/nav-item.html): buttons that click their section's
    checkbox; aria-expanded follows the checkbox, and in the drawer focus follows the panel.
  - Instant navigation swaps the page without a page load, so the browser neither moves focus
    nor says anything: after each swap, focus moves to the new page's title (or the section
    the address names) and the new title is announced once in the live region of
    overrides/main.html. The first full load and jumps within a page are left alone.
  - Wide content (overrides/partials/scroll-region.html) is a Tab stop only while it scrolls.
*/
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var drawerButton = document.querySelector("[data-course-drawer-button]");
  var announcer = document.querySelector("[data-course-announcer]");
  if (!drawer || !window.document$) return;

  // Material's breakpoint below which the navigation is a drawer (its max-width: 76.234375em).
  var drawerLayout = window.matchMedia("(max-width: 76.234375em)");
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not(.md-toggle), [tabindex]:not([tabindex='-1'])";

  function drawerPanel() {
    return document.querySelector(".md-sidebar--primary");
  }

  /* Focus the first element of `candidates` that can take focus now: a CSS-hidden one refuses it. */
  function focusFirst(candidates) {
    for (var i = 0; i < candidates.length; i += 1) {
      candidates[i].focus();
      if (document.activeElement === candidates[i]) return true;
    }
    return false;
  }

  /* ---------- The navigation drawer ---------- */

  function setDrawer(open) {
    // A click, as Material's own setToggle does, so its listeners hear the change event.
    if (drawer.checked !== open) drawer.click();
  }

  drawer.addEventListener("change", function () {
    if (drawerButton) drawerButton.setAttribute("aria-expanded", String(drawer.checked));
  });

  if (drawerButton) {
    drawerButton.addEventListener("click", function () {
      setDrawer(!drawer.checked);
      var panel = drawerPanel();
      if (drawer.checked && panel) focusFirst(panel.querySelectorAll(FOCUSABLE));
    });
  }

  document.addEventListener("keydown", function (event) {
    // Material's search handles Escape while it is open.
    if (event.key !== "Escape" || !drawer.checked || document.getElementById("__search").checked) return;
    setDrawer(false);
    if (drawerButton) drawerButton.focus();
  });

  // The drawer covers the page: once focus moves past either end of it, it closes.
  document.addEventListener("focusin", function (event) {
    var panel = drawerPanel();
    if (!drawer.checked || !drawerLayout.matches || !panel) return;
    if (!panel.contains(event.target) && event.target !== drawerButton) setDrawer(false);
  });

  /* ---------- Section toggles ---------- */

  function togglesOf(id) {
    return document.querySelectorAll('[data-course-toggle="' + id + '"]');
  }

  // Delegated: instant navigation replaces the navigation with each page.
  document.addEventListener("click", function (event) {
    var toggle = event.target instanceof Element ? event.target.closest("[data-course-toggle]") : null;
    var input = toggle && document.getElementById(toggle.getAttribute("data-course-toggle"));
    if (!input) return;
    input.click();
    // In the drawer a section opens as a panel over the list that holds its toggle (which
    // CSS then hides), and its title takes you back: focus moves with the panel.
    if (!drawerLayout.matches) return;
    var id = input.id;
    var target = input.checked
      ? document.querySelector('.course-nav-back[data-course-toggle="' + id + '"]')
      : document.querySelector('.course-nav-toggle[data-course-toggle="' + id + '"]');
    if (target) target.focus();
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("md-nav__toggle")) return;
    togglesOf(input.id).forEach(function (toggle) {
      if (toggle.hasAttribute("aria-expanded")) toggle.setAttribute("aria-expanded", String(input.checked));
    });
  });

  /* ---------- Focus and announcement after instant navigation ---------- */

  function mainContent() {
    return document.querySelector("[data-md-component=content]");
  }

  // The section the address names (a search result, a link to a heading), else the page title.
  function landingPoint(content) {
    var id = decodeURIComponent(location.hash.slice(1));
    var section = id ? document.getElementById(id) : null;
    if (section && content.contains(section)) return section;
    return content.querySelector("h1");
  }

  function announce(text) {
    if (!announcer) return;
    // Emptied first, so the same title opened twice in a row is still announced.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 100);
  }

  function moveFocusTo(target) {
    if (!target) return;
    if (!target.matches(FOCUSABLE)) target.setAttribute("tabindex", "-1");
    // Material has already scrolled to the top, the section or the reader's old position.
    target.focus({ preventScroll: true });
  }

  function onInstantNavigation() {
    var content = mainContent();
    if (content) moveFocusTo(landingPoint(content));
    announce(document.title);
  }

  /* ---------- Wide content ---------- */

  var regionWatcher = null;

  function updateRegion(region) {
    if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
    else region.removeAttribute("tabindex");
  }

  function watchRegions() {
    if (regionWatcher) regionWatcher.disconnect();
    var regions = document.querySelectorAll(".course-scroll");
    if (!window.ResizeObserver) {
      regions.forEach(updateRegion);
      return;
    }
    if (!regions.length) return;
    // No measuring here: reading a region's widths now would lay out the whole page inside this
    // script's task, as the page starts (a long task on a phone). A ResizeObserver reports every
    // region once after the browser's own next layout, and again whenever its size changes.
    regionWatcher = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        updateRegion(entry.target);
      });
    });
    regions.forEach(function (region) {
      regionWatcher.observe(region);
    });
  }

  /* ---------- Wiring ---------- */

  var shownPath = null;
  // Material emits document$ on the first load and after every instant navigation.
  window.document$.subscribe(function () {
    watchRegions();
    var firstLoad = shownPath === null;
    var samePage = location.pathname === shownPath;
    shownPath = location.pathname;
    // The first jump within a page after a full load makes Material fetch and swap in the same
    // page again: not a new page. The browser has already put the jump's target where the next
    // Tab starts from, as for any jump within a page.
    if (firstLoad || samePage) return;
    onInstantNavigation();
  });
})();
