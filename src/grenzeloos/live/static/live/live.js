/* Grenzeloos live notices: a page that shows a collaboration listens on its WebSocket and says,
   in a polite live region, when someone else changed it ("anna saved revision 31 — show").
   The notice never takes the focus; "show" loads the latest. Without this file (or without
   WebSocket) the page works as before and finds out at the next save. The region's
   data-gz-live-state says whether the channel is "open" (or "closed"). */
(function () {
  "use strict";

  var region = document.querySelector("[data-gz-live]");
  if (!region || typeof window.WebSocket !== "function") { return; }

  // The revision this page shows; notices of it or older ones are stale.
  var shown = parseInt(region.getAttribute("data-gz-live-revision"), 10) || 0;
  var delay = 1000;
  // Close codes after which trying again is pointless: not signed in, no access (any more).
  var FINAL = [4401, 4403, 4404];

  function words(name) { return region.getAttribute("data-gz-live-" + name) || ""; }

  function sentence(event) {
    var template = words({
      "canvas.saved": "canvas-saved",
      "canvas.restored": "canvas-restored"
    }[event.kind] || "changed");
    return template
      .replace("{actor}", String(event.actor))
      .replace("{revision}", String(event.revision));
  }

  function show(event) {
    if (event.revision && event.revision <= shown) { return; }
    if (event.revision) { shown = event.revision; }
    var box = document.createElement("div");
    box.className = "utrecht-alert utrecht-alert--info gz-live-notice__box";
    var text = document.createElement("p");
    text.className = "utrecht-paragraph gz-live-notice__text";
    text.appendChild(document.createTextNode(sentence(event) + " — "));
    var link = document.createElement("a");
    link.className = "utrecht-link";
    link.href = region.getAttribute("data-gz-live-show-url") || window.location.pathname;
    link.textContent = words("show");
    text.appendChild(link);
    var hide = document.createElement("button");
    hide.type = "button";
    hide.className = "utrecht-button utrecht-button--subtle gz-live-notice__hide";
    hide.setAttribute("aria-label", words("hide"));
    hide.textContent = "×";
    hide.addEventListener("click", function () { region.replaceChildren(); });
    box.appendChild(text);
    box.appendChild(hide);
    region.replaceChildren(box);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    var socket = new WebSocket(scheme + "//" + window.location.host + region.getAttribute("data-gz-live"));
    socket.addEventListener("open", function () {
      delay = 1000;
      region.setAttribute("data-gz-live-state", "open");
    });
    socket.addEventListener("message", function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (error) { return; }
      show(event);
    });
    socket.addEventListener("close", function (closed) {
      region.setAttribute("data-gz-live-state", "closed");
      if (FINAL.indexOf(closed.code) !== -1) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  connect();
})();
