/* Grenzeloos: small enhancements on top of htmx. Every page works without this file.

   - A conflict opens as a modal dialog with room for both versions; focus moves into it.
   - After a box is saved (or a partner removed) focus returns to that box and a polite live
     region says what happened.
   - A form with text that was typed but not saved warns before the page is left.
   - Buttons with data-gz-confirm ask first (the text says what will change).
   - A refused form's error summary (data-gz-error-summary) takes the focus when the page
     opens, so a screen reader reads it first and its links lead to each field.
   - On a phone a table shows one card per row: each cell gets its column's name to show above
     its value (data-label), unless the template gave one. */
(function () {
  "use strict";

  var dirty = new Set();

  function live(text) {
    var region = document.getElementById("gz-live");
    if (!region || !text) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function openConflicts(root) {
    var dialogs = (root || document).querySelectorAll("dialog.gz-conflict");
    dialogs.forEach(function (dialog) {
      if (typeof dialog.showModal !== "function") { return; }
      if (dialog.open) { dialog.close(); }
      dialog.showModal();
      var heading = dialog.querySelector("[data-gz-focus]");
      if (heading) { heading.focus(); }
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-gz-error-summary]");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-gz-unsaved]");
    if (form) { dirty.add(form); }
  });
  document.addEventListener("submit", function (event) {
    dirty.delete(event.target);
  }, true);
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form) { dirty.delete(form); }
  });
  window.addEventListener("beforeunload", function (event) {
    var unsaved = Array.from(dirty).filter(function (form) { return document.body.contains(form); });
    if (unsaved.length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gz-confirm]");
    if (button && !window.confirm(button.getAttribute("data-gz-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    var reopen = event.target.closest && event.target.closest("[data-gz-reopen]");
    if (reopen) {
      var box = reopen.closest(".gz-box");
      if (box) { openConflicts(box); }
    }
  }, true);

  function labelCells(root) {
    (root || document).querySelectorAll("table.utrecht-table").forEach(function (table) {
      var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) { return; }
      var names = [];
      Array.from(head.cells).forEach(function (cell) {
        // A column named only for screen readers ("Actions") shows no name on the card.
        var shown = cell.querySelector(".gz-visually-hidden") ? "" : cell.textContent.trim();
        for (var span = 0; span < (cell.colSpan || 1); span++) { names.push(shown); }
      });
      Array.from(table.tBodies).forEach(function (body) {
        Array.from(body.rows).forEach(function (row) {
          var column = 0;
          Array.from(row.cells).forEach(function (cell) {
            var name = names[column];
            column += cell.colSpan || 1;
            if (cell.hasAttribute("data-label") || !name || cell.getAttribute("scope") === "row") { return; }
            cell.setAttribute("data-label", name);
          });
        });
      });
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    labelCells(document);
    var target = event.detail.target;
    if (!target || !target.id) { return; }
    var box = document.getElementById(target.id);
    if (!box) { return; }
    if (box.querySelector("dialog.gz-conflict")) {
      openConflicts(box);
      return;
    }
    var saved = box.querySelector(".gz-saved");
    if (saved) {
      var focus = box.querySelector("[data-gz-focus]") || box.querySelector("h2");
      if (focus) {
        if (!focus.hasAttribute("tabindex")) { focus.setAttribute("tabindex", "-1"); }
        focus.focus();
      }
      live(saved.textContent.trim());
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    labelCells(document);
    openConflicts(document);
  });
})();
