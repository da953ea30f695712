// workbench serve: the editor page's behaviour. Plain JavaScript, no build step.
// Texts from the server are put in with textContent, never innerHTML, so they stay text.
(function () {
  "use strict";
  const dataElement = document.getElementById("entry-data");
  if (!dataElement) return;
  const data = JSON.parse(dataElement.textContent);
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const targets = Array.from(document.querySelectorAll("textarea.target"));
  const fuzzyBox = document.getElementById("fuzzy");
  const state = document.getElementById("state");
  const findingsList = document.getElementById("findings");
  const timing = document.getElementById("timing");
  const conflict = document.getElementById("conflict");
  if (!targets.length) return;
  let dirty = false;
  let lastFocused = targets[0];

  function request(path, extra) {
    const body = Object.assign({
      language: data.language, article: data.article, msgctxt: data.msgctxt, msgid: data.msgid,
      forms: targets.map((t) => t.value), fuzzy: fuzzyBox.checked,
    }, extra || {});
    return fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Workbench-CSRF": csrf },
      body: JSON.stringify(body),
    });
  }

  function say(text, kind) {
    state.textContent = text;
    state.className = kind || "";
  }

  function showFindings(findings) {
    findingsList.replaceChildren();
    if (!findings.length) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = "no findings";
      findingsList.append(li);
      return;
    }
    for (const f of findings) {
      const li = document.createElement("li");
      const badge = document.createElement("span");
      badge.className = "badge b-" + f.severity;
      badge.textContent = f.severity;
      const code = document.createElement("code");
      code.textContent = f.check;
      li.append(badge, " ", code, " ", f.message);
      findingsList.append(li);
    }
  }

  // the entry's checks, again as the translator types (debounced)
  let timer = null;
  let sequence = 0;
  function scheduleCheck() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++sequence;
      const response = await request("/api/check");
      if (!response.ok || mine !== sequence) return;
      const answer = await response.json();
      showFindings(answer.findings);
      timing.textContent = answer.ms + " ms";
    }, 200);
  }

  function edited() {
    dirty = true;
    say("edited, not saved");
    scheduleCheck();
  }

  // each box as tall as its text, so a long sentence is seen whole
  function fit(t) {
    t.style.height = "auto";
    t.style.height = (t.scrollHeight + 4) + "px";
  }
  targets.forEach((t) => {
    fit(t);
    t.addEventListener("input", () => fit(t));
    t.addEventListener("input", edited);
    t.addEventListener("focus", () => { lastFocused = t; });
  });
  fuzzyBox.addEventListener("change", () => { dirty = true; say("edited, not saved"); });

  function insert(text) {
    const t = lastFocused;
    const start = t.selectionStart, end = t.selectionEnd;
    t.setRangeText(text, start, end, "end");
    fit(t);
    t.focus();
    edited();
  }

  async function save(accept) {
    if (accept) fuzzyBox.checked = false;
    if (!dirty && !accept) return true;
    clearTimeout(timer);
    say("saving…");
    const response = await request("/api/save", { base: data.base });
    let answer = {};
    try { answer = await response.json(); } catch (e) { answer = { message: "the server refused" }; }
    if (response.status === 409) {
      showConflict(answer);
      say("conflict: not saved", "error");
      return false;
    }
    if (!response.ok) {
      say(answer.message || "not saved", "error");
      return false;
    }
    data.base = answer.base;
    data.digest = answer.digest;
    dirty = false;
    conflict.hidden = true;
    const status = document.getElementById("status");
    const translated = targets.every((t) => t.value) && !fuzzyBox.checked;
    const label = translated ? "translated" : (fuzzyBox.checked && targets.some((t) => t.value) ? "fuzzy" : "untranslated");
    status.textContent = label;
    status.className = "badge b-" + label;
    say(answer.status === "saved" ? "saved" : "nothing to save", "saved");
    return true;
  }

  function showConflict(answer) {
    conflict.replaceChildren();
    const title = document.createElement("b");
    title.textContent = "Changed on disk since this page loaded (git pull, another tab, another editor). Not saved.";
    const theirs = document.createElement("div");
    theirs.textContent = "On disk" + (answer.theirs_fuzzy ? " (fuzzy)" : "") + ": " + answer.theirs.join(" | ");
    theirs.className = "theirs";
    const mine = document.createElement("div");
    mine.textContent = "Yours: " + targets.map((t) => t.value).join(" | ");
    const keep = document.createElement("button");
    keep.type = "button";
    keep.textContent = "keep mine (overwrite the disk's)";
    keep.addEventListener("click", () => { data.base = answer.base; save(false); });
    const take = document.createElement("button");
    take.type = "button";
    take.textContent = "take the disk's";
    take.addEventListener("click", () => {
      answer.theirs.forEach((text, i) => { if (targets[i]) targets[i].value = text; });
      fuzzyBox.checked = answer.theirs_fuzzy;
      data.base = answer.base;
      dirty = false;
      conflict.hidden = true;
      say("the disk's version");
      scheduleCheck();
    });
    conflict.append(title, theirs, mine, keep, " ", take);
    conflict.hidden = false;
  }

  async function go(url) {
    if (!url) { say((state.textContent ? state.textContent + "; " : "") + "no further entry here"); return; }
    if (dirty && !(await save(false))) return;
    window.location.href = url;
  }

  document.getElementById("save").addEventListener("click", () => save(false));
  document.getElementById("accept").addEventListener("click", async () => { if (await save(true)) go(data.next); });
  document.getElementById("copy-source").addEventListener("click", copySource);
  document.querySelectorAll("[data-insert]").forEach((el) => {
    el.addEventListener("click", () => insert(el.dataset.insert));
  });
  document.querySelectorAll("nav.entries a[data-n]").forEach((a) => {
    a.addEventListener("click", (event) => {
      if (dirty) { event.preventDefault(); go(a.href); }
    });
  });

  function copySource() {
    targets.forEach((t, i) => { t.value = i === 0 || !data.source_plural ? data.source : data.source_plural; fit(t); });
    edited();
  }

  // Keyboard first, as Poedit: Ctrl+Down/Up next/previous, Ctrl+Shift+Down next to do (untranslated or
  // fuzzy), Ctrl+Alt+Down next failing, Ctrl+Enter accept, Ctrl+B copy source, Ctrl+U fuzzy, Alt+N term N.
  document.addEventListener("keydown", (event) => {
    const ctrl = event.ctrlKey || event.metaKey;
    let handled = true;
    if (ctrl && event.key === "ArrowDown" && event.altKey) go(data.next_failing);
    else if (ctrl && event.key === "ArrowDown" && event.shiftKey) go(data.next_todo);
    else if (ctrl && event.key === "ArrowDown") go(data.next);
    else if (ctrl && event.key === "ArrowUp") go(data.prev);
    else if (ctrl && event.key === "Enter") save(true).then((ok) => { if (ok) go(data.next); });
    else if (ctrl && (event.key === "s" || event.key === "S")) save(false);
    else if (ctrl && (event.key === "b" || event.key === "B")) copySource();
    else if (ctrl && (event.key === "u" || event.key === "U")) { fuzzyBox.checked = !fuzzyBox.checked; dirty = true; say("edited, not saved"); }
    else if (event.altKey && !ctrl && /^Digit[1-9]$/.test(event.code)) {
      const card = document.querySelector('.term-card[data-term="' + event.code.slice(5) + '"] [data-insert]');
      if (card) insert(card.dataset.insert); else handled = false;
    }
    else handled = false;
    if (handled) event.preventDefault();
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
