// The network map as the server draws it: the `rampart/map` request answers
// {svg, units} with the SVG of `rampart map` (laid out by Graphviz inside
// the server) and the map JSON of `rampart map --format json`. The page
// shows that SVG as it is; the extension falls back to the graph view
// (graphView.ts) when the server has no `rampart/map`. No VS Code API here,
// so `node --test` checks it.

import { escapeHtml, webviewPage, WEBVIEW_STYLE } from './config';
import { GRAPH_SCRIPT } from './graphView';

export interface MapResult {
  /// One standalone SVG document with every unit of the document's scope.
  svg: string;
  /// The units of the map JSON (nodes with exposure, groups, edges, paths).
  units: MapUnit[];
}

export interface MapUnit {
  root: string;
  dialect: string;
  nodes: Array<{ id: string; exposure: string; kind: string }>;
  paths: Array<{ id: string; title: string; severity: string; message: string }>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings<T extends string>(o: Record<string, unknown>, keys: T[]): Record<T, string> {
  const out = {} as Record<T, string>;
  for (const k of keys) out[k] = typeof o[k] === 'string' ? (o[k] as string) : '';
  return out;
}

/// The result of `rampart/map`; undefined for anything without an SVG (a
/// null result, or a server that answered something else).
export function parseMap(v: unknown): MapResult | undefined {
  if (!isObject(v) || typeof v.svg !== 'string' || !v.svg.includes('<svg')) return undefined;
  const units = (Array.isArray(v.units) ? v.units : []).filter(isObject).map((u) => ({
    ...strings(u, ['root', 'dialect']),
    nodes: (Array.isArray(u.nodes) ? u.nodes : [])
      .filter(isObject)
      .map((n) => strings(n, ['id', 'exposure', 'kind'])),
    paths: (Array.isArray(u.paths) ? u.paths : [])
      .filter(isObject)
      .map((p) => strings(p, ['id', 'title', 'severity', 'message'])),
  }));
  return { svg: v.svg, units };
}

/// The SVG ready for the page: without its XML declaration, and with the
/// nonce on its <style> elements, which the webview's Content-Security-Policy
/// would block otherwise. Names in the SVG are escaped by the server, so a
/// literal `<style` can only be the server's own.
export function embeddableSvg(svg: string, nonce: string): string {
  return svg
    .replace(/^\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/<style>/g, `<style nonce="${escapeHtml(nonce)}">`);
}

const MAP_STYLE = `${WEBVIEW_STYLE}
.scroll { overflow: auto; background: #fff; border-radius: 4px; }
.paths li { margin-bottom: 0.4em; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.85em; }
`;

/// The webview page: a summary of what is exposed and the attack paths,
/// then the server's drawing (a click on a resource shows its declaration).
export function mapHtml(map: MapResult, opts: { nonce: string }): string {
  const exposed = map.units.reduce(
    (n, u) => n + u.nodes.filter((x) => x.kind === 'resource' && x.exposure === 'internet').length,
    0
  );
  const paths = map.units.flatMap((u) => u.paths);
  const body: string[] = [
    '<h1>Rampart network map</h1>',
    `<p class="muted">${map.units.length} units, ${exposed} resources exposed to the internet, ` +
      `${paths.length} attack paths. Click a resource to show its declaration.</p>`,
  ];
  if (paths.length) {
    body.push('<h2>Attack paths</h2><ul class="paths">');
    for (const p of paths)
      body.push(
        `<li><span class="sev">${escapeHtml(p.severity)}</span> ${escapeHtml(p.id)}: ` +
          `${escapeHtml(p.title)}<br><span class="muted">${escapeHtml(p.message)}</span></li>`
      );
    body.push('</ul>');
  }
  body.push(`<div class="scroll">${embeddableSvg(map.svg, opts.nonce)}</div>`);
  body.push(`<script nonce="${opts.nonce}">${GRAPH_SCRIPT}</script>`);
  return webviewPage('Rampart network map', opts.nonce, true, MAP_STYLE, body.join('\n'));
}
