// thaiplan review: highlight a value's source lines and back; write
// corrections. Served from the binary (include_str!); no network.
"use strict";
(function () {
  const $ = (s, e) => (e || document).querySelector(s);
  const $$ = (s, e) => Array.from((e || document).querySelectorAll(s));
  const meta = (n) => { const m = $('meta[name="' + n + '"]'); return m ? m.content : ""; };
  const main = $("main.doc");
  if (!main) return;
  const sha = main.dataset.sha;
  const readOnly = meta("read-only") === "true";
  let current = null;

  function clear() {
    $$(".hl").forEach((e) => e.classList.remove("hl"));
    $$(".sel").forEach((e) => e.classList.remove("sel"));
    $$(".hl-v").forEach((e) => e.classList.remove("hl-v"));
  }
  function highlightLines(ls, le) {
    let first = null;
    for (let l = ls; l <= le && l > 0; l++) {
      const e = document.getElementById("L" + l);
      if (e) { e.classList.add("hl"); first = first || e; }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }
  function pick(el) {
    clear();
    el.classList.add("sel");
    // dialog first: it shortens the panes, then the line is centred
    if (el.dataset.ptr) openDialog(el);
    highlightLines(+el.dataset.ls, +el.dataset.le);
    el.scrollIntoView({ block: "nearest" });
  }
  function openDialog(el) {
    current = el;
    const d = $("#dialog");
    $("#d-ptr").textContent = el.dataset.ptr;
    $("#d-label").textContent = el.dataset.label || "";
    let v;
    try { v = JSON.parse(el.dataset.val); } catch (e) { v = null; }
    $("#d-old").textContent = el.textContent;
    $("#d-value").value = v === null ? "" : String(v);
    $("#d-msg").textContent = readOnly ? "read-only: corrections are disabled" : "";
    $("#d-save").disabled = readOnly;
    $("#d-verify").disabled = readOnly;
    $("#d-by").value = localStorage.getItem("thaiplan-by") || "";
    d.hidden = false;
    document.body.classList.add("dlg-open");
  }
  function closeDialog() {
    $("#dialog").hidden = true;
    document.body.classList.remove("dlg-open");
  }
  function parseValue(text, old) {
    const t = text.trim();
    if (t === "") return null;
    if (typeof old === "number") {
      const n = Number(t.replace(/,/g, ""));
      if (!Number.isFinite(n)) throw new Error("not a number: " + t);
      return n;
    }
    return t;
  }
  async function send(value) {
    const body = {
      sha256: sha, pointer: current.dataset.ptr, value: value,
      note: $("#d-note").value, by: $("#d-by").value,
    };
    localStorage.setItem("thaiplan-by", body.by);
    const r = await fetch("/correct", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": meta("csrf-token") },
      body: JSON.stringify(body),
    });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error || r.statusText);
    current.classList.add("pending");
    $("#d-msg").textContent = "saved — re-run `thaiplan ingest` to apply it";
  }
  function run(f) {
    try { f().catch((e) => { $("#d-msg").textContent = "not saved: " + e.message; }); }
    catch (e) { $("#d-msg").textContent = "not saved: " + e.message; }
  }
  $("#d-save").addEventListener("click", () => run(() => {
    let old; try { old = JSON.parse(current.dataset.val); } catch (e) { old = null; }
    return send(parseValue($("#d-value").value, old));
  }));
  $("#d-verify").addEventListener("click", () => run(() => send(JSON.parse(current.dataset.val))));
  $("#d-cancel").addEventListener("click", closeDialog);

  document.addEventListener("click", (ev) => {
    const v = ev.target.closest(".v, .s");
    if (v) { pick(v); return; }
    const ln = ev.target.closest(".ln");
    if (ln) {
      clear();
      const l = +ln.dataset.l;
      ln.classList.add("hl");
      let first = null;
      $$(".v, .s").forEach((e) => {
        if (+e.dataset.ls <= l && l <= +e.dataset.le) { e.classList.add("hl-v"); first = first || e; }
      });
      if (first) first.scrollIntoView({ block: "center" });
    }
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches(".v, .s")) pick(ev.target);
    if (ev.key === "Escape") closeDialog();
  });
})();
