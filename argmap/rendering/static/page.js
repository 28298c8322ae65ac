// argmap's interactive page. It reads the map's data from the JSON block with JSON.parse and
// writes it to the page as text nodes only: it never parses markup, evaluates code or fetches.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("am-data").textContent);
  var items = data.items;
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };
  var $ = function (sel) { return document.querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  // Build an element with text children; attribute values never come from the map's strings.
  function el(tag, cls) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // Every drawn element of an item, in every view, found once.
  var drawn = new Map();
  $$(".am-item").forEach(function (node) {
    var id = node.getAttribute("data-id");
    if (!drawn.has(id)) drawn.set(id, []);
    drawn.get(id).push(node);
  });
  function nodesOf(id) { return drawn.get(id) || []; }

  // ------------------------------------------------------------------ pan and zoom
  // Our own viewBox pan/zoom, about ninety lines, driven by keyboard as well as mouse.
  var runSearch = null, selected = null;  // set below; showView uses both
  var MAX_ZOOM = 40, MIN_ZOOM = 0.25;
  var NATURAL = 96 / 72;  // screen pixels per SVG unit at the drawing's own size (units are pt)
  function PanZoom(pane, svg) {
    var home = (svg.getAttribute("data-viewbox") || "").split(/[\s,]+/).map(Number);
    this.svg = svg;
    this.pane = pane;
    this.home = home.length === 4 && home[2] > 0 && home[3] > 0 ? home : [0, 0, 100, 100];
    this.box = this.home.slice();
    this.started = false;
  }
  // The first look: the whole drawing when all its text is readable so (READABLE px or more);
  // else the main component (the largest set of items joined by links) fitted to the pane's
  // width, but never so small that text falls under READABLE px, from its top left corner,
  // moved left and up until no text is cut by the pane's left or top edge, the scale then
  // fitted from there to the main component's right edge. "Fit" shows the whole drawing.
  var READABLE = 10.5;  // a little over 10 px, for the rounding of font sizes
  PanZoom.prototype.start = function () {
    var r = this.svg.getBoundingClientRect(), h = this.home;
    if (this.started || !r.width || !r.height) return;
    this.started = true;
    var need = READABLE / this.smallestFont();  // screen px per unit the smallest text needs
    if (Math.min(r.width / h[2], r.height / h[3]) >= need) return;
    var margin = 6, texts = this.textBoxes(), main = this.mainBox() || h;
    var x = main[0] - margin, y = main[1] - margin;
    for (var moved = true, rounds = 0; moved && rounds < 50; rounds++) {  // each round moves left: few are needed
      moved = false;
      for (var i = 0; i < texts.length; i++) {
        var t = texts[i];
        if (t[0] < x && x < t[0] + t[2]) { x = t[0] - margin; moved = true; }
        if (t[1] < y && y < t[1] + t[3]) { y = t[1] - margin; moved = true; }  // nor cut at the top
      }
    }
    x = Math.max(x, h[0]);
    // Fitted from where the view now starts, so moving left cuts nothing off the right.
    var s = Math.max(need, Math.min(r.width / (main[0] + main[2] + margin - x), 1.5 * NATURAL));
    this.set([x, Math.max(y, h[1]), r.width / s, r.height / s]);
  };
  PanZoom.prototype.smallestFont = function () {
    var least = Infinity;
    $$("text", this.svg).forEach(function (t) {
      var size = parseFloat(t.getAttribute("font-size"));
      if (size > 0 && size < least) least = size;
    });
    return isFinite(least) ? least : 14;
  };
  // An element's box in the drawing's units, from its box on screen.
  PanZoom.prototype.unitBox = function (node) {
    var m = this.metrics(), b = this.box, r = node.getBoundingClientRect();
    return [b[0] + (r.left - m.left) / m.s, b[1] + (r.top - m.top) / m.s, r.width / m.s, r.height / m.s];
  };
  PanZoom.prototype.textBoxes = function () {
    var self = this;
    return $$("text", this.svg).map(function (t) { return self.unitBox(t); });
  };
  // The box of the largest weakly connected component of what this view draws.
  PanZoom.prototype.mainBox = function () {
    var self = this, parent = new Map(), nodes = $$(".am-item", this.pane);
    nodes.forEach(function (n) { var id = n.getAttribute("data-id"); parent.set(id, id); });
    function root(a) {
      while (parent.get(a) !== a) { parent.set(a, parent.get(parent.get(a))); a = parent.get(a); }
      return a;
    }
    parent.forEach(function (_, id) {
      items[id].links.forEach(function (l) {
        if (parent.has(l[1])) { var a = root(id), b = root(l[1]); if (a !== b) parent.set(a, b); }
      });
    });
    var size = new Map(), best = null;
    nodes.forEach(function (n) {
      if (!n.classList.contains("am-node")) return;
      var k = root(n.getAttribute("data-id"));
      size.set(k, (size.get(k) || 0) + 1);
      if (best === null || size.get(k) > size.get(best)) best = k;
    });
    if (best === null) return null;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      if (root(n.getAttribute("data-id")) !== best) return;
      var u = self.unitBox(n);
      x0 = Math.min(x0, u[0]); y0 = Math.min(y0, u[1]);
      x1 = Math.max(x1, u[0] + u[2]); y1 = Math.max(y1, u[1] + u[3]);
    });
    return [x0, y0, x1 - x0, y1 - y0];
  };
  PanZoom.prototype.set = function (box) {
    this.box = box;
    this.svg.setAttribute("viewBox", box.join(" "));
    this.pane.setAttribute("data-zoom", this.scale().toFixed(3));
    if (active && this === active.zoom) showZoom();
  };
  // Zoom relative to "Fit": screen pixels per unit now over those when the whole drawing shows.
  PanZoom.prototype.scale = function () {
    var r = this.svg.getBoundingClientRect(), h = this.home, b = this.box;
    if (!r.width || !r.height) return h[2] / b[2];
    return Math.min(r.width / b[2], r.height / b[3]) / Math.min(r.width / h[2], r.height / h[3]);
  };
  // Screen pixels per SVG unit, and the drawing's offset in the pane (preserveAspectRatio meet).
  PanZoom.prototype.metrics = function () {
    var r = this.svg.getBoundingClientRect(), b = this.box;
    var s = Math.min(r.width / b[2], r.height / b[3]) || 1;
    return { s: s, left: r.left + (r.width - b[2] * s) / 2, top: r.top + (r.height - b[3] * s) / 2 };
  };
  PanZoom.prototype.zoom = function (factor, clientX, clientY) {
    var b = this.box, k = Math.min(Math.max(b[2] / factor, this.home[2] / MAX_ZOOM), this.home[2] / MIN_ZOOM) / b[2];
    var px = b[0] + b[2] / 2, py = b[1] + b[3] / 2;
    if (clientX !== undefined) {
      var m = this.metrics();
      px = b[0] + (clientX - m.left) / m.s;
      py = b[1] + (clientY - m.top) / m.s;
    }
    this.set([px - (px - b[0]) * k, py - (py - b[1]) * k, b[2] * k, b[3] * k]);
  };
  PanZoom.prototype.pan = function (dx, dy) {
    var s = this.metrics().s, b = this.box;
    this.set([b[0] - dx / s, b[1] - dy / s, b[2], b[3]]);
  };
  PanZoom.prototype.reset = function () { this.set(this.home.slice()); };
  PanZoom.prototype.bind = function () {
    var self = this, drag = null;
    this.svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      self.zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX, e.clientY);
    }, { passive: false });
    this.svg.addEventListener("pointerdown", function (e) {
      if (e.button === 0) drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    });
    this.svg.addEventListener("pointermove", function (e) {
      if (!drag || drag.id !== e.pointerId) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) { drag.moved = true; self.svg.setPointerCapture(e.pointerId); self.pane.classList.add("am-dragging"); }
      self.pan(dx, dy);
      drag.x = e.clientX; drag.y = e.clientY;
    });
    var end = function () {
      if (drag && drag.moved) {
        self.pane.classList.remove("am-dragging");
        // The click that ends a drag must not select what the pointer happens to be over.
        var swallow = function (e) { e.stopPropagation(); e.preventDefault(); };
        self.svg.addEventListener("click", swallow, { capture: true, once: true });
        setTimeout(function () { self.svg.removeEventListener("click", swallow, true); }, 0);
      }
      drag = null;
    };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
  };

  // ------------------------------------------------------------------ views
  var views = $$(".am-view").map(function (pane) {
    var svg = pane.querySelector("svg");
    var view = { name: pane.getAttribute("data-view"), pane: pane, zoom: new PanZoom(pane, svg) };
    view.zoom.bind();
    return view;
  });
  var active = views.filter(function (v) { return !v.pane.hidden; })[0] || views[0];
  function showZoom() { $("#am-zoom-level").textContent = Math.round(active.zoom.scale() * 100) + "%"; }
  function showView(name) {
    views.forEach(function (v) {
      v.pane.hidden = v.name !== name;
      if (v.name === name) active = v;
    });
    active.zoom.start();
    $$("[data-view-button]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view-button") === name));
    });
    $$(".am-legend li").forEach(function (row) {
      row.hidden = row.getAttribute("data-views").split(" ").indexOf(name) === -1;
    });
    showZoom();
    if (runSearch) runSearch();
    if (selected) light(selected);
  }
  $$("[data-view-button]").forEach(function (b) {
    b.addEventListener("click", function () { showView(b.getAttribute("data-view-button")); });
  });
  $$("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var what = b.getAttribute("data-zoom");
      if (what === "reset") active.zoom.reset(); else active.zoom.zoom(what === "in" ? 1.25 : 0.8);
    });
  });
  views.forEach(function (v) {
    v.pane.addEventListener("keydown", function (e) {
      if (e.target.closest && e.target.closest("input, button")) return;
      var step = 60, handled = true;
      if (e.key === "+" || e.key === "=") v.zoom.zoom(1.25);
      else if (e.key === "-" || e.key === "_") v.zoom.zoom(0.8);
      else if (e.key === "0") v.zoom.reset();
      else if (e.key === "ArrowLeft") v.zoom.pan(step, 0);
      else if (e.key === "ArrowRight") v.zoom.pan(-step, 0);
      else if (e.key === "ArrowUp") v.zoom.pan(0, step);
      else if (e.key === "ArrowDown") v.zoom.pan(0, -step);
      else handled = false;
      if (handled) e.preventDefault();
    });
  });

  // ------------------------------------------------------------------ the panel
  var panel = $("#am-panel"), panelTitle = $("#am-panel-title"), panelBody = $("#am-panel-body");
  var returnFocus = null;
  var KIND_NAMES = {
    claim: "Claim", factor: "Factor", support: "Support", attack: "Attack",
    causal: "Causal link", agent: "Speaker"
  };

  function nameOf(id) {
    if (has(data.agents, id)) return data.agents[id].name;
    return id;
  }
  function shortText(id) {
    if (!has(items, id)) return id;
    var t = items[id].text;
    return t.length > 90 ? t.slice(0, 87) + "..." : t;
  }
  // A button that opens another item's panel; the id travels in a property, not in markup.
  function itemButton(id, text) {
    var b = el("button", "am-link", text);
    b.type = "button";
    b.amTarget = id;
    b.addEventListener("click", function () { select(b.amTarget, null, true); });
    return b;
  }
  function section(title, list) {
    if (!list.childNodes.length) return null;
    return el("section", "am-part", el("h3", null, title), list);
  }
  function quoteBlock(q) {
    var src = has(data.sources, q.source) ? data.sources[q.source] : null;
    var where = (src ? src.title : q.source) + ", characters " + q.start + "\u2013" + q.end;
    var cite = el("figcaption", "am-cite", "\u2014 " + where);
    if (src && src.published) cite.appendChild(document.createTextNode(" (" + src.published + ")"));
    var fig = el("figure", "am-quote", el("blockquote", null, "\u201c" + q.text + "\u201d"), cite);
    if (src && src.url) fig.appendChild(el("p", "am-url", src.url));
    return fig;
  }

  // Pan the current view so that an item's drawing is on screen (after Tab, search or a link).
  function reveal(node) {
    if (!node || !active.pane.contains(node)) return;
    var r = node.getBoundingClientRect(), p = active.zoom.svg.getBoundingClientRect();
    if (r.left >= p.left && r.right <= p.right && r.top >= p.top && r.bottom <= p.bottom) return;
    active.zoom.pan(p.left + p.width / 2 - (r.left + r.width / 2), p.top + p.height / 2 - (r.top + r.height / 2));
  }
  function drawnHere(id) {
    return nodesOf(id).filter(function (n) { return active.pane.contains(n); })[0] || null;
  }

  function select(id, origin, moveFocus) {
    if (!has(items, id)) return;
    var item = items[id];
    if (selected) nodesOf(selected).forEach(function (n) { n.classList.remove("am-selected"); });
    selected = id;
    nodesOf(id).forEach(function (n) { n.classList.add("am-selected"); });
    if (origin) returnFocus = origin;

    clear(panelBody);
    panelTitle.textContent = KIND_NAMES[item.kind] || item.kind;
    panel.setAttribute("data-kind", item.kind);
    panel.setAttribute("data-selected", id);
    panelBody.appendChild(el("p", "am-text", item.text));
    panelBody.appendChild(el("p", "am-id", "id ", el("code", null, id)));

    if (item.status) {
      var word = data.statusWords[item.status] || item.status;
      panelBody.appendChild(el("p", "am-status am-status-" + item.status, "Acceptance: " + word + " (" + item.status + ")"));
    }
    if (item.fields.length) {
      var dl = el("dl", "am-fields");
      item.fields.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
      panelBody.appendChild(dl);
    }
    var said = el("ul", "am-attributions");
    item.attributions.forEach(function (a) {
      var who = a.agent ? nameOf(a.agent) : "Someone unnamed";
      var line = el("li", "am-attribution am-stance-" + a.stance);
      if (a.reported_by) line.appendChild(el("span", "am-reporter", nameOf(a.reported_by) + " reports that "));
      line.appendChild(el("strong", null, who));
      line.appendChild(el("span", "am-stance", a.stance));
      if (a.quote) line.appendChild(quoteBlock(a.quote));
      said.appendChild(line);
    });
    var part = section("Who says so", said);
    if (part) panelBody.appendChild(part);

    var found = el("ul", "am-findings");
    item.findings.forEach(function (n) {
      var f = data.findings[n];
      found.appendChild(el("li", "am-finding am-sev-" + f.severity, el("code", null, f.code), " " + f.severity + ": " + f.message));
    });
    // A speaker's statements come before its findings: clicking a speaker opens what it says.
    var findingsPart = section("Findings", found);
    if (findingsPart && item.kind !== "agent") panelBody.appendChild(findingsPart);

    var links = el("ul", "am-links");
    var isStatement = item.kind === "claim" || item.kind === "factor";
    item.links.forEach(function (l) {
      var li = el("li", null, l[0] + ": ");
      // From a statement, name the statements at the relation's other end, then the relation.
      var others = isStatement && has(items, l[1]) ? items[l[1]].links.filter(function (o) { return o[1] !== id; }) : [];
      if (others.length) {
        others.forEach(function (o, n) {
          if (n) li.appendChild(document.createTextNode(" + "));
          li.appendChild(itemButton(o[1], shortText(o[1])));
        });
        li.appendChild(document.createTextNode(" ("));
        li.appendChild(itemButton(l[1], l[1]));
        li.appendChild(document.createTextNode(")"));
      } else {
        li.appendChild(itemButton(l[1], shortText(l[1])));
      }
      links.appendChild(li);
    });
    part = section(item.kind === "agent" ? "Says" : isStatement ? "Connected" : "Between", links);
    if (part) panelBody.appendChild(part);
    if (findingsPart && item.kind === "agent") panelBody.appendChild(findingsPart);

    panel.hidden = false;
    reveal(drawnHere(id));
    light(id);
    showQuotes(id, !(origin && origin.classList && origin.classList.contains("am-q")));
    if (moveFocus) panelTitle.focus();
  }

  // What stays lit around a selected item: in the causal view, the chain of causes and effects
  // through it; elsewhere its neighbours, one relation away. The rest of the view dims.
  var CAUSAL_ENDS = { "causes": "effect", "caused by": "cause" };
  function around(id) {
    var keep = new Set([id]), item = items[id];
    if (active.name === "causal" && (item.kind === "factor" || item.kind === "causal")) {
      // From a factor both ways; from a link, on from its effect and back from its cause.
      var endOf = function (role) {
        return item.links.filter(function (l) { return l[0] === role; }).map(function (l) { return l[1]; });
      };
      var from = { "causes": item.kind === "factor" ? [id] : endOf("effect"),
                   "caused by": item.kind === "factor" ? [id] : endOf("cause") };
      ["causes", "caused by"].forEach(function (way) {
        from[way].forEach(function (s) { keep.add(s); });
        var todo = from[way].slice();
        while (todo.length) {
          var at = todo.pop();
          if (!has(items, at)) continue;
          items[at].links.forEach(function (l) {
            if (l[0] !== way || !has(items, l[1])) return;
            keep.add(l[1]);
            items[l[1]].links.forEach(function (e) {
              if (e[0] === CAUSAL_ENDS[way] && !keep.has(e[1])) { keep.add(e[1]); todo.push(e[1]); }
            });
          });
        }
      });
      return keep;
    }
    item.links.forEach(function (l) {
      keep.add(l[1]);
      if (has(items, l[1]) && items[l[1]].kind !== "claim" && items[l[1]].kind !== "factor" && item.kind !== "agent") {
        items[l[1]].links.forEach(function (o) { keep.add(o[1]); });  // a relation's other ends
      }
    });
    item.speakers.forEach(function (a) { keep.add(a); });
    // A speaker in the speakers view: the speakers it answers or is answered by stay lit.
    (item.answers || []).forEach(function (a) { keep.add(a); });
    return keep;
  }
  function light(id) {
    var keep = id ? around(id) : null;
    $$(".am-item", active.pane).forEach(function (n) {
      n.classList.toggle("am-far", keep !== null && !keep.has(n.getAttribute("data-id")));
    });
  }

  function closePanel() {
    if (selected) nodesOf(selected).forEach(function (n) { n.classList.remove("am-selected"); });
    selected = null;
    $$(".am-far").forEach(function (n) { n.classList.remove("am-far"); });
    showQuotes(null, false);
    panel.hidden = true;
    panel.removeAttribute("data-selected");
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  }
  $("#am-close").addEventListener("click", closePanel);

  $$(".am-item").forEach(function (node) {
    node.addEventListener("click", function (e) {
      e.stopPropagation();
      select(node.getAttribute("data-id"), node, false);
    });
    node.addEventListener("focus", function () { reveal(node); });
    node.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(node.getAttribute("data-id"), node, true);
      }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); closePanel(); }
  });

  // ------------------------------------------------------------------ search
  var search = $("#am-search"), count = $("#am-search-count");
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var haystack = new Map();
  Object.keys(items).forEach(function (id) {
    var it = items[id];
    if (it.kind === "claim" || it.kind === "factor") haystack.set(id, fold(id + " " + it.text));
  });
  var matches = [];
  runSearch = function () {
    var q = fold(search.value.trim());
    matches = [];
    haystack.forEach(function (text, id) {
      var hit = q !== "" && text.indexOf(q) !== -1;
      if (hit && drawnHere(id)) matches.push(id);  // count what the current view shows
      nodesOf(id).forEach(function (n) {
        n.classList.toggle("am-match", hit);
        n.classList.toggle("am-nomatch", q !== "" && !hit);
      });
    });
    count.textContent = q === "" ? "" : matches.length + (matches.length === 1 ? " match" : " matches");
  };
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && matches.length) {
      e.preventDefault();
      var node = drawnHere(matches[0]);
      select(matches[0], node || search, !node);
      if (node) node.focus();
    } else if (e.key === "Escape" && search.value) {
      e.stopPropagation();
      search.value = "";
      runSearch();
    }
  });

  // ------------------------------------------------------------------ speakers
  // A statement or relation is muted when everyone who takes a stance on it is (a reported
  // claim belongs to whoever the report says made it, not to the reporter). A relation no one
  // is named for goes with its ends: muted when one of them is.
  var hidden = new Set();
  var ENDS = { premise: 1, conclusion: 1, attacker: 1, target: 1, cause: 1, effect: 1 };
  function ownersOf(item) {
    if (item.kind === "agent") return item.speakers;
    return item.attributions.map(function (a) { return a.agent || a.reported_by; }).filter(Boolean);
  }
  function applySpeakers() {
    var off = new Set(), ids = Object.keys(items);
    ids.forEach(function (id) {
      var who = ownersOf(items[id]);
      if (who.length && who.every(function (a) { return hidden.has(a); })) off.add(id);
    });
    for (var pass = 0; pass < 2; pass++) {  // twice: a relation may stand on a relation
      ids.forEach(function (id) {
        var item = items[id];
        if (item.kind === "agent" || item.kind === "claim" || item.kind === "factor" || ownersOf(item).length) return;
        if (item.links.some(function (l) { return has(ENDS, l[0]) && off.has(l[1]); })) off.add(id);
      });
    }
    ids.forEach(function (id) {
      var muted = off.has(id);
      nodesOf(id).forEach(function (n) { n.classList.toggle("am-muted", muted); });
      (marksOf.get(id) || []).forEach(function (n) { n.classList.toggle("am-muted", muted); });
    });
  }
  // The speaker's colour in the drawings; a colour from argmap's palette, checked all the same.
  function swatch(colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg"), dot = document.createElementNS(ns, "rect");
    svg.setAttribute("class", "am-swatch");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    dot.setAttribute("x", "1"); dot.setAttribute("y", "1");
    dot.setAttribute("width", "12"); dot.setAttribute("height", "12"); dot.setAttribute("rx", "3");
    dot.setAttribute("fill", /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#999999");
    svg.appendChild(dot);
    return svg;
  }
  var speakerList = $("#am-speakers");
  Object.keys(data.agents).forEach(function (aid) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.amAgent = aid;
    box.addEventListener("change", function () {
      if (box.checked) hidden.delete(box.amAgent); else hidden.add(box.amAgent);
      applySpeakers();
    });
    var agent = data.agents[aid];
    var who = el("span", null, agent.name);
    if (agent.role) who.appendChild(el("span", "am-role", " \u2014 " + agent.role));
    var label = el("label", "am-speaker", box, swatch(agent.colour), who);
    speakerList.appendChild(el("li", null, label));
  });
  $("#am-speakers-box").hidden = !speakerList.childNodes.length;

  // ------------------------------------------------------------------ findings
  var findingList = $("#am-findings");
  data.findings.forEach(function (f) {
    var li = el("li", "am-finding am-sev-" + f.severity, el("code", null, f.code), " " + f.message);
    f.ids.filter(function (id) { return has(items, id); }).forEach(function (id, n) {
      li.appendChild(document.createTextNode(n ? ", " : " \u2014 "));
      li.appendChild(itemButton(id, id));
    });
    findingList.appendChild(li);
  });
  $("#am-findings-box").hidden = !data.findings.length;

  // ------------------------------------------------------------------ the source pane
  // Each source's text as text nodes, its quotes as marks; a mark opens its statement, and a
  // selected statement marks and scrolls to its quotes.
  var sourceBody = $("#am-source-body"), marksOf = new Map(), marked = [];
  var colourOf = function (aid) {
    var c = aid && has(data.agents, aid) ? data.agents[aid].colour : "";
    return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "";
  };
  data.texts.forEach(function (t) {
    var words = el("p", "am-source-words");
    t.runs.forEach(function (run) {
      if (!run[1].length) { words.appendChild(document.createTextNode(run[0])); return; }
      var mark = el("mark", "am-q", run[0]);
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.amItems = run[1].map(function (n) { return t.quotes[n][0]; }).filter(function (id) { return has(items, id); });
      var colour = colourOf(t.quotes[run[1][0]][1]);
      if (colour) mark.style.setProperty("--am-who", colour);
      mark.amItems.forEach(function (id) {
        if (!marksOf.has(id)) marksOf.set(id, []);
        marksOf.get(id).push(mark);
      });
      words.appendChild(mark);
    });
    sourceBody.appendChild(el("article", "am-source-text", el("h3", null, t.title), words));
  });
  // A mark covered by several quotes opens the next of them on each click.
  function openQuote(mark) {
    var list = mark.amItems;
    if (!list.length) return;
    var at = list.indexOf(selected);
    select(list[(at + 1) % list.length], mark, false);
  }
  sourceBody.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest(".am-q");
    if (mark) openQuote(mark);
  });
  sourceBody.addEventListener("keydown", function (e) {
    var mark = e.target.closest && e.target.closest(".am-q");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); openQuote(mark); }
  });
  function showQuotes(id, scroll) {
    marked.forEach(function (n) { n.classList.remove("am-q-current"); });
    marked = id ? marksOf.get(id) || [] : [];
    marked.forEach(function (n) { n.classList.add("am-q-current"); });
    if (scroll && marked.length && !sourceBody.hidden) {
      // Scroll the pane only, not the page: the panel above must stay where it is.
      var first = marked[0], box = sourceBody.getBoundingClientRect(), r = first.getBoundingClientRect();
      sourceBody.scrollTop += r.top - box.top - box.height / 3;
    }
  }
  $("#am-source").hidden = !data.texts.length;
  // Folding the pane gives the panel and the legend the whole column.
  var foldButton = $("#am-source-toggle");
  function setFolded(folded) {
    $("#am-source").classList.toggle("am-folded", folded);
    sourceBody.hidden = folded;
    foldButton.setAttribute("aria-expanded", String(!folded));
  }
  foldButton.addEventListener("click", function () { setFolded(!sourceBody.hidden); });

  // ------------------------------------------------------------------ printing
  // Print the whole drawing, not the zoomed window onto it.
  // beforeprint covers the print dialog; the media query also covers a PDF made headless.
  var saved = null;
  function toPaper() {
    if (saved) return;
    saved = active.zoom.box.slice();
    active.zoom.reset();
  }
  function toScreen() {
    if (saved) active.zoom.set(saved);
    saved = null;
  }
  window.addEventListener("beforeprint", toPaper);
  window.addEventListener("afterprint", toScreen);
  window.matchMedia("print").addEventListener("change", function (e) { if (e.matches) toPaper(); else toScreen(); });

  showView(active.name);
  document.documentElement.setAttribute("data-ready", "true");
})();
