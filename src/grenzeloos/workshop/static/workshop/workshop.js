/* Workshop mode in the page: listens on the workshop's WebSocket and shows new notes, dots,
   presence, the timer and the step change at once (announcing notes and the step in a polite
   live region). A note typed here gets a key made in the page and is kept (sessionStorage)
   until the server has it; when the connection was lost it is sent again on return, and the
   key lets the server store it once. Without this file the forms work as plain forms. */
(function () {
  "use strict";

  var status = document.querySelector("[data-gz-ws]");
  if (!status) { return; }
  var announcer = document.querySelector("[data-gz-ws-announce]");
  var list = document.querySelector("[data-gz-ws-notes]");
  var template = document.querySelector("[data-gz-ws-note-template]");
  var form = document.querySelector("[data-gz-ws-note-form]");
  var pendingLine = document.querySelector("[data-gz-ws-pending-count]");
  var stepHeading = document.querySelector("[data-gz-ws-step-id]");
  var shownStep = stepHeading ? stepHeading.getAttribute("data-gz-ws-step-id") : null;
  var shownStepOfPage = status.getAttribute("data-gz-ws-shown-step") || "";
  var store = "gz-workshop-pending:" + status.getAttribute("data-gz-ws");
  var FINAL = [4401, 4403, 4404];
  var delay = 500;
  var socket = null;
  var sending = false;

  function words(name) { return status.getAttribute("data-gz-ws-" + name) || ""; }
  function say(text) { if (announcer) { announcer.textContent = text; } }
  function setState(state) {
    status.setAttribute("data-gz-ws-state", state);
    status.querySelector(".gz-ws-status__text").textContent = words(state === "open" ? "open" : "lost");
  }

  function pending() {
    try { return JSON.parse(window.sessionStorage.getItem(store) || "[]"); } catch (e) { return []; }
  }
  function keep(notes) {
    window.sessionStorage.setItem(store, JSON.stringify(notes));
    if (pendingLine) {
      pendingLine.textContent = notes.length ? words("pending").replace("{count}", String(notes.length)) : "";
    }
  }
  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function rankNote(note) {
    // The facilitator's ranking table: a new note joins it at the bottom with no dots yet.
    var ranking = document.querySelector("[data-gz-ws-ranking]");
    if (!ranking || !note.id || document.getElementById("note-" + note.id)) { return; }
    var empty = ranking.querySelector("td[colspan]");
    if (empty) { empty.parentNode.remove(); }
    var row = document.createElement("tr");
    row.className = "utrecht-table__row";
    row.id = "note-" + note.id;
    [note.text + (note.author ? " — " + note.author : ""), "0", "—"].forEach(function (text, index) {
      var cell = document.createElement("td");
      cell.className = "utrecht-table__cell";
      cell.textContent = text;
      if (index === 1) { cell.setAttribute("data-gz-ws-dots", String(note.id)); }
      row.appendChild(cell);
    });
    ranking.appendChild(row);
  }

  function showNote(note) {
    if (shownStep && String(note.step) !== shownStep) { return; }
    rankNote(note);
    if (!list || !template) { return; }
    if (shownStep && String(note.step) !== shownStep) { return; }
    if (list.querySelector("[data-key='" + note.key + "']")) {
      var mine = list.querySelector("[data-key='" + note.key + "']");
      mine.removeAttribute("data-pending");
      mine.setAttribute("data-note", String(note.id));
      mine.id = "note-" + note.id;
      wireDot(mine, note.id);
      return;
    }
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-key", note.key);
    if (note.id) { item.setAttribute("data-note", String(note.id)); item.id = "note-" + note.id; }
    item.querySelector(".gz-ws-note__text").textContent = note.text;
    var author = item.querySelector(".gz-ws-note__author");
    if (author) { author.textContent = note.author ? "— " + note.author : ""; }
    var dots = item.querySelector(".gz-ws-note__dots");
    if (note.id) { dots.setAttribute("data-gz-ws-dots", String(note.id)); }
    if (note.pending) { item.setAttribute("data-pending", ""); }
    list.appendChild(item);
    if (note.id) { wireDot(item, note.id); }
  }

  function wireDot(item, id) {
    var dotForm = item.querySelector("form[data-gz-ws-dot]");
    if (!dotForm) { return; }
    var action = dotForm.getAttribute("data-action");
    if (action) { dotForm.action = action.replace("notes/{note}/", "notes/" + id + "/").replace("{note}", String(id)); }
    item.querySelector(".gz-ws-note__dots").setAttribute("data-gz-ws-dots", String(id));
  }

  function send(note) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("key", note.key);
    body.append("text", note.text);
    if (note.step) { body.append("step", note.step); }
    return window.fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
    }).then(function (response) {
      if (response.ok || response.status === 409 || response.status === 422 || response.status === 403) {
        keep(pending().filter(function (kept) { return kept.key !== note.key; }));
        if (response.ok) { return response.json().then(showNote); }
        return null;
      }
      throw new Error("not sent");
    });
  }

  function flush() {
    if (sending || !form) { return Promise.resolve(); }
    var notes = pending();
    if (!notes.length) { return Promise.resolve(); }
    sending = true;
    var chain = Promise.resolve();
    notes.forEach(function (note) { chain = chain.then(function () { return send(note); }); });
    return chain.catch(function () { return null; }).then(function () { sending = false; });
  }

  if (form) {
    keep(pending());
    pending().forEach(function (note) { note.pending = true; showNote(note); });
    form.addEventListener("submit", function (submitted) {
      submitted.preventDefault();
      var input = form.querySelector("[name=text]");
      var text = input.value.trim();
      if (!text) { return; }
      var note = { key: newKey(), text: text, step: form.querySelector("[name=step]").value };
      keep(pending().concat([note]));
      showNote({ key: note.key, text: text, step: note.step, pending: true, author: "" });
      input.value = "";
      input.focus();
      if (socket && socket.readyState === 1) { flush(); }
    });
  }

  document.addEventListener("submit", function (submitted) {
    var dotForm = submitted.target;
    if (!dotForm.matches || !dotForm.matches("form[data-gz-ws-dot]")) { return; }
    submitted.preventDefault();
    window.fetch(dotForm.action, {
      method: "POST", body: new FormData(dotForm), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
      .then(function (answer) {
        if (!answer[0].ok) { say(answer[1].detail || ""); return; }
        var left = document.querySelector("[data-gz-ws-dots-left]");
        if (left) { left.textContent = left.textContent.replace(/\d+/, String(answer[1].dots_left)); }
      });
  });

  // A note that could not be sent (no network) is tried again, also when the browser is back.
  window.setInterval(flush, 3000);
  window.addEventListener("online", flush);

  // The facilitator's one click: a cluster's name becomes a line of the box's text.
  document.querySelectorAll("[data-gz-ws-lines]").forEach(function (lines) { lines.hidden = false; });
  document.addEventListener("click", function (clicked) {
    var button = clicked.target.closest ? clicked.target.closest("[data-gz-ws-line]") : null;
    var text = document.getElementById("id_adopt_text");
    if (!button || !text) { return; }
    var line = button.getAttribute("data-gz-ws-line");
    text.value = text.value.replace(/\s+$/, "") + (text.value.trim() ? "\n" : "") + line;
    say(words("line-added").replace("{text}", line));
  });

  function timer() {
    var clock = document.querySelector("[data-gz-ws-timer]");
    if (!clock || !clock.getAttribute("data-started")) { return; }
    var end = Date.parse(clock.getAttribute("data-started")) + 60000 * parseInt(clock.getAttribute("data-minutes"), 10);
    // A paused timer keeps the time it had left when it was paused.
    var now = clock.getAttribute("data-paused") ? Date.parse(clock.getAttribute("data-paused")) : Date.now();
    var left = Math.max(0, Math.round((end - now) / 1000));
    if (clock.getAttribute("data-paused")) {
      clock.textContent = words("paused").replace("{time}", Math.floor(left / 60) + ":" + (left % 60 < 10 ? "0" : "") + (left % 60));
      return;
    }
    if (left === 0) {
      clock.textContent = words("time-up");
      clock.setAttribute("data-up", "");
      return;
    }
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    clock.textContent = words("time-left").replace("{time}", minutes + ":" + (seconds < 10 ? "0" : "") + seconds);
  }
  timer();
  window.setInterval(timer, 1000);

  function reloadKeepingDraft() {
    var input = form ? form.querySelector("[name=text]") : null;
    if (input && input.value.trim()) {
      keep(pending().concat([{ key: newKey(), text: input.value.trim(), step: form.querySelector("[name=step]").value }]));
    }
    window.location.reload();
  }

  function handle(event) {
    if (event.kind === "note.added") {
      showNote(event.note);
      say(words("new-note").replace("{text}", event.note.text));
    } else if (event.kind === "dots") {
      document.querySelectorAll("[data-gz-ws-dots='" + event.note + "']").forEach(function (cell) {
        cell.textContent = String(event.dots);
      });
    } else if (event.kind === "presence") {
      var present = document.querySelector("[data-gz-ws-present]");
      if (present) { present.textContent = event.present.join(", "); }
    } else if (event.kind === "step") {
      var shownClock = document.querySelector("[data-gz-ws-timer]");
      if (shownClock && String(event.step || "") === shownStepOfPage && event.started_at) {
        // The same step, its timer paused, resumed or extended.
        shownClock.setAttribute("data-started", event.started_at);
        if (event.paused_at) { shownClock.setAttribute("data-paused", event.paused_at); } else { shownClock.removeAttribute("data-paused"); }
        shownClock.removeAttribute("data-up");
        timer();
      }
      if (String(event.step || "") !== shownStepOfPage) {
        // The page comes back with the new step; its heading is announced there.
        window.sessionStorage.setItem(store + ":announce", "step");
        window.setTimeout(reloadKeepingDraft, 300);
      }
    } else if (event.kind === "state") {
      if (event.state !== status.getAttribute("data-gz-ws-shown-state")) { catchUp(); }
    } else if (event.kind === "hello") {
      // Where the workshop is now: a page that missed events while away catches up.
      var shownNotes = document.querySelectorAll("[data-gz-ws-notes] li[data-note], [data-gz-ws-ranking] tr[id^='note-']").length;
      if (String(event.step || "") !== shownStepOfPage) {
        window.sessionStorage.setItem(store + ":announce", "step");
        reloadKeepingDraft();
      } else if (event.state !== status.getAttribute("data-gz-ws-shown-state") || event.notes > shownNotes) {
        catchUp();
      }
    } else if (event.kind === "cluster.named" || event.kind === "note.clustered" || event.kind === "adopted") {
      catchUp();
    }
  }

  function catchUp() {
    // Reload for the facilitator's changes, unless someone is typing a note right now.
    if (!(form && form.querySelector("[name=text]").value.trim())) { window.setTimeout(reloadKeepingDraft, 300); }
  }

  var announced = window.sessionStorage.getItem(store + ":announce");
  if (announced && stepHeading) {
    window.sessionStorage.removeItem(store + ":announce");
    window.setTimeout(function () { say(words("step").replace("{title}", stepHeading.textContent)); }, 500);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + window.location.host + status.getAttribute("data-gz-ws"));
    socket.addEventListener("open", function () {
      delay = 500;
      setState("open");
      flush();
    });
    socket.addEventListener("message", function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (error) { return; }
      handle(event);
    });
    socket.addEventListener("close", function (closed) {
      setState("closed");
      if (FINAL.indexOf(closed.code) !== -1) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    });
  }
  if (typeof window.WebSocket === "function") { connect(); }
})();
