/*
 * Briefings search (Pagefind) — the browser side.
 *
 * 1. The header search box (partials/search.html, [data-bf-search]): results as you
 *    type in Material's dropdown, an ARIA 1.2 combobox (input + listbox, focus stays
 *    in the input, aria-activedescendant marks the selected option).
 * 2. The results page (/search/, [data-bf-search-page]): query, facets, sort and
 *    paging, all kept in the URL (?q=&topic=&source=&tag=&month=&sort=newest).
 *
 * Pagefind is loaded from <site root>/pagefind/pagefind.js on first use only, and
 * result fragments are loaded only for the results on screen. No third-party requests.
 *
 * A large archive is indexed as several bundles (the indexer's memory stays bounded),
 * listed newest first in <site root>/pagefind/bundles.json: {"bundles": ["", "part-2/", …]}
 * relative to pagefind/. Bundle 1 (pagefind/ itself) is the primary index, every other
 * one is merged into it with Pagefind's mergeIndex, so one search covers them all and
 * the facet counts are summed across bundles.
 */
(() => {
  "use strict";

  /* ---------------------------------------------------------------- strings -- */

  /* The words in the site's language: the build writes them, from the interface catalogue
   * of theme.language, into assets/briefings/search-strings.js (window.bfSearchStrings,
   * briefings.i18n.browser_strings), which every page loads before this file. English
   * stays here only for a page without it (a site's own main.html that does not extend
   * briefings-main.html). */
  const ENGLISH = {
    searching: "Searching…",
    placeholder: "Type to start searching",
    none: "No matching articles",
    count: { one: "{n} result", other: "{n} results" },
    countFor: { one: "{n} result for “{q}”", other: "{n} results for “{q}”" },
    seeAll: "See all results",
    error: "Search is unavailable right now.",
    label: "Search articles",
    submit: "Search",
    results: "Search results",
    filters: "Filters",
    clear: "Clear filters",
    activeFilters: "Active filters",
    removeFilter: "Remove filter",
    facets: { topic: "Topic", source: "Source", tag: "Tag", month: "Month" },
    sortBy: "Sort by",
    relevance: "Relevance",
    newest: "Newest first",
    more: "Show more results",
    showAll: "Show all ({n})",
    showFewer: "Show fewer",
    page: "Page",
    prompt: "Type a search term, or choose a filter.",
  };
  // assets/briefings/search-strings.js (written by the build, loaded before this file) sets them.
  const pageStrings = () => (window.bfSearchStrings && typeof window.bfSearchStrings === "object" ? window.bfSearchStrings : {});

  const LANG = (document.documentElement.getAttribute("lang") || "en").trim().replace(/_/g, "-") || "en";
  const T = Object.assign({}, ENGLISH, pageStrings());

  const safeIntl = (make, fallback) => {
    try {
      return make(LANG);
    } catch (_) {
      return make(fallback || "en");
    }
  };
  const plural = safeIntl((l) => new Intl.PluralRules(l));
  const numbers = safeIntl((l) => new Intl.NumberFormat(l));
  const monthFormat = safeIntl((l) => new Intl.DateTimeFormat(l, { month: "long", year: "numeric", timeZone: "UTC" }));
  const dayFormat = safeIntl((l) => new Intl.DateTimeFormat(l, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }));

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const countText = (forms, n, q) =>
    fill(plural.select(n) === "one" ? forms.one : forms.other, { n: numbers.format(n), q: q || "" });

  const monthLabel = (key) => {
    const m = /^(\d{4})-(\d{2})$/.exec(key);
    if (!m) return key;
    const text = monthFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)));
    return text.charAt(0).toLocaleUpperCase(LANG) + text.slice(1);
  };

  /* ---------------------------------------------------------- site & pagefind -- */

  /** Absolute URL of the site root (with a trailing slash), from Material's __config.base. */
  const siteRoot = () => {
    let base = ".";
    const config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (_) {
        /* keep "." */
      }
    }
    return new URL(base.replace(/\/*$/, "/"), location.href);
  };
  const searchPageUrl = (query) => {
    const url = new URL("search/", siteRoot());
    if (query) url.searchParams.set("q", query);
    return url.href;
  };

  /** Where the bundles of the index are, below <root>pagefind/: "" (the primary) first, newest articles first. */
  let bundlesPromise = null;
  const loadBundles = () => {
    if (!bundlesPromise) {
      bundlesPromise = fetch(new URL("pagefind/bundles.json", siteRoot()).href)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null)
        .then((manifest) => {
          const listed = manifest && Array.isArray(manifest.bundles) ? manifest.bundles : [];
          const more = listed
            .filter((b) => typeof b === "string" && b !== "" && !/^[a-z]+:|^\/|(^|\/)\.\.(\/|$)/i.test(b))
            .map((b) => b.replace(/\/*$/, "/"));
          return ["", ...new Set(more)]; // no (or no valid) manifest: the primary bundle only
        });
    }
    return bundlesPromise;
  };

  /** The synthetic filter (Pagefind's mergeFilter) that tells the bundles apart; not a facet. */
  const BUNDLE_FILTER = "bf_bundle";

  /** Filter counts of several searches added up (each result is in exactly one of them). */
  const sumCounts = (many) => {
    const sum = {};
    for (const counts of many) {
      for (const [facet, values] of Object.entries(counts || {})) {
        if (facet === BUNDLE_FILTER) continue;
        const into = (sum[facet] = sum[facet] || {});
        for (const [value, n] of Object.entries(values || {})) into[value] = (into[value] || 0) + n;
      }
    }
    return sum;
  };

  /**
   * One Pagefind over every bundle: { search(term, options), filters(), bundles }.
   *
   * Pagefind's merged search orders the results of all bundles by score, and a sorted
   * search scores a result by its rank within its own bundle: results sorted by date
   * would interleave bundles (1st of bundle 1, 1st of bundle 2, …). Bundles are
   * chronological (bundle 1 newest), so a search sorted by date runs once per bundle
   * (restricted to it by its synthetic filter) and the lists are put end to end, in
   * bundle order for "desc" and in reverse for "asc". Every bundle loads the chunks of
   * the query once either way; only the (in-memory) matching is repeated.
   */
  const mergedSearch = (pagefind, bundles) => {
    if (bundles.length < 2) return { search: (term, options) => pagefind.search(term, options), filters: () => pagefind.filters(), bundles: 1 };
    const search = async (term, options = {}) => {
      const sort = options.sort || {};
      const direction = sort.date;
      if (Object.keys(sort).length !== 1 || (direction !== "desc" && direction !== "asc")) return pagefind.search(term, options);
      const parts = await Promise.all(
        bundles.map((_, i) =>
          pagefind.search(term, { ...options, filters: { ...(options.filters || {}), [BUNDLE_FILTER]: String(i + 1) } }),
        ),
      );
      if (parts.some((part) => !part)) return null;
      const ordered = direction === "desc" ? parts : parts.slice().reverse();
      return {
        results: ordered.flatMap((part) => part.results),
        unfilteredResultCount: parts[0].unfilteredResultCount,
        filters: sumCounts(parts.map((part) => part.filters)),
        totalFilters: sumCounts(parts.map((part) => part.totalFilters)),
      };
    };
    return { search, filters: () => pagefind.filters(), bundles: bundles.length };
  };

  let pagefindPromise = null;
  /** Pagefind over every bundle (see mergedSearch), loaded once; baseUrl is the site root's path (e.g. "/repo/"). */
  const loadPagefind = () => {
    if (!pagefindPromise) {
      const root = siteRoot();
      pagefindPromise = Promise.all([loadBundles(), import(new URL("pagefind/pagefind.js", root).href)]).then(
        async ([bundles, pagefind]) => {
          const options = (i) => ({
            baseUrl: root.pathname,
            excerptLength: 26,
            ...(bundles.length > 1 ? { mergeFilter: { [BUNDLE_FILTER]: String(i + 1) } } : {}),
          });
          await pagefind.options(options(0));
          await pagefind.init();
          // The path form, like the primary's own basePath ("/repo/pagefind/"): Pagefind
          // skips a merge path that the primary's path starts with, hence part-N/ below it.
          await Promise.all(
            bundles.slice(1).map((b, i) => pagefind.mergeIndex(new URL(`pagefind/${b}`, root).pathname, options(i + 1))),
          );
          return mergedSearch(pagefind, bundles);
        },
      );
      pagefindPromise.catch((error) => {
        console.error("Briefings search: could not load Pagefind", error);
        pagefindPromise = null; // try again on the next search
        bundlesPromise = null;
      });
    }
    return pagefindPromise;
  };

  /* ------------------------------------------------------------------ helpers -- */

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  /** Pagefind's excerpt as DOM nodes: its text, and its <mark>s; nothing else survives. */
  const excerptNodes = (html) => {
    const out = document.createDocumentFragment();
    const body = new DOMParser().parseFromString(`<body>${html || ""}</body>`, "text/html").body;
    for (const node of body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") out.append(el("mark", { text: node.textContent }));
      else out.append(document.createTextNode(node.textContent));
    }
    return out;
  };

  /** date · source · topic (or "Page" for a hand-written page). */
  const metaNodes = (meta) => {
    const parts = [];
    if (meta.date) {
      let label = meta.date_label;
      if (!label) {
        const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(meta.date);
        label = d ? dayFormat.format(new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]))) : meta.date;
      }
      parts.push(el("time", { datetime: meta.date, text: label }));
    }
    if (meta.source) parts.push(el("span", { class: "bf-result__source", text: meta.source }));
    if (meta.topic) parts.push(el("span", { class: "bf-result__topic", text: meta.topic }));
    if (!parts.length && meta.kind === "page") parts.push(el("span", { text: T.page }));
    const out = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i) out.append(el("span", { class: "bf-result__sep", "aria-hidden": "true", text: " · " }));
      out.append(part);
    });
    return out;
  };

  const isTyping = (target) =>
    !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

  /**
   * Wrap an async search so that at most one runs at a time: a call made while one
   * is running only marks the latest state as pending, and one more run follows.
   * Pagefind searches in a single worker, so searches for every typed prefix would
   * otherwise queue up there (seconds for common words on a large site).
   */
  const latestOnly = (search) => {
    let running = false;
    let pending = false;
    const start = async () => {
      if (running) {
        pending = true;
        return;
      }
      running = true;
      try {
        await search();
      } finally {
        running = false;
        if (pending) {
          pending = false;
          start();
        }
      }
    };
    return start;
  };

  /* ------------------------------------------------------------ header search -- */

  const HEADER_LIMIT = 8;
  const DEBOUNCE_MS = 150;

  const initHeader = () => {
    const box = document.querySelector("[data-bf-search]");
    if (!box || box.hasAttribute("data-bf-ready")) return;
    box.setAttribute("data-bf-ready", "");
    const form = box.querySelector("[data-bf-search-form]");
    const input = box.querySelector("[data-bf-search-input]");
    const status = box.querySelector("[data-bf-search-status]");
    const list = box.querySelector("[data-bf-search-list]");
    const all = box.querySelector("[data-bf-search-all]");
    const toggle = document.getElementById("__search");
    const initialStatus = status.textContent.trim() || T.placeholder;
    let options = [];
    let active = -1;
    let timer = 0;
    let generation = 0;

    const setToggle = (on) => {
      if (toggle && toggle.checked !== on) {
        toggle.checked = on;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
    };
    const select = (index) => {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        const option = options[active];
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    const clear = (message) => {
      generation++;
      options = [];
      select(-1);
      list.replaceChildren();
      list.hidden = true;
      all.hidden = true;
      input.setAttribute("aria-expanded", "false");
      status.textContent = message;
    };
    const open = () => {
      setToggle(true);
      loadPagefind().catch(() => {});
    };
    const close = () => {
      window.clearTimeout(timer);
      select(-1);
      input.setAttribute("aria-expanded", "false");
      setToggle(false);
      input.blur();
    };

    const search = async () => {
      const query = input.value.trim();
      if (!query) return clear(initialStatus);
      const mine = ++generation;
      let found;
      let data;
      try {
        const pagefind = await loadPagefind();
        found = await pagefind.search(query);
        if (mine !== generation || !found) return;
        data = await Promise.all(found.results.slice(0, HEADER_LIMIT).map((r) => r.data()));
      } catch (error) {
        console.error("Briefings search:", error);
        if (mine === generation) clear(T.error);
        return;
      }
      if (mine !== generation) return;
      options = data.map((result, i) => {
        const id = `bf-search-option-${i}`;
        const meta = result.meta || {};
        const excerpt = el("span", { class: "bf-result__excerpt" }, excerptNodes(result.excerpt));
        return el(
          "a",
          {
            class: "md-search-result__link bf-result bf-result--compact",
            role: "option",
            id,
            href: result.url,
            tabindex: "-1",
            "aria-selected": "false",
          },
          el("span", { class: "bf-result__title", text: meta.title || result.url }),
          el("span", { class: "bf-result__meta" }, metaNodes(meta)),
          excerpt,
        );
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.replaceChildren(...options.map((option) => el("li", { class: "md-search-result__item", role: "none" }, option)));
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      const total = found.results.length;
      status.textContent = total ? countText(T.count, total) : T.none;
      all.hidden = total === 0;
      all.href = searchPageUrl(query);
      all.textContent = T.seeAll;
    };

    const run = latestOnly(search);

    input.addEventListener("focus", open);
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      setToggle(true);
      if (!input.value.trim()) return clear(initialStatus);
      timer = window.setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (event) => {
      if (event.isComposing) return;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp": {
          event.preventDefault();
          setToggle(true);
          if (!options.length) return;
          const step = event.key === "ArrowDown" ? 1 : -1;
          // Cycles through the options and back to the input (no option selected).
          let next = active + step;
          if (next >= options.length) next = -1;
          else if (next < -1) next = options.length - 1;
          select(next);
          break;
        }
        case "Enter": {
          event.preventDefault();
          if (active >= 0 && options[active]) {
            location.assign(options[active].href);
          } else if (input.value.trim()) {
            location.assign(searchPageUrl(input.value.trim()));
          }
          break;
        }
        case "Escape":
          event.preventDefault();
          if (active >= 0) select(-1);
          else close();
          break;
        default:
          break;
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) location.assign(searchPageUrl(input.value.trim()));
    });
    form.addEventListener("reset", () => {
      window.setTimeout(() => {
        clear(initialStatus);
        input.focus();
      });
    });
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
    list.addEventListener("mousemove", (event) => {
      const option = event.target.closest("[role=option]");
      if (option && options.indexOf(option) !== active) select(options.indexOf(option));
    });
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked) {
          if (document.activeElement !== input) input.focus({ preventScroll: true });
        } else {
          select(-1);
          input.setAttribute("aria-expanded", "false");
          if (document.activeElement === input) input.blur();
        }
        if (toggle.checked && options.length) input.setAttribute("aria-expanded", "true");
      });
    }

    // "/", "s" (and Material's "f") open the search when not typing in a field;
    // Escape closes it from anywhere (e.g. after clicking into the dropdown).
    document.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.isComposing || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "Escape" && toggle && toggle.checked && event.target !== input) {
        close();
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        const pageInput = document.querySelector("[data-bf-search-page] input[type=search]");
        const target = pageInput && pageInput.offsetParent !== null ? pageInput : input;
        if (target === input) setToggle(true);
        target.focus();
        target.select();
      }
    });

    // Came back through the history with text in the box: show its results again.
    if (input.value.trim() && toggle && toggle.checked) run();
  };

  /* ------------------------------------------------------------ results page -- */

  const FACETS = ["topic", "source", "tag", "month"];
  const PAGE_SIZE = 10;
  const FACET_LIMIT = 8;
  const SMALL_INDEX_PAGES = 5000; // up to this many pages, facets load with the first query

  const readState = () => {
    const params = new URLSearchParams(location.search);
    const state = { q: (params.get("q") || "").trim(), sort: params.get("sort") === "newest" ? "newest" : "" };
    for (const facet of FACETS) state[facet] = [...new Set(params.getAll(facet).filter(Boolean))];
    return state;
  };
  const writeState = (state) => {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const facet of FACETS) for (const value of state[facet]) params.append(facet, value);
    if (state.sort) params.set("sort", state.sort);
    const search = params.toString();
    const url = location.pathname + (search ? `?${search}` : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  };

  const initPage = () => {
    const page = document.querySelector("[data-bf-search-page]");
    if (!page || page.hasAttribute("data-bf-ready")) return;
    page.setAttribute("data-bf-ready", "");

    const state = readState();
    const expanded = new Set(); // facets showing all their values
    let generation = 0;
    let timer = 0;
    let current = null; // { results, shown }

    // --- static skeleton
    const input = el("input", {
      type: "search",
      id: "bf-sp-q",
      name: "q",
      class: "bf-sp__input",
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      enterkeyhint: "search",
    });
    input.value = state.q;
    const form = el(
      "form",
      { class: "bf-sp__form", role: "search", action: "", method: "get" },
      el("label", { for: "bf-sp-q", class: "bf-sp__label", text: T.label }),
      el("div", { class: "bf-sp__row" }, input, el("button", { type: "submit", class: "md-button md-button--primary bf-sp__submit", text: T.submit })),
    );
    const filterCount = el("span", { class: "bf-sp__filter-count" });
    const facetBox = el("div", { class: "bf-sp__facets" });
    const clearButton = el("button", { type: "button", class: "bf-sp__clear", text: T.clear, hidden: true });
    const filtersToggle = el(
      "button",
      { type: "button", class: "bf-sp__filters-toggle", "aria-expanded": "false", "aria-controls": "bf-sp-facets" },
      el("span", { text: T.filters }),
      filterCount,
    );
    const facetPanel = el("div", { class: "bf-sp__panel", id: "bf-sp-facets" }, facetBox, clearButton);
    const chips = el("ul", { class: "bf-sp__chips", "aria-label": T.activeFilters, hidden: true });
    const filtersBox = el("div", { class: "bf-sp__filters" }, filtersToggle, chips, facetPanel);
    const setFiltersOpen = (open) => {
      filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
      facetPanel.hidden = !open;
    };
    // The facet counts need every filter index (about 11 bytes per page and facet:
    // some 200 kB on a 20,000-article site), so they are loaded only while the panel
    // is open. It opens by itself on wide screens when the index is small.
    setFiltersOpen(false);
    filtersToggle.addEventListener("click", () => {
      setFiltersOpen(facetPanel.hidden);
      if (!facetPanel.hidden) run();
    });
    const status = el("p", { class: "bf-sp__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    const sort = el(
      "select",
      { id: "bf-sp-sort", class: "bf-sp__sort" },
      el("option", { value: "", text: T.relevance }),
      el("option", { value: "newest", text: T.newest }),
    );
    const list = el("ol", { class: "bf-sp__results", "aria-label": T.results });
    const more = el("button", { type: "button", class: "md-button bf-sp__more", text: T.more, hidden: true });
    const main = el(
      "div",
      { class: "bf-sp__main" },
      el("div", { class: "bf-sp__bar" }, status, el("div", { class: "bf-sp__sortbox" }, el("label", { for: "bf-sp-sort", text: T.sortBy }), sort)),
      list,
      more,
    );
    page.replaceChildren(form, el("div", { class: "bf-sp__layout" }, filtersBox, main));

    const renderChips = () => {
      const items = [];
      for (const facet of FACETS) {
        for (const value of state[facet]) {
          items.push(
            el(
              "li",
              null,
              el(
                "button",
                { type: "button", class: "bf-sp__chip", "data-remove": facet, "data-value": value },
                el("span", { class: "bf-visually-hidden", text: `${T.removeFilter} ` }),
                el("span", { class: "bf-sp__chip-facet", text: `${T.facets[facet]}: ` }),
                el("span", { text: facet === "month" ? monthLabel(value) : value }),
                el("span", { class: "bf-sp__chip-x", "aria-hidden": "true", text: "×" }),
              ),
            ),
          );
        }
      }
      chips.replaceChildren(...items);
      chips.hidden = items.length === 0;
      const n = activeFilters();
      filterCount.textContent = n ? ` (${numbers.format(n)})` : "";
      clearButton.hidden = n === 0;
    };
    chips.addEventListener("click", (event) => {
      const chip = event.target.closest("[data-remove]");
      if (!chip) return;
      const facet = chip.getAttribute("data-remove");
      const index = [...chips.querySelectorAll("[data-remove]")].indexOf(chip);
      state[facet] = state[facet].filter((v) => v !== chip.getAttribute("data-value"));
      run().then(() => {
        const left = chips.querySelectorAll("[data-remove]");
        (left[Math.min(index, left.length - 1)] || filtersToggle).focus();
      });
    });

    const activeFilters = () => FACETS.reduce((n, facet) => n + state[facet].length, 0);
    const effectiveSort = () => state.sort || (state.q ? "" : "newest");

    // --- results
    const resultItem = (result, index) => {
      const meta = result.meta || {};
      const id = `bf-sp-r${index}`;
      return el(
        "li",
        { class: "bf-sp__item" },
        el(
          "article",
          { class: "bf-result", "aria-labelledby": `${id}-t` },
          el("h2", { class: "bf-result__title", id: `${id}-t` }, el("a", { href: result.url, text: meta.title || result.url })),
          el("p", { class: "bf-result__meta" }, metaNodes(meta)),
          el("p", { class: "bf-result__excerpt" }, excerptNodes(result.excerpt)),
        ),
      );
    };
    const showMore = async (moveFocus) => {
      if (!current) return;
      const mine = generation;
      const start = current.shown;
      const slice = current.results.slice(start, start + PAGE_SIZE);
      more.disabled = true;
      let data;
      try {
        data = await Promise.all(slice.map((r) => r.data()));
      } catch (error) {
        console.error("Briefings search:", error);
        status.textContent = T.error;
        return;
      } finally {
        more.disabled = false;
      }
      if (mine !== generation) return;
      const items = data.map((result, i) => resultItem(result, start + i));
      list.append(...items);
      current.shown = start + slice.length;
      more.hidden = current.shown >= current.results.length;
      if (moveFocus && items.length) items[0].querySelector("a").focus();
    };

    // --- facets
    let lastCounts = null;
    const renderFacets = (counts) => {
      lastCounts = counts;
      const focused = document.activeElement && facetBox.contains(document.activeElement) ? document.activeElement : null;
      const focusKey = focused && (focused.getAttribute("data-key") || focused.getAttribute("data-more"));
      const fieldsets = [];
      for (const facet of FACETS) {
        const facetCounts = counts[facet] || {};
        const values = new Map();
        for (const [value, n] of Object.entries(facetCounts)) if (n > 0) values.set(value, n);
        for (const value of state[facet]) if (!values.has(value)) values.set(value, facetCounts[value] || 0);
        if (!values.size) continue;
        let entries = [...values.entries()];
        if (facet === "month") entries.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
        else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], LANG));
        const total = entries.length;
        if (!expanded.has(facet) && total > FACET_LIMIT) {
          const shown = entries.slice(0, FACET_LIMIT);
          for (const entry of entries.slice(FACET_LIMIT)) if (state[facet].includes(entry[0])) shown.push(entry);
          entries = shown;
        }
        const items = entries.map(([value, n], i) => {
          const id = `bf-sp-${facet}-${i}`;
          const box = el("input", {
            type: "checkbox",
            id,
            name: facet,
            value,
            "data-facet": facet,
            "data-key": `${facet}\u0000${value}`,
          });
          box.checked = state[facet].includes(value);
          return el(
            "li",
            { class: "bf-sp__option" },
            box,
            el(
              "label",
              { for: id },
              el("span", { class: "bf-sp__value", text: facet === "month" ? monthLabel(value) : value }),
              el("span", { class: "bf-sp__count", text: ` (${numbers.format(n)})` }),
            ),
          );
        });
        const fieldset = el(
          "fieldset",
          { class: `bf-sp__facet bf-sp__facet--${facet}` },
          el("legend", { text: T.facets[facet] }),
          el("ul", { class: "bf-sp__options" }, ...items),
        );
        if (total > FACET_LIMIT) {
          const isOpen = expanded.has(facet);
          fieldset.append(
            el("button", {
              type: "button",
              class: "bf-sp__toggle",
              "data-more": facet,
              "aria-expanded": isOpen ? "true" : "false",
              text: isOpen ? T.showFewer : fill(T.showAll, { n: numbers.format(total) }),
            }),
          );
        }
        fieldsets.push(fieldset);
      }
      facetBox.replaceChildren(...fieldsets);
      if (focusKey) {
        const again = [...facetBox.querySelectorAll("[data-key],[data-more]")].find(
          (node) => (node.getAttribute("data-key") || node.getAttribute("data-more")) === focusKey,
        );
        if (again) again.focus();
      }
    };

    /** Counts for every facet: a facet's own selection does not narrow its counts (OR within, AND across). */
    const facetCounts = async (pagefind, term, found) => {
      const counts = Object.assign({}, found.filters || {});
      await Promise.all(
        FACETS.filter((facet) => state[facet].length).map(async (facet) => {
          const others = filtersFor(facet);
          const wider = await pagefind.search(term, { filters: others });
          if (wider && wider.filters) counts[facet] = wider.filters[facet] || {};
        }),
      );
      return counts;
    };
    const filtersFor = (except) => {
      const filters = {};
      for (const facet of FACETS) if (facet !== except && state[facet].length) filters[facet] = { any: state[facet].slice() };
      return filters;
    };

    let facetsLoaded = null;
    const loadFacets = (pagefind) => {
      facetsLoaded = facetsLoaded || pagefind.filters();
      facetsLoaded.catch(() => {
        facetsLoaded = null;
      });
      return facetsLoaded;
    };
    const search = async () => {
      window.clearTimeout(timer);
      writeState(state);
      const mine = ++generation;
      sort.options[0].disabled = !state.q; // without a query, newest first is the only order
      sort.value = effectiveSort();
      const term = state.q || null;
      const withFacets = !facetPanel.hidden;
      renderChips();
      if (!state.q && !activeFilters()) {
        current = null;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = T.prompt;
        page.classList.add("bf-sp--empty");
        if (!withFacets) return;
        try {
          const all = await loadFacets(await loadPagefind());
          if (mine === generation) renderFacets(all);
        } catch (error) {
          console.error("Briefings search:", error);
          if (mine === generation) status.textContent = T.error;
        }
        return;
      }
      page.classList.remove("bf-sp--empty");
      page.setAttribute("aria-busy", "true");
      try {
        const pagefind = await loadPagefind();
        if (withFacets) await loadFacets(pagefind);
        const options = { filters: filtersFor(null) };
        if (effectiveSort() === "newest") options.sort = { date: "desc" };
        const found = await pagefind.search(term, options);
        if (mine !== generation || !found) return;
        const counts = withFacets ? await facetCounts(pagefind, term, found) : null;
        if (mine !== generation) return;
        current = { results: found.results, shown: 0 };
        list.replaceChildren();
        if (counts) renderFacets(counts);
        const n = found.results.length;
        status.textContent = n ? (state.q ? countText(T.countFor, n, state.q) : countText(T.count, n)) : T.none;
        more.hidden = true;
        await showMore(false);
      } catch (error) {
        console.error("Briefings search:", error);
        if (mine === generation) status.textContent = T.error;
      } finally {
        if (mine === generation) page.removeAttribute("aria-busy");
      }
    };

    const run = latestOnly(search);

    // --- events
    input.addEventListener("input", () => {
      state.q = input.value.trim();
      window.clearTimeout(timer);
      timer = window.setTimeout(run, DEBOUNCE_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      state.q = input.value.trim();
      run();
    });
    sort.addEventListener("change", () => {
      state.sort = sort.value === "newest" ? "newest" : "";
      run();
    });
    facetBox.addEventListener("change", (event) => {
      const box = event.target;
      if (!box.matches("input[type=checkbox][data-facet]")) return;
      const facet = box.getAttribute("data-facet");
      const values = state[facet].filter((v) => v !== box.value);
      if (box.checked) values.push(box.value);
      state[facet] = values;
      run();
    });
    facetBox.addEventListener("click", (event) => {
      const button = event.target.closest("[data-more]");
      if (!button) return;
      const facet = button.getAttribute("data-more");
      if (expanded.has(facet)) expanded.delete(facet);
      else expanded.add(facet);
      if (lastCounts) renderFacets(lastCounts);
    });
    clearButton.addEventListener("click", () => {
      for (const facet of FACETS) state[facet] = [];
      run().then(() => input.focus());
    });
    more.addEventListener("click", () => showMore(true));

    const smallIndex = async () => {
      try {
        const bundles = await loadBundles();
        const counts = await Promise.all(
          bundles.map(async (b) => {
            const response = await fetch(new URL(`pagefind/${b}pagefind-entry.json`, siteRoot()).href);
            const entry = await response.json();
            return Object.values(entry.languages || {}).reduce((sum, l) => sum + (l.page_count || 0), 0);
          }),
        );
        return counts.reduce((a, b) => a + b, 0) <= SMALL_INDEX_PAGES;
      } catch (_) {
        return false;
      }
    };
    (async () => {
      if (window.matchMedia("(min-width: 60em)").matches && (await smallIndex())) setFiltersOpen(true);
      run();
    })();
  };

  /* -------------------------------------------------------------------- start -- */

  const start = () => {
    initHeader();
    initPage();
  };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material's instant navigation, if enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
