// The layout check's measurement, run once per page (tests/browser/test_layout.py).
// Returns a list of findings {kind, selector, detail}:
//   page-scrolls-sideways  the document is wider than the window
//   overlap                two visible text or control boxes lie on top of each other
//   word-split             one word is laid out over two lines (it would fit on one)
//   outside-container      content runs out of an element that does not scroll
() => {
  const MAX_PER_KIND = 12;
  const findings = [];
  const counts = {};
  const add = (kind, el, detail) => {
    counts[kind] = (counts[kind] || 0) + 1;
    if (counts[kind] <= MAX_PER_KIND) findings.push({ kind, selector: selectorOf(el), detail });
  };
  const selectorOf = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      let part = node.localName;
      if (node.id) { parts.unshift(part + "#" + node.id); break; }
      const classes = [...node.classList].filter((c) => c.startsWith("gz-")).slice(0, 2);
      if (classes.length) part += "." + classes.join(".");
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const snippet = (text) => text.replace(/\s+/g, " ").trim().slice(0, 40);
  const style = new Map();
  const cs = (el) => { let s = style.get(el); if (!s) { s = getComputedStyle(el); style.set(el, s); } return s; };

  const root = document.documentElement;
  // One id, one element; one item marked as the current page.
  const ids = new Map();
  for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, count] of ids) {
    if (count > 1) add("duplicate-id", document.getElementById(id), `id "${id}" on ${count} elements`);
  }
  const current = document.querySelectorAll('[aria-current="page"]');
  if (current.length > 1) {
    add("current-page-twice", current[1], [...current].map((el) => `"${snippet(el.textContent)}"`).join(" and ") + " are both marked as the current page");
  }
  if (root.scrollWidth > root.clientWidth + 1) {
    // Name the innermost elements that reach past the window's right edge.
    const past = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && el.checkVisibility());
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other))).slice(0, 3);
    add("page-scrolls-sideways", innermost[0] || root, `${root.scrollWidth} px wide in a ${root.clientWidth} px window` + (innermost.length ? `; reaching past: ${innermost.map(selectorOf).join(", ")}` : ""));
  }

  // What an element may show: the intersection of the boxes of its clipping ancestors.
  const clips = new Map();
  const clipOf = (el) => {
    if (!el || el === document.body || el === root) return null;
    if (clips.has(el)) return clips.get(el);
    let clip = clipOf(el.parentElement);
    const s = cs(el);
    if (s.position === "fixed") clip = null;
    if (s.overflowX !== "visible" || s.overflowY !== "visible" || s.clip !== "auto" || s.clipPath !== "none") {
      const r = el.getBoundingClientRect();
      let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      if (s.clip !== "auto" && /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(s.clip.replace(/\s+/g, " "))) {
        box = { left: 0, top: 0, right: 0, bottom: 0 };
      }
      clip = clip ? intersect(clip, box) : box;
    }
    clips.set(el, clip);
    return clip;
  };
  const intersect = (a, b) => ({
    left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom),
  });
  const visibleRect = (el, r) => {
    // Not shown: display none, a closed <details> (its content is only hidden), transparent.
    if (!el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return null;
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    const clip = clipOf(el);
    if (clip) box = intersect(box, clip);
    if (box.right - box.left < 1 || box.bottom - box.top < 1) return null;
    if (box.bottom + scrollY <= 0 || box.right + scrollX <= 0) return null;
    return box;
  };
  const hiddenByAncestor = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (node.hidden || node.getAttribute("aria-hidden") === "true" && cs(node).visibility === "hidden") return true;
    }
    return false;
  };

  const boxes = [];
  const main = document.querySelector("main") || document.body;
  const line = main.clientWidth - parseFloat(cs(main).paddingLeft) - parseFloat(cs(main).paddingRight);
  const blockOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const d = cs(node).display;
      if (d !== "inline" && d !== "contents") return node;
    }
    return root;
  };
  // A word: a run of letters and digits (the line may break after a hyphen, slash, soft hyphen
  // or closing parenthesis: "25(6)(b)"), or an amount with its currency sign ("€ 1.250").
  const WORD = /€[\s\u00a0]*[-−]?\d[\d.,]*|[^\s\-\u00ad\u200b\/–—)€]+[\-\u00ad\/–—)]?/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!/\S/.test(text)) continue;
    const el = node.parentElement;
    if (!el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION", "TITLE"].includes(el.tagName)) continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    let shown = false;
    for (const r of rects) {
      const box = visibleRect(el, r);
      if (box) { boxes.push({ box, el, label: snippet(text) }); shown = true; }
    }
    if (!shown || rects.length < 2) continue;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      const word = m[0].replace(/[\-\u00ad\/–—)]$/, "");
      if (word.length < 2) continue;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + word.length);
      const parts = [...range.getClientRects()].filter((r) => r.width > 0.5);
      if (parts.length < 2) continue;
      const tops = new Set(parts.map((r) => Math.round(r.top)));
      if (tops.size < 2) continue;
      const width = parts.reduce((sum, r) => sum + r.width, 0);
      // A word longer than the line must break somewhere: longer than the page's line, or than
      // a container that already takes most of it (a long user name on a phone).
      const block = blockOf(el);
      const inner = block.clientWidth - parseFloat(cs(block).paddingLeft) - parseFloat(cs(block).paddingRight);
      if (width > line || (width > inner && inner >= 0.75 * line)) continue;
      add("word-split", el, `"${word}" over ${tops.size} lines in a ${block.clientWidth} px wide ${block.localName}`);
    }
  }
  for (const el of document.body.querySelectorAll("input:not([type=hidden]), select, textarea, button, [role=button]")) {
    if (hiddenByAncestor(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const box = visibleRect(el, r);
    if (box) boxes.push({ box, el, label: el.getAttribute("aria-label") || el.name || snippet(el.textContent || el.value || "") });
  }

  // Overlaps: sweep the boxes top to bottom.
  boxes.sort((a, b) => a.box.top - b.box.top);
  const reported = new Set();
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].box.top < a.box.bottom - 3; j++) {
      const b = boxes[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (w <= 2 || h <= 3) continue;
      const key = selectorOf(a.el) + "|" + selectorOf(b.el);
      if (reported.has(key)) continue;
      reported.add(key);
      add("overlap", a.el, `"${a.label}" and "${b.label}" (${selectorOf(b.el)}) overlap ${Math.round(w)}×${Math.round(h)} px`);
    }
  }

  // Content running out of an element that does not scroll; only the innermost is reported.
  const outside = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el instanceof SVGElement || ["INPUT", "SELECT", "TEXTAREA", "OPTION", "BR", "IMG"].includes(el.tagName)) continue;
    const s = cs(el);
    if (s.display === "inline" || s.display === "contents" || s.display === "none") continue;
    const x = s.overflowX === "visible" || s.overflowX === "hidden" || s.overflowX === "clip";
    // Visible overflow downwards shows as overlapping boxes; clipped overflow is cut-off text.
    const y = s.overflowY === "hidden" || s.overflowY === "clip";
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    const wide = x && el.scrollWidth > el.clientWidth + 1;
    const tall = y && el.scrollHeight > el.clientHeight + 1;
    if (!wide && !tall) continue;
    if (!visibleRect(el, el.getBoundingClientRect())) continue;
    outside.push([el, wide ? `${el.scrollWidth} px of content in ${el.clientWidth} px` : `${el.scrollHeight} px of content in ${el.clientHeight} px high`]);
  }
  for (const [el, detail] of outside) {
    if (outside.some(([other]) => other !== el && el.contains(other))) continue;
    add("outside-container", el, detail);
  }
  for (const [kind, count] of Object.entries(counts)) {
    if (count > MAX_PER_KIND) findings.push({ kind, selector: "…", detail: `${count - MAX_PER_KIND} more` });
  }
  return findings;
}
