/*
 * Briefings keyboard and focus (loaded on every page by briefings-main.html).
 *
 * Material opens its two off-canvas panels, the navigation drawer (below 76.25em) and
 * the phone search (below 60em), with <label for="__drawer|__search"> over hidden
 * checkboxes. A label is not focusable, so a keyboard user cannot open them, and the
 * closed panels' links still take Tab stops nobody can see. The work is shared:
 *
 * - focus.css hides a closed panel (visibility: hidden: out of the tab order and the
 *   accessibility tree). It follows the checkbox whoever changes it and Material's own
 *   breakpoints, so no script has to watch resizes or Material's state changes.
 * - This script makes the two labels buttons (Tab stop, name, aria-expanded, Enter and
 *   Space), moves focus into a panel opened from the keyboard, gives it back to the
 *   button when the panel closes (Escape), and closes a panel that focus leaves, so
 *   focus never sits on a page hidden under an open panel's overlay.
 * - The skip link (briefings-main.html) reaches its target whatever took the click, and
 *   the content's <article> (else <main>) when a site template has no #bf-main. A page
 *   template that draws a skip link of its own before ours keeps it; ours is removed.
 *
 * focus.css applies only under html.bf-keys, set below once the buttons exist: without
 * this script the panels stay reachable as in stock Material.
 *
 * The search box's own keys ("/" and "s" open it, Escape closes it, arrows) are
 * search.js's; this script only adds the phone search button and focus-out closing.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const LABELS = {
    drawer: (script && script.dataset.bfDrawerLabel) || "Navigation",
    search: (script && script.dataset.bfSearchLabel) || "Search",
  };
  const FOCUSABLE =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
    'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

  /** One off-canvas panel: its checkbox, the header label that opens it and the panel itself. */
  const PANELS = [
    { name: "drawer", toggle: "__drawer", panel: ".md-sidebar--primary" },
    { name: "search", toggle: "__search", panel: "[data-bf-search], .md-search" },
  ];

  const partsOf = (spec) => ({
    spec,
    toggle: document.getElementById(spec.toggle),
    opener: document.querySelector(`.md-header label.md-header__button[for="${spec.toggle}"]`),
    panel: document.querySelector(spec.panel),
  });
  const panels = () => PANELS.map(partsOf).filter((p) => p.toggle && p.panel);

  /** Shown on the screen now (the header's buttons are display:none at some widths). */
  const isShown = (el) =>
    !!el && (typeof el.checkVisibility === "function" ? el.checkVisibility({ visibilityProperty: true }) : el.offsetParent !== null);

  const setToggle = (toggle, on) => {
    if (toggle.checked === on) return;
    toggle.checked = on;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  };

  const syncExpanded = () => {
    for (const { toggle, opener } of panels()) {
      if (opener && opener.getAttribute("role") === "button") opener.setAttribute("aria-expanded", String(toggle.checked));
    }
  };

  /** The first Tab stop inside a panel that is on screen (the panel was just made visible). */
  const firstStop = (panel) => [...panel.querySelectorAll(FOCUSABLE)].find((el) => isShown(el) && el.tabIndex >= 0);

  /** The header labels become buttons: a Tab stop with a name and a state, operated by Enter and Space. */
  const enhanceOpeners = () => {
    for (const { spec, toggle, opener, panel } of panels()) {
      if (!opener || opener.hasAttribute("data-bf-button")) continue;
      opener.setAttribute("data-bf-button", "");
      opener.setAttribute("role", "button");
      opener.tabIndex = 0;
      if (!opener.hasAttribute("aria-label")) opener.setAttribute("aria-label", LABELS[spec.name]);
      if (!panel.id) panel.id = `bf-${spec.name}-panel`;
      opener.setAttribute("aria-controls", panel.id);
      opener.setAttribute("aria-expanded", String(toggle.checked));
      opener.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        const open = !toggle.checked;
        setToggle(toggle, open);
        if (open && !panel.contains(document.activeElement)) {
          const target = firstStop(panel);
          if (target) target.focus();
        }
      });
    }
  };

  /** The open panel that holds ``el``, if any: for Escape and for focus leaving it. */
  const openPanelOf = (el) => panels().find(({ toggle, panel }) => toggle.checked && el && panel.contains(el));

  const listen = () => {
    // A panel that closes with focus inside it (Escape, the overlay, search.js) gives focus
    // back to its button, where there is one on screen: not to a hidden link, not to nowhere.
    // Capture phase: this runs before search.js's own listener on the checkbox, which would
    // blur the search box. aria-expanded follows the checkbox, whoever changed it.
    document.addEventListener(
      "change",
      (event) => {
        const changed = panels().find(({ toggle }) => toggle === event.target);
        if (!changed) return;
        const { toggle, opener, panel } = changed;
        if (!toggle.checked && panel.contains(document.activeElement) && isShown(opener)) opener.focus();
        syncExpanded();
      },
      true,
    );
    // Material closes the drawer itself after a click on a link of the page (no change event).
    document.addEventListener("focusin", syncExpanded);

    // Escape closes the drawer from anywhere in it (the search's Escape is search.js's: it
    // first leaves a selected option, then closes).
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      const open = openPanelOf(document.activeElement);
      if (open && open.spec.name === "drawer") {
        event.preventDefault();
        setToggle(open.toggle, false);
      }
    });

    // Focus leaving an open panel (Tab past its end, Shift+Tab before its start, to the page
    // or the header under the panel's overlay) closes the panel: whatever has focus is seen.
    document.addEventListener("focusout", (event) => {
      const open = openPanelOf(event.target);
      const next = event.relatedTarget;
      if (!open || !(next instanceof Element) || open.panel.contains(next)) return;
      setToggle(open.toggle, false);
    });

    // The skip link. The browser follows it and focuses its target (tabindex -1); if something
    // else took the click (Material's instant navigation handles same-page links itself), focus
    // is put there once the click is over. A template without #bf-main: the content's
    // <article>, else <main>, takes the focus.
    document.addEventListener("click", (event) => {
      const link = event.target instanceof Element ? event.target.closest("a.bf-skip") : null;
      if (!link) return;
      let target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) {
        target = ["[data-md-component=content] article", "article", "main"]
          .map((selector) => document.querySelector(selector))
          .find(Boolean);
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView({ block: "start" });
      }
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      window.setTimeout(() => {
        if (!target.contains(document.activeElement)) target.focus({ preventScroll: true });
      });
    });
  };

  /** A page template that draws its own skip link before ours keeps it (focus.css hides ours; here it goes). */
  const dropSecondSkipLink = () => {
    for (const link of document.querySelectorAll(".md-skip ~ a.bf-skip")) link.remove();
  };

  const start = () => {
    dropSecondSkipLink();
    enhanceOpeners();
    syncExpanded();
    document.documentElement.classList.add("bf-keys");
  };

  listen();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material's instant navigation replaces the header
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
