// Mermaid's own parser over diagrams that argmap wrote, for tests/test_render_mermaid.py.
//
// stdin: JSON arrays of diagram texts, one array a line (a batch). For each batch, stdout gets one
// line: a JSON array with one result per diagram, in order. One process serves every batch of a
// test session, since starting node and loading Mermaid is the slow part. A result is
//   {ok: true, type, config, vertices: {id: text}, edges: [text], subgraphs: {id: text},
//    markup: [label...]}  or  {ok: false, error}.
// `config` is what directives in the text changed (empty when none got through). Label texts are
// what a reader sees: Mermaid's entity placeholders turned into HTML entities as its renderer does,
// then read as HTML, with <br> as a newline. `markup` lists the labels whose HTML holds any
// element other than <br>, i.e. text that became markup.
//
// Mermaid sanitises labels with DOMPurify, which needs a DOM; jsdom gives it one under plain node.
// The globals must exist before mermaid is imported, hence the dynamic import.
import { createInterface } from "node:readline";

import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;

// Mermaid logs through console; stdout carries only the answer.
console.log = console.info = console.debug = console.warn = (...args) => console.error(...args);

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const BR = /<br\s*\/?>/gi;

// Mermaid's parser keeps an entity code like #quot; as a placeholder; its renderer turns the
// placeholder into the HTML entity (&quot;, or &#35; for a number) and the browser decodes that.
function seen(label) {
  const html = String(label ?? "")
    .replace(/\uFB02\u00B0\u00B0/g, "&#")
    .replace(/\uFB02\u00B0/g, "&")
    .replace(/\u00B6\u00DF/g, ";");
  const box = dom.window.document.createElement("div");
  box.innerHTML = html.replace(BR, "<br>");
  const elements = [...box.querySelectorAll("*")].filter((e) => e.tagName !== "BR");
  for (const br of box.querySelectorAll("br")) br.replaceWith("\n");
  return { text: box.textContent, markup: elements.length > 0 };
}

async function check(text) {
  try {
    const parsed = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const markup = [];
    const read = (label) => {
      const s = seen(label);
      if (s.markup) markup.push(String(label));
      return s.text;
    };
    const vertices = {};
    for (const [id, v] of db.getVertices()) vertices[id] = read(v.text);
    const edges = db.getEdges().map((e) => read(e.text));
    const subgraphs = {};
    for (const g of db.getSubGraphs()) subgraphs[g.id] = read(g.title);
    return {
      ok: true,
      type: parsed.diagramType,
      config: parsed.config ?? {},
      vertices,
      edges,
      subgraphs,
      markup,
    };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  } finally {
    // A directive that did get through must not leak into the next diagram.
    mermaid.mermaidAPI.reset();
  }
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const results = [];
  for (const text of JSON.parse(line)) results.push(await check(text));
  process.stdout.write(JSON.stringify(results) + "\n");
}
