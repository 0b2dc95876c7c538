"use strict";
// The glossary report: everything is drawn from the JSON in #data. Text from the data only
// ever goes into the page as text nodes (never as markup).
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const entries = data.entries;
  const PAGE = 100;
  const SVG = "http://www.w3.org/2000/svg";

  // ---- small helpers -------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }
  function byId(id) { return document.getElementById(id); }
  // Whether item k of count is labelled on an axis that has room for about `most` labels.
  function everyKth(k, count, most) { return k % Math.ceil(count / most) === 0; }
  // One entry per Chinese term (a concept's rows repeat it, one per English rendering).
  function distinct(list) {
    const seen = new Set();
    return list.filter((e) => !seen.has(e.zh) && seen.add(e.zh));
  }
  const fmt = new Intl.NumberFormat("en");

  // ---- years and documents -------------------------------------------------------------
  const docsInYear = new Map();
  for (const [year, n] of data.docs_by_year) if (year !== null) docsInYear.set(year, n);
  const years = [...docsInYear.keys()].sort((a, b) => a - b);
  const latest = years.length ? years[years.length - 1] : null;
  const before = years.length > 1 ? years[years.length - 2] : null;
  const yearMin = years.length ? years[0] : 0;
  const yearMax = latest === null ? 0 : latest;
  function countIn(entry, year) {
    for (const [y, n] of entry.by_year) if (y === year) return n;
    return 0;
  }
  // Occurrences per 10,000 Chinese characters of the year's documents: years with more
  // text compare fairly.
  function rateIn(entry, year) {
    for (const [y, r] of entry.rates) if (y === year) return r;
    return 0;
  }
  // Names of people and places rise and fall with the news, not with the terminology.
  function isName(e) { return e.type === "person" || e.type === "place"; }

  // ---- overview -----------------------------------------------------------------------
  function summary() {
    const count = (f) => entries.filter(f).length;
    const curated = count((e) => e.status !== "candidate" && e.status !== "rejected");
    const cards = [
      ["documents", data.docs_by_year.reduce((s, [, n]) => s + n, 0)],
      ["curated", curated],
      ["candidates", count((e) => e.status === "candidate")],
      ["with proposed English", count((e) => e.proposed)],
      ["rejected", count((e) => e.status === "rejected")],
      ["aligned pairs", data.pairs.reduce((s, p) => s + p.beads.length, 0)],
    ];
    const box = byId("summary");
    for (const [label, n] of cards) box.append(el("div", { class: "card" }, el("b", {}, fmt.format(n)), label));
  }

  function barChart() {
    const rows = data.docs_by_year.filter(([y]) => y !== null);
    const w = 520, h = 160, pad = 24;
    const max = Math.max(1, ...rows.map(([, n]) => n));
    const bw = rows.length ? (w - pad) / rows.length : 0;
    const chart = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: "100%", role: "img", "aria-label": "Documents by year: " + rows.map(([y, n]) => `${y} ${n}`).join(", ") });
    rows.forEach(([year, n], i) => {
      const bh = (h - 2 * pad) * n / max;
      const x = pad + i * bw;
      const bar = svg("rect", { x: x + 1, y: h - pad - bh, width: Math.max(1, bw - 2), height: bh, fill: "#0b5cad" });
      bar.append(svg("title"));
      bar.firstChild.textContent = `${year}: ${n}`;
      chart.append(bar);
      if (rows.length <= 12) {
        const value = svg("text", { x: x + bw / 2, y: h - pad - bh - 4, "text-anchor": "middle" });
        value.textContent = fmt.format(n);
        chart.append(value);
      }
      if (everyKth(i, rows.length, 12)) {
        const t = svg("text", { x: x + bw / 2, y: h - 8, "text-anchor": "middle" });
        t.textContent = year;
        chart.append(t);
      }
    });
    byId("docs-chart").append(chart);
  }

  function topChart() {
    const top = distinct(entries.filter((e) => e.status !== "rejected").sort((a, b) => b.total - a.total || cmp(a.zh, b.zh))).slice(0, 6);
    const w = 620, h = 180, pad = 28, legend = 110;
    const colours = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e"];
    let max = 0;
    for (const e of top) for (const y of years) max = Math.max(max, rateIn(e, y));
    const x = (y) => pad + (years.length > 1 ? (w - 2 * pad - legend) * (y - yearMin) / (yearMax - yearMin) : (w - 2 * pad - legend) / 2);
    const yv = (v) => h - pad - (h - 2 * pad) * (max ? v / max : 0);
    const chart = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: "100%", role: "img", "aria-label": "Top terms by year: " + top.map((e) => e.zh).join(", ") });
    const ticks = years.filter((y, k) => everyKth(k, years.length, 8) || k === years.length - 1);
    for (const y of ticks) {
      chart.append(svg("line", { x1: x(y), x2: x(y), y1: pad, y2: h - pad, stroke: "#e5e5e5" }));
      const t = svg("text", { x: x(y), y: h - 8, "text-anchor": "middle" });
      t.textContent = y;
      chart.append(t);
    }
    top.forEach((e, i) => {
      const pts = years.map((y) => `${x(y).toFixed(1)},${yv(rateIn(e, y)).toFixed(1)}`).join(" ");
      chart.append(svg("polyline", { points: pts, fill: "none", stroke: colours[i], "stroke-width": 2 }));
      const label = svg("text", { x: w - legend + 4, y: 14 + i * 16, fill: colours[i] });
      label.setAttribute("style", `fill:${colours[i]}`);
      label.textContent = e.zh;
      chart.append(label);
    });
    byId("top-chart").append(chart);
  }

  function newTerms() {
    const list = byId("new-terms");
    if (latest === null) return;
    const fresh = distinct(entries.filter((e) => e.first === latest && e.status !== "rejected" && !isName(e)).sort((a, b) => b.total - a.total || cmp(a.zh, b.zh))).slice(0, 40);
    byId("new-title").textContent = `New in ${latest} (${fresh.length}${fresh.length === 40 ? "+" : ""})`;
    for (const e of fresh) list.append(el("li", {}, el("button", { type: "button", onclick: () => openPanel(entries.indexOf(e), true) }, `${e.zh} ${e.total}`)));
  }

  function moves() {
    const body = byId("moves").tBodies[0];
    if (before === null) {
      body.append(el("tr", {}, el("td", { colspan: 4 }, "One year of documents: nothing to compare.")));
      return;
    }
    byId("moves-title").textContent = `Rising and falling, ${before} → ${latest} (occurrences per 10,000 Chinese characters)`;
    const changes = distinct(entries.filter((e) => e.total >= 3 && e.status !== "rejected" && !isName(e))).map((e) => [e, rateIn(e, before), rateIn(e, latest)]);
    changes.sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]) || cmp(a[0].zh, b[0].zh));
    const shown = changes.slice(0, 6).concat(changes.slice(-6).reverse()).filter(([, a, b]) => a !== b);
    const seen = new Set();
    for (const [e, a, b] of shown) {
      if (seen.has(e)) continue;
      seen.add(e);
      const d = b - a;
      body.append(el("tr", {},
        el("th", { scope: "row" }, el("button", { type: "button", class: "linkish", onclick: () => openPanel(entries.indexOf(e), true) }, e.zh)),
        el("td", { class: "num" }, a.toFixed(2)), el("td", { class: "num" }, b.toFixed(2)),
        el("td", { class: "num" }, (d > 0 ? "▲ +" : "▼ ") + d.toFixed(2))));
    }
  }

  // ---- the term table -----------------------------------------------------------------
  const haystack = entries.map((e) => (e.zh + "\u0001" + e.en + "\u0001" + e.py).toLowerCase());
  // By default the glossary's own order: curated rows first, then candidates best first.
  const state = { q: "", status: "", type: "", year: "", key: "rank", dir: 1, page: 0, shown: [], selected: -1 };
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function sortValue(e, key) {
    if (key === "first" || key === "last") return e[key] === null ? (state.dir > 0 ? Infinity : -Infinity) : e[key];
    if (key === "rank") return e.rank === null ? 0 : e.rank;
    return e[key];
  }

  function fillSelect(id, values) {
    const select = byId(id);
    for (const v of values) select.append(el("option", { value: String(v) }, String(v)));
  }

  function filter() {
    const q = state.q.trim().toLowerCase().replace(/\s+/g, " ");
    // "heping fazhan" also finds hepingfazhan: the query without its spaces, made once.
    const joined = q.indexOf(" ") >= 0 ? q.replace(/ /g, "") : null;
    const year = state.year === "" ? null : Number(state.year);
    const out = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (q && !haystack[i].includes(q) && !(joined !== null && haystack[i].includes(joined))) continue;
      if (state.status && e.status !== state.status) continue;
      if (state.type && e.type !== state.type) continue;
      if (year !== null && countIn(e, year) === 0) continue;
      out.push(i);
    }
    const key = state.key, dir = state.dir;
    out.sort((a, b) => {
      const x = sortValue(entries[a], key), y = sortValue(entries[b], key);
      return (x < y ? -dir : x > y ? dir : 0) || a - b;
    });
    // An exact match of the query comes first.
    if (q) {
      const exact = out.findIndex((i) => entries[i].zh.toLowerCase() === q || entries[i].en.toLowerCase() === q);
      if (exact > 0) out.unshift(out.splice(exact, 1)[0]);
    }
    state.shown = out;
    state.page = 0;
    renderRows();
  }

  function sparkline(e) {
    const w = 80, h = 18;
    const s = svg("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, "aria-hidden": "true" });
    if (!years.length || !e.rates.length) return s;
    const max = Math.max(...e.rates.map(([, r]) => r)) || 1;
    const span = Math.max(1, yearMax - yearMin);
    const pts = years.map((y) => `${(2 + (w - 4) * (y - yearMin) / span).toFixed(1)},${(h - 2 - (h - 4) * rateIn(e, y) / max).toFixed(1)}`);
    s.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: "#0b5cad", "stroke-width": 1.5 }));
    return s;
  }

  function renderRows() {
    const body = byId("term-table").tBodies[0];
    const rows = [];
    const from = state.page * PAGE;
    const slice = state.shown.slice(from, from + PAGE);
    for (const i of slice) {
      const e = entries[i];
      const years = e.by_year.map(([y, n]) => `${y}: ${n}`).join(", ");
      const tr = el("tr", { tabindex: "0", "data-i": String(i), "aria-selected": String(i === state.selected) },
        el("th", { scope: "row", lang: "zh" }, e.zh),
        el("td", e.proposed ? { class: "proposed" } : {}, e.en),
        el("td", {}, e.status),
        el("td", {}, e.type),
        el("td", { class: "num" }, e.rank === null ? "" : e.rank),
        el("td", { class: "num" }, fmt.format(e.total)),
        el("td", { title: years, "aria-label": years || "no dated occurrence" }, sparkline(e)),
        el("td", { class: "num" }, e.first === null ? "" : e.first),
        el("td", { class: "num" }, e.last === null ? "" : e.last));
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    const n = state.shown.length;
    byId("count").textContent = n === entries.length ? `${fmt.format(n)} entries` : `${fmt.format(n)} of ${fmt.format(entries.length)} entries`;
    const pages = Math.max(1, Math.ceil(n / PAGE));
    byId("page").textContent = `page ${state.page + 1} of ${pages}`;
    byId("prev").disabled = state.page === 0;
    byId("next").disabled = state.page + 1 >= pages;
    byId("term-table").setAttribute("data-total", String(entries.length));
  }

  function setSort(key) {
    if (state.key === key) state.dir = -state.dir;
    else { state.key = key; state.dir = key === "total" || key === "last" ? -1 : 1; }
    for (const th of byId("term-table").tHead.rows[0].cells) {
      if (!th.dataset.key) continue;
      th.setAttribute("aria-sort", th.dataset.key === state.key ? (state.dir > 0 ? "ascending" : "descending") : "none");
    }
    filter();
  }

  // ---- the term panel -----------------------------------------------------------------
  function highlight(text, term) {
    const out = document.createDocumentFragment();
    let at = 0;
    if (term) {
      for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, at)) {
        out.append(text.slice(at, i), el("mark", {}, term));
        at = i + term.length;
      }
    }
    out.append(text.slice(at));
    return out;
  }

  function section(title, ...content) {
    return [el("h4", {}, title), ...content];
  }

  function openPanel(i, focus) {
    if (i < 0) return;
    const e = entries[i];
    state.selected = i;
    for (const tr of byId("term-table").tBodies[0].rows) tr.setAttribute("aria-selected", String(Number(tr.dataset.i) === i));
    const panel = byId("panel");
    panel.hidden = false;
    byId("panel-title").replaceChildren(el("span", { lang: "zh" }, e.zh), " ", e.en ? el("span", e.proposed ? { class: "proposed" } : {}, e.en) : "");
    const body = [];
    const facts = [`status: ${e.status}`, e.type ? `type: ${e.type}` : null, `${fmt.format(e.total)} occurrences`, e.first === null ? null : (e.first === e.last ? `in ${e.first}` : `${e.first}–${e.last}`)].filter(Boolean);
    body.push(el("p", {}, facts.join(" · ")));
    if (e.definition) body.push(el("p", {}, e.definition));
    if (e.note) body.push(el("p", { class: "where" }, "Note: " + e.note));
    if (e.by_year.length) body.push(el("p", { class: "where" }, "By year: " + e.by_year.map(([y, n]) => `${y} ${n}`).join(", ")));

    const kwic = el("ol", { class: "kwic" });
    for (const [left, term, right, doc, year, line] of e.contexts) {
      kwic.append(el("li", { lang: "zh" }, left, el("mark", {}, term), right, " ", el("span", { class: "where", lang: "en" }, `${doc}${year === null ? "" : ", " + year}, line ${line}`)));
    }
    body.push(...section(`Contexts (${e.contexts.length})`, e.contexts.length ? kwic : el("p", {}, "No context in the corpus.")));

    if (e.variants.length) body.push(...section("Variants", el("p", { lang: "zh" }, e.variants.join("、"))));
    if (e.similar.length) body.push(...section("Looks like (curated)", el("p", { lang: "zh" }, e.similar.join("、"))));
    const longer = [], shorter = [];
    for (let j = 0; j < entries.length && (longer.length < 15 || shorter.length < 15); j++) {
      const other = entries[j].zh;
      if (j === i || other === e.zh) continue;
      if (longer.length < 15 && other.includes(e.zh)) longer.push(j);
      else if (shorter.length < 15 && e.zh.includes(other)) shorter.push(j);
    }
    const links = (list) => el("ul", { class: "chips" }, ...list.map((j) => el("li", {}, el("button", { type: "button", lang: "zh", onclick: () => openPanel(j, true) }, entries[j].zh))));
    if (longer.length) body.push(...section("Longer terms", links(longer)));
    if (shorter.length) body.push(...section("Shorter terms", links(shorter)));

    const u = e.usage;
    if (u || e.context_en) {
      const content = [];
      if (e.context_en) content.push(el("p", {}, "Curated example: ", el("span", { lang: "zh" }, e.context_zh), " ", el("q", {}, e.context_en)));
      if (u && u.unused) content.push(el("p", { class: "warn" }, `The preferred English “${e.en}” is not among the renderings the aligned translations use.`));
      if (u) {
        content.push(el("p", { class: "where" }, u.evidence + (u.proposed ? " · the first rendering is proposed (not reviewed)" : " · no proposal: the evidence does not carry one")));
        if (u.renderings.length) {
          const t = el("table", { class: "renderings" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "English in the aligned translations"), el("th", { scope: "col", class: "num" }, "Occurrences"), el("th", { scope: "col", class: "num" }, "Share"))));
          const tb = el("tbody");
          for (const [en, count, share] of u.renderings) tb.append(el("tr", {}, el("td", {}, en), el("td", { class: "num" }, count), el("td", { class: "num" }, Math.round(share * 100) + "%")));
          t.append(tb);
          content.push(t);
        }
        if (u.examples.length) {
          const ex = el("ol", { class: "usage" });
          for (const [[zl, zt, zr], [el_, et, er], doc, year] of u.examples) {
            ex.append(el("li", {}, el("span", { lang: "zh" }, zl, el("mark", {}, zt), zr), el("br"), el_, el("mark", {}, et), er, " ", el("span", { class: "where" }, `${doc}${year === null ? "" : ", " + year}`)));
          }
          content.push(ex);
        }
      }
      body.push(...section("Translations in the corpus", ...content));
    }

    const pairs = el("table", { class: "pairs" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Chinese"), el("th", { scope: "col" }, "English"))));
    const pb = el("tbody");
    let found = 0;
    for (const doc of data.pairs) {
      for (const [zh, en, score, low] of doc.beads) {
        if (!zh.includes(e.zh)) continue;
        pb.append(el("tr", low ? { class: "low" } : {}, el("td", { lang: "zh" }, highlight(zh, e.zh)), el("td", {}, en)));
        if (++found >= 10) break;
      }
      if (found >= 10) break;
    }
    pairs.append(pb);
    body.push(...section(`Aligned sentence pairs (${found}${found >= 10 ? "+" : ""})`, found ? pairs : el("p", {}, "In no aligned pair.")));

    byId("panel-body").replaceChildren(...body);
    if (focus) panel.focus();
    history.replaceState(null, "", "#term=" + encodeURIComponent(e.zh));
  }

  // ---- alignment review ---------------------------------------------------------------
  function alignment() {
    const select = byId("pair-doc");
    if (!data.pairs.length) {
      select.append(el("option", { value: "" }, "no bilingual pair in the corpus"));
      select.disabled = true;
      return;
    }
    data.pairs.forEach((p, k) => {
      const low = p.beads.filter((b) => b[3]).length;
      select.append(el("option", { value: String(k) }, `${p.doc}${p.year === null ? "" : " (" + p.year + ")"}: ${p.beads.length} beads, ${low} low-confidence`));
    });
    const show = () => {
      const p = data.pairs[Number(select.value)];
      const rows = p.beads.map(([zh, en, score, low], n) => el("tr", low ? { class: "low" } : {}, el("td", { class: "num" }, n + 1), el("td", { lang: "zh" }, zh), el("td", {}, en), el("td", { class: "num" }, score.toFixed(2) + (low ? " low" : ""))));
      byId("beads").tBodies[0].replaceChildren(...rows);
    };
    select.addEventListener("change", show);
    show();
  }

  // ---- wiring ---------------------------------------------------------------------------
  function wire() {
    fillSelect("f-status", [...new Set(entries.map((e) => e.status))].sort());
    fillSelect("f-type", [...new Set(entries.map((e) => e.type).filter(Boolean))].sort());
    fillSelect("f-year", years.slice().reverse());
    byId("search").addEventListener("input", (ev) => { state.q = ev.target.value; filter(); });
    for (const [id, key] of [["f-status", "status"], ["f-type", "type"], ["f-year", "year"]]) {
      byId(id).addEventListener("change", (ev) => { state[key] = ev.target.value; filter(); });
    }
    for (const th of byId("term-table").tHead.rows[0].cells) {
      if (th.dataset.key) th.querySelector("button").addEventListener("click", () => setSort(th.dataset.key));
    }
    byId("prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); renderRows(); });
    byId("next").addEventListener("click", () => { state.page += 1; renderRows(); });
    const tbody = byId("term-table").tBodies[0];
    tbody.addEventListener("click", (ev) => {
      const tr = ev.target.closest("tr");
      if (tr) openPanel(Number(tr.dataset.i), false);
    });
    tbody.addEventListener("keydown", (ev) => {
      const tr = ev.target.closest("tr");
      if (!tr) return;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openPanel(Number(tr.dataset.i), false); }
      else if (ev.key === "ArrowDown" && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
      else if (ev.key === "ArrowUp" && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
    });
    byId("close").addEventListener("click", () => { byId("panel").hidden = true; state.selected = -1; });
    document.addEventListener("keydown", (ev) => {
      const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
      if (ev.key === "/" && !typing) { ev.preventDefault(); byId("search").focus(); }
      else if (ev.key === "Escape" && !byId("panel").hidden) { byId("panel").hidden = true; state.selected = -1; }
    });
  }

  summary();
  barChart();
  topChart();
  newTerms();
  moves();
  wire();
  filter();
  alignment();
  const wanted = decodeURIComponent((location.hash.match(/^#term=(.*)$/) || [])[1] || "");
  if (wanted) openPanel(entries.findIndex((e) => e.zh === wanted), false);
  // For tests and the curious: search from the console, timed.
  window.glossaryReport = {
    search(q) { const t = performance.now(); byId("search").value = q; state.q = q; filter(); return performance.now() - t; },
    entries: entries.length,
  };
})();
