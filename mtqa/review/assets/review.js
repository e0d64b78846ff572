"use strict";
// mtqa review page: documents, highlighted findings, accept / reject / edit, apply.
// The same script renders the read-only HTML report (mode "report"): no requests, no buttons.
(() => {
  const boot = JSON.parse(document.getElementById("mtqa-data").textContent);
  const review = boot.mode === "review";
  const $ = (id) => document.getElementById(id);
  const state = { docs: [], doc: null, visible: [], cursor: -1 };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function status(message, problem) {
    $("status").textContent = message || "";
    $("status").classList.toggle("problem", Boolean(problem));
  }

  async function call(method, path, body) {
    const options = { method, headers: { "X-MTQA-Token": boot.token } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function countLabel(counts) {
    const parts = ["error", "warning", "info"].filter((k) => counts && counts[k]).map((k) => `${counts[k]} ${k}`);
    return parts.length ? parts.join(", ") : "clean";
  }

  function renderDocuments() {
    const list = $("documents");
    list.replaceChildren();
    for (const doc of state.docs) {
      const current = state.doc && state.doc.name === doc.name;
      const label = doc.error ? "unreadable" : countLabel(doc.counts);
      const button = el("button", { "aria-current": String(current), onclick: () => open(doc.name) },
        doc.name, el("span", { class: "count" }, label));
      list.append(el("li", {}, button));
    }
  }

  function passes(finding) {
    const rule = $("filter-rule").value, severity = $("filter-severity").value;
    if (rule && finding.code !== rule) return false;
    if (severity && finding.severity !== severity) return false;
    if (review && $("filter-open").checked && finding.decision) return false;
    return true;
  }

  function renderFilters() {
    const select = $("filter-rule"), chosen = select.value;
    const codes = [...new Set(state.doc.findings.map((f) => f.code))].sort();
    select.replaceChildren(el("option", { value: "" }, "all"), ...codes.map((c) => el("option", { value: c }, c)));
    select.value = codes.includes(chosen) ? chosen : "";
  }

  function renderText() {
    const box = $("text");
    box.replaceChildren();
    const doc = state.doc;
    state.visible = doc.findings.map((f, i) => (passes(f) ? i : -1)).filter((i) => i >= 0);
    const shown = new Set(state.visible);
    for (const segment of doc.segments) {
      const here = segment.findings.filter((i) => shown.has(i));
      if (!here.length) { box.append(segment.text); continue; }
      const top = doc.findings[here[0]];
      const classes = [top.decision || top.severity];
      if (here.includes(state.visible[state.cursor])) classes.push("current");
      const mark = el("mark", { class: classes.join(" "), "data-finding": String(here[0]),
        title: here.map((i) => `${doc.findings[i].code}: ${doc.findings[i].message}`).join("\n"),
        onclick: () => select(state.visible.indexOf(here[0])) }, segment.text);
      box.append(mark);
    }
  }

  function diff(finding) {
    const box = el("div", { class: "diff" });
    box.append(el("del", {}, finding.before || "∅"));
    if (finding.after !== null) box.append(" → ", el("ins", {}, finding.after || "∅"));
    return box;
  }

  function renderPanel() {
    const panel = $("panel");
    panel.replaceChildren();
    const index = state.visible[state.cursor];
    if (index === undefined) {
      const none = state.doc && state.doc.findings.length ? "No finding matches the filters." : "No findings.";
      panel.append(el("p", { class: "hint" }, state.doc ? none : "Choose a document."));
      return;
    }
    const f = state.doc.findings[index];
    panel.append(
      el("h2", {}, `${f.code} `, el("span", { class: `severity ${f.severity}` }, f.severity), ` ${f.rule}`),
      el("p", {}, `Line ${f.line}, column ${f.column} · finding ${state.cursor + 1} of ${state.visible.length}`),
      el("p", { class: "message" }, f.message), diff(f));
    if (f.after !== null) panel.append(el("p", { class: "explanation" }, `Fix: ${f.applicability}`));
    if (f.alternatives.length) panel.append(el("p", {}, `Alternatives: ${f.alternatives.join(" · ")}`));
    panel.append(el("p", { class: "explanation" }, f.explanation || f.summary));
    if (f.decision) {
      const what = f.decision === "edit" ? `edited to “${f.replacement}”` : `${f.decision}ed`;
      panel.append(el("p", { class: `decided ${f.decision}` }, `Decision: ${what}`));
    }
    if (!review) return;
    const input = el("input", { id: "replacement", type: "text", "aria-label": "replacement", hidden: "" });
    input.value = f.replacement ?? f.after ?? f.before;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); decideCurrent("edit", input.value); }
      if (event.key === "Escape") { input.hidden = true; $("text").focus(); }
    });
    const accept = el("button", { id: "accept", onclick: () => decideCurrent("accept") }, "Accept (a)");
    if (f.after === null) { accept.disabled = true; accept.title = "No fix to accept: use Edit"; }
    panel.append(el("div", { class: "actions" }, accept,
      el("button", { id: "reject", onclick: () => decideCurrent("reject") }, "Reject (r)"),
      el("button", { id: "edit", onclick: () => editCurrent() }, "Edit (e)"), input));
  }

  function render() { renderDocuments(); renderText(); renderPanel(); }

  function select(position) {
    if (!state.visible.length) return;
    state.cursor = (position + state.visible.length) % state.visible.length;
    render();
    const mark = document.querySelector("mark.current");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  function show(payload) {
    const sameDoc = state.doc && state.doc.name === payload.name;
    const current = sameDoc ? state.doc.findings[state.visible[state.cursor]] : null;
    state.doc = payload;
    const entry = state.docs.find((d) => d.name === payload.name);
    if (entry) entry.counts = payload.counts;
    renderFilters();
    state.visible = payload.findings.map((f, i) => (passes(f) ? i : -1)).filter((i) => i >= 0);
    const keep = current ? state.visible.findIndex((i) => payload.findings[i].id === current.id) : -1;
    state.cursor = keep >= 0 ? keep : state.visible.length ? 0 : -1;
    render();
  }

  async function open(name) {
    try {
      status("");
      show(review ? await call("GET", `/api/document?name=${encodeURIComponent(name)}`)
                  : state.docs.find((d) => d.name === name));
    } catch (error) { status(error.message, true); }
  }

  async function decideCurrent(decision, replacement) {
    const f = state.doc && state.doc.findings[state.visible[state.cursor]];
    if (!f) return;
    if (decision === "accept" && f.after === null) { status("This finding has no fix to accept: edit it instead.", true); return; }
    try {
      const position = state.cursor;
      show(await call("POST", "/api/decision", { name: state.doc.name, id: f.id, decision, replacement }));
      status(`${f.code} ${decision === "edit" ? "edited" : decision + "ed"}.`);
      if (!$("filter-open").checked) select(position + 1);
      else select(Math.min(position, state.visible.length - 1));
    } catch (error) { status(error.message, true); }
  }

  function editCurrent() {
    const input = $("replacement");
    if (!input) return;
    input.hidden = false;
    input.focus();
    input.select();
  }

  async function apply() {
    if (!state.doc) return;
    try {
      const payload = await call("POST", "/api/apply", { name: state.doc.name, digest: state.doc.digest });
      show(payload);
      status(`Applied ${payload.applied} fix${payload.applied === 1 ? "" : "es"} to ${payload.name}; re-linted.`);
    } catch (error) { status(error.message, true); }
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const keys = { j: () => select(state.cursor + 1), n: () => select(state.cursor + 1),
      k: () => select(state.cursor - 1), p: () => select(state.cursor - 1) };
    if (review) Object.assign(keys, { a: () => decideCurrent("accept"), r: () => decideCurrent("reject"),
      e: () => editCurrent(), S: () => apply() });
    const action = keys[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  for (const id of ["filter-rule", "filter-severity", "filter-open"]) {
    $(id).addEventListener("change", () => { if (state.doc) { state.cursor = 0; renderText(); select(0); renderPanel(); } });
  }
  $("apply").addEventListener("click", apply);

  async function start() {
    try {
      state.docs = review ? (await call("GET", "/api/documents")).documents : boot.documents;
      renderDocuments();
      if (state.docs.length) await open(state.docs[0].name);
      else status("Nothing to review.");
    } catch (error) { status(error.message, true); }
  }
  start();
})();
