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
 * one is merged into it with Pagefind's mergeIndex. A query searches the newest bundle
 * first and shows its matches at once ("Searching…" until the older bundles are done
 * too); facet counts are summed across bundles.
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

  /** The synthetic filter (Pagefind's mergeFilter) that tells the bundles apart; not a facet. */
  const BUNDLE_FILTER = "bf_bundle";

  /**
   * pagefind/bundles.json: { paths, recent, undated }. ``paths``: where the bundles of the
   * index are, below <root>pagefind/: "" (the primary) first, newest articles first.
   * ``recent``: the name of the filter ("1"/"0") that tells the newest articles of bundle
   * 1 from its other ones, when the build set one; not a facet either. ``undated``: how
   * many hand-written pages end bundle 1 (after its articles).
   */
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
          const recent = manifest && typeof manifest.recent === "string" && /^bf_\w+$/.test(manifest.recent) ? manifest.recent : null;
          const undated = manifest && Number.isInteger(manifest.undated) && manifest.undated > 0 ? manifest.undated : 0;
          return { paths: ["", ...new Set(more)], recent, undated }; // no (or no valid) manifest: the primary bundle only
        });
    }
    return bundlesPromise;
  };
  const SYNTHETIC = /^bf_/; // BUNDLE_FILTER and the "recent" filter: never shown, never summed

  /** Filter counts of several searches added up (each result is in exactly one of them). */
  const sumCounts = (many) => {
    const sum = {};
    for (const counts of many) {
      for (const [facet, values] of Object.entries(counts || {})) {
        if (SYNTHETIC.test(facet)) continue;
        const into = (sum[facet] = sum[facet] || {});
        for (const [value, n] of Object.entries(values || {})) into[value] = (into[value] || 0) + n;
      }
    }
    return sum;
  };

  /**
   * The smallest CBOR reader that Pagefind's metadata needs (RFC 8949: unsigned and
   * negative integers, byte and text strings, arrays, maps, tags, simple values).
   */
  const readCbor = (bytes) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const text = new TextDecoder();
    let at = 0;
    const length = (info) => {
      if (info < 24) return info;
      const size = 1 << (info - 24); // 1, 2, 4 or 8 bytes
      const value = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at) : size === 4 ? view.getUint32(at) : Number(view.getBigUint64(at));
      at += size;
      return value;
    };
    const item = () => {
      const head = view.getUint8(at++);
      const type = head >> 5;
      const info = head & 31;
      if (type === 7) {
        if (info === 25 || info === 26 || info === 27) throw new Error("CBOR floats are not expected here");
        return info === 20 ? false : info === 21 ? true : null;
      }
      const n = length(info);
      if (type === 0) return n;
      if (type === 1) return -1 - n;
      if (type === 2 || type === 3) {
        const slice = bytes.subarray(at, at + n);
        at += n;
        return type === 3 ? text.decode(slice) : slice;
      }
      if (type === 4) return Array.from({ length: n }, item);
      if (type === 5) return Object.fromEntries(Array.from({ length: n }, () => [item(), item()]));
      return item(); // type 6, a tag: its content
    };
    return item();
  };

  /**
   * Where each page of bundle ``number`` (from 1) is in Pagefind's numbering: { position:
   * Map(page hash → n), dated: how many pages are articles }. The build adds the articles
   * newest first (hand-written pages last), and Pagefind numbers pages in that order, so
   * this order is "newest first" without a sort index in the metadata every query
   * downloads (2 bytes a page: 40 KB at 20,000 articles). Read from the bundle's own
   * metadata file (gzip, "pagefind_dcd", CBOR: [version, [[hash, words], …], …]), which
   * Pagefind has loaded already: it comes from the HTTP cache.
   */
  const orders = new Map();
  const pageOrder = (number) => {
    if (!orders.has(number)) {
      const load = async () => {
        const { paths, undated } = await loadBundles();
        const base = new URL(`pagefind/${paths[number - 1]}`, siteRoot());
        // Revalidated: after a rebuild a cached entry would name the previous metadata file.
        const entry = await (await fetch(new URL("pagefind-entry.json", base).href, { cache: "no-cache" })).json();
        const languages = Object.values(entry.languages || {});
        const language = languages.find((l) => l.hash && l.hash.startsWith(`${LANG.split("-")[0].toLowerCase()}_`)) || languages[0];
        const response = await fetch(new URL(`pagefind.${language.hash}.pf_meta`, base).href);
        const plain = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
        const bytes = new Uint8Array(plain);
        if (new TextDecoder().decode(bytes.subarray(0, 12)) !== "pagefind_dcd") throw new Error("unknown metadata format");
        const pages = readCbor(bytes.subarray(12))[1];
        const position = new Map(pages.map((page, i) => [page[0], i]));
        return { position, dated: pages.length - (number === 1 ? undated : 0) };
      };
      const promise = load();
      promise.catch(() => orders.delete(number)); // try again next time
      orders.set(number, promise);
    }
    return orders.get(number);
  };

  /** ``results`` of bundle ``number`` newest first ("desc") or oldest first ("asc"), hand-written pages left out. */
  const inPageOrder = async (number, results, direction) => {
    let order;
    try {
      order = await pageOrder(number);
    } catch (error) {
      console.warn("Briefings search: no date order, results by relevance", error);
      return results;
    }
    const sorted = results
      .map((result) => [order.position.get(result.id), result])
      .filter(([n]) => n !== undefined && n < order.dated)
      .sort((a, b) => a[0] - b[0])
      .map(([, result]) => result);
    return direction === "asc" ? sorted.reverse() : sorted;
  };

  /**
   * One search over every bundle: { search(term, options, onPart), filters(), preload(term), bundles }.
   *
   * Pagefind scores every page that matches a query, ~40 µs each: a word found in
   * nearly every article costs more than a second at 20,000 articles. So a search with
   * ``onPart`` goes part by part, newest first: the newest articles of bundle 1 (when the
   * build marked them with the ``recent`` filter), the rest of bundle 1, then each older
   * bundle. After each part but the last it hands the results so far to
   * ``onPart(partial)`` (may be async), which shows them; returning false stops the
   * search, which then resolves to null (a newer query came): a new query never waits
   * for more than one part of an old one.
   *
   * ``pagefind`` starts with bundle 1 alone; ``mergeOlder()`` merges the others into it,
   * each with a synthetic filter (BUNDLE_FILTER) that tells them apart. It runs when a
   * search first needs them, after its first part: Pagefind loads the index chunks of
   * every merged bundle for every query, filtered out or not, and the first results of
   * the first query need not wait for them.
   *
   * Relevance: the results of every part, by score (what Pagefind's merged search does).
   * Date (``sort: {date: "desc"}``, done here, not by Pagefind): each part's results in
   * page order (inPageOrder), the parts end to end, newest first ("asc": the reverse).
   * Without onPart and without a date sort (the facet counts), it is one merged search.
   */
  const mergedSearch = (pagefind, bundles, recent, mergeOlder) => {
    // The parts, newest first: { bundle, filters }; bundle 1 in two when the build marked its newest articles.
    const steps = [];
    bundles.forEach((_, i) => {
      const filters = bundles.length > 1 ? { [BUNDLE_FILTER]: { any: [String(i + 1)] } } : {};
      if (i === 0 && recent) {
        steps.push({ bundle: 1, filters: { ...filters, [recent]: { any: ["1"] } } });
        steps.push({ bundle: 1, filters: { ...filters, [recent]: { any: ["0"] } } });
      } else {
        steps.push({ bundle: i + 1, filters });
      }
    });
    const combine = (parts, byDate) => {
      const results = parts.flatMap((part) => part.results);
      if (!byDate) results.sort((a, b) => b.score - a.score); // stable: equal scores keep bundle order
      return { results, filters: sumCounts(parts.map((part) => part.filters)) };
    };
    const search = async (term, options = {}, onPart = null) => {
      const { sort, ...rest } = options;
      const direction = sort && Object.keys(sort).length === 1 ? sort.date : undefined;
      const byDate = direction === "desc" || direction === "asc";
      if (!byDate && (steps.length < 2 || !onPart)) {
        await mergeOlder();
        return pagefind.search(term, rest);
      }
      // Part after part, newest first (oldest first for "asc"): a newer query never waits
      // for more than one part of an older one.
      const order = direction === "asc" ? steps.slice().reverse() : steps;
      const parts = [];
      for (const step of order) {
        if (step.bundle !== 1) await mergeOlder();
        let part = await pagefind.search(term, { ...rest, filters: { ...(rest.filters || {}), ...step.filters } });
        if (!part) return null;
        if (byDate) part = { ...part, results: await inPageOrder(step.bundle, part.results, direction) };
        parts.push(part);
        if (onPart && parts.length < order.length && (await onPart(combine(parts, byDate))) === false) return null;
      }
      return combine(parts, byDate);
    };
    const filters = async () => {
      await mergeOlder();
      return pagefind.filters();
    };
    /** Load the index (and filter) chunks the first part of a query will need, while the reader is still typing it. */
    const preload = (term) => pagefind.preload(term, { filters: steps[0].filters });
    return { search, filters, preload, bundles: bundles.length };
  };

  let pagefindPromise = null;
  /** The search over every bundle (see mergedSearch), loaded once; ready as soon as the newest bundle is. */
  const loadPagefind = () => {
    if (!pagefindPromise) {
      const root = siteRoot();
      pagefindPromise = Promise.all([loadBundles(), import(new URL("pagefind/pagefind.js", root).href)]).then(
        async ([{ paths: bundles, recent }, pagefind]) => {
          const options = (i) => ({
            baseUrl: root.pathname,
            excerptLength: 26,
            ...(bundles.length > 1 ? { mergeFilter: { [BUNDLE_FILTER]: String(i + 1) } } : {}),
          });
          await pagefind.options(options(0));
          await pagefind.init();
          let merging = null;
          const mergeOlder = () => {
            // The path form, like the primary's own basePath ("/repo/pagefind/"): Pagefind
            // skips a merge path that the primary's path starts with, hence part-N/ below it.
            if (!merging) {
              merging = Promise.all(
                bundles.slice(1).map((b, i) => pagefind.mergeIndex(new URL(`pagefind/${b}`, root).pathname, options(i + 1))),
              );
              merging.catch(() => {
                merging = null; // try again with the next search
              });
            }
            return merging;
          };
          return mergedSearch(pagefind, bundles, recent, mergeOlder);
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
   * otherwise queue up there (seconds for common words on a large site). The search
   * gets ``superseded()``, true once a newer run is waiting: it then stops at its next
   * part (mergedSearch's onPart), so the newer one waits for one part at most.
   */
  const latestOnly = (search) => {
    let running = false;
    let pending = false;
    const superseded = () => pending;
    const start = async () => {
      if (running) {
        pending = true;
        return;
      }
      running = true;
      try {
        await search(superseded);
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
  const DEBOUNCE_MS = 100;
  /**
   * Whether to search as the reader types: from two characters on, or one in a script
   * written without spaces (a single Chinese character is a word). One Latin letter
   * matches nearly every article, and the search could not be interrupted; Enter still
   * searches anything.
   */
  const searchable = (query) => query.length >= 2 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(query);

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
    let shownKey = ""; // the query and the results on screen

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
      shownKey = "";
      list.removeAttribute("aria-busy");
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
      // Closed while a search was still due: its results, not the older ones, on reopening.
      if (list.hasAttribute("aria-busy")) run();
    };
    const close = () => {
      window.clearTimeout(timer);
      select(-1);
      input.setAttribute("aria-expanded", "false");
      setToggle(false);
      input.blur();
    };

    const search = async (superseded = () => false) => {
      const query = input.value.trim();
      if (!query) return clear(initialStatus);
      const mine = ++generation;
      try {
        const pagefind = await loadPagefind();
        // The newest matches are shown as soon as a bundle has some, with "Searching…" until
        // every bundle is done; then the whole list once (each update loads its fragments).
        let shownPartial = false;
        const found = await pagefind.search(query, {}, async (partial) => {
          if (mine !== generation || superseded()) return false;
          if (!shownPartial && partial.results.length) {
            shownPartial = true;
            await show(query, partial, false);
          } else {
            status.textContent = T.searching;
          }
          return mine === generation;
        });
        if (mine !== generation || !found) return;
        await show(query, found, true);
        // Busy until the results are those of what the box says now: a search that ends
        // while the reader is still typing leaves the list busy for the one that follows.
        if (mine === generation && input.value.trim() === query) list.removeAttribute("aria-busy");
      } catch (error) {
        console.error("Briefings search:", error);
        if (mine === generation) clear(T.error);
      }
    };

    /** Render the first HEADER_LIMIT results (and the count once ``done``); the selected one stays selected. */
    const show = async (query, found, done) => {
      const mine = generation;
      const top = found.results.slice(0, HEADER_LIMIT);
      const key = `${query}\u0000${top.map((r) => r.id).join(" ")}`;
      if (key !== shownKey) {
        const data = await Promise.all(top.map((r) => r.data()));
        if (mine !== generation) return;
        renderOptions(data);
        shownKey = key;
      }
      const total = found.results.length;
      status.textContent = !done ? T.searching : total ? countText(T.count, total) : T.none;
      all.hidden = done && total === 0;
      all.href = searchPageUrl(query);
      all.textContent = T.seeAll;
    };
    const renderOptions = (data) => {
      const selected = active >= 0 && options[active] ? options[active].getAttribute("href") : null;
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
      // Older bundles may move a result: the one chosen with the arrow keys stays chosen.
      const again = selected === null ? -1 : options.findIndex((option) => option.getAttribute("href") === selected);
      if (again >= 0) select(again);
    };

    const run = latestOnly(search);

    input.addEventListener("focus", open);
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      setToggle(true);
      const query = input.value.trim();
      if (!searchable(query)) return clear(initialStatus);
      if (query.length >= 3) loadPagefind().then((pagefind) => pagefind.preload(query)).catch(() => {});
      // The results on screen are those of an earlier query until this one's arrive:
      // aria-busy tells assistive technology (and the eye, through the CSS) so.
      list.setAttribute("aria-busy", "true");
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
    const search = async (superseded = () => false) => {
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
        // The first page of the newest bundle's matches is shown at once, "Searching…" until every bundle is done.
        let firstPage = null;
        const showFirstPage = async (found) => {
          const key = found.results
            .slice(0, PAGE_SIZE)
            .map((r) => r.id)
            .join(" ");
          if (key === firstPage && current) {
            current.results = found.results; // the same first page: "Show more" reads the longer list
            more.hidden = current.shown >= current.results.length;
            return;
          }
          firstPage = key;
          current = { results: found.results, shown: 0 };
          list.replaceChildren();
          more.hidden = true;
          await showMore(false);
        };
        let shownPartial = false;
        const found = await pagefind.search(term, options, async (partial) => {
          if (mine !== generation || superseded()) return false;
          status.textContent = T.searching;
          if (!shownPartial && partial.results.length) {
            shownPartial = true;
            await showFirstPage(partial);
          }
          return mine === generation;
        });
        if (mine !== generation || !found) return;
        const counts = withFacets ? await facetCounts(pagefind, term, found) : null;
        if (mine !== generation) return;
        if (counts) renderFacets(counts);
        const n = found.results.length;
        status.textContent = n ? (state.q ? countText(T.countFor, n, state.q) : countText(T.count, n)) : T.none;
        await showFirstPage(found);
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
      if (state.q && !searchable(state.q)) return; // one letter: Enter searches it
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
        const bundles = (await loadBundles()).paths;
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
