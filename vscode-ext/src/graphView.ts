// The network map: a deployment unit's resources and edges (the result of
// the server's `rampart/graph`, the JSON of `rampart graph --format json`)
// drawn as a layered SVG. No VS Code API here, so `node --test` checks it.
//
// Layout: a resource sits one layer below everything it depends on (the
// targets of its edges), so a virtual network is above its subnets, a subnet
// above the interfaces in it. Within a layer, nodes are ordered by the mean
// position of their neighbours (a few barycentre sweeps), which removes most
// crossings on the small graphs templates make.

import { escapeHtml, webviewPage, WEBVIEW_STYLE } from './config';

export interface GraphPosition {
  line: number;
  column: number;
}

export interface GraphResource {
  id: string;
  type: string;
  /// The evaluated name: a string, or `{"$unknown": reason}`.
  name: unknown;
  symbolicName?: string;
  file?: string;
  range?: { start: GraphPosition; end: GraphPosition };
  existing?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
}

export interface GraphUnit {
  root: string;
  dialect: string;
  resources: GraphResource[];
  edges: GraphEdge[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parsePosition(v: unknown): GraphPosition | undefined {
  if (!isObject(v) || typeof v.line !== 'number' || typeof v.column !== 'number')
    return undefined;
  return { line: v.line, column: v.column };
}

/// The units of a `rampart/graph` result; [] for anything else (null when
/// the request had no document).
export function parseGraph(v: unknown): GraphUnit[] {
  if (!isObject(v) || !Array.isArray(v.units)) return [];
  return v.units.filter(isObject).map((u) => ({
    root: typeof u.root === 'string' ? u.root : '',
    dialect: typeof u.dialect === 'string' ? u.dialect : '',
    resources: (Array.isArray(u.resources) ? u.resources : [])
      .filter(isObject)
      .filter((r) => typeof r.id === 'string')
      .map((r) => {
        const start = isObject(r.range) ? parsePosition(r.range.start) : undefined;
        const end = isObject(r.range) ? parsePosition(r.range.end) : undefined;
        return {
          id: r.id as string,
          type: typeof r.type === 'string' ? r.type : '',
          name: r.name,
          symbolicName:
            typeof r.symbolicName === 'string' ? r.symbolicName : undefined,
          file: typeof r.file === 'string' && r.file !== '' ? r.file : undefined,
          range: start && end ? { start, end } : undefined,
          existing: r.existing === true,
        };
      }),
    edges: (Array.isArray(u.edges) ? u.edges : [])
      .filter(isObject)
      .filter((e) => typeof e.from === 'string' && typeof e.to === 'string')
      .map((e) => ({
        from: e.from as string,
        to: e.to as string,
        kind: typeof e.kind === 'string' ? e.kind : '',
      })),
  }));
}

/// What a node is called: a Terraform address without its type (the type
/// is on the node's second line; the module path and count index stay),
/// else its evaluated name, else the name it has in the source, else its id.
export function resourceLabel(r: GraphResource): string {
  if (r.type && r.id.includes(`${r.type}.`)) return r.id.replace(`${r.type}.`, '');
  if (typeof r.name === 'string' && r.name !== '') return r.name;
  if (r.symbolicName) return r.symbolicName;
  return r.id;
}

export type Category = 'network' | 'compute' | 'data' | 'identity' | 'other';

const CATEGORY_PATTERNS: Array<[Category, RegExp]> = [
  [
    'network',
    /network|vpc|subnet|security_?group|securitygroup|firewall|gateway|route|elb|loadbalancer|lb\b|_lb_|dns|frontdoor|cdn|eip|peering|endpoint/i,
  ],
  ['identity', /identity|iam|role|polic|keyvault|vaults?\b|kms|secret|managedidentit|authorization/i],
  ['data', /storage|s3|bucket|sql|db|database|cosmos|dynamo|rds|cache|redis|queue|sqs|sns|topic|table|blob|efs|ebs|disk|workspace|log/i],
  ['compute', /compute|virtualmachine|instance|ec2|lambda|function|web\/sites|sites|container|kubernetes|aks|eks|ecs|batch|appservice|serverfarm/i],
];

/// A colour group for a resource type, across the dialects' naming.
export function resourceCategory(type: string): Category {
  for (const [c, re] of CATEGORY_PATTERNS) if (re.test(type)) return c;
  return 'other';
}

/// Each node's layer: 0 for a node that depends on nothing in the unit,
/// else one more than the deepest node it depends on. An edge closing a
/// cycle is ignored for this.
export function assignLayers(
  ids: string[],
  edges: GraphEdge[]
): Map<string, number> {
  const known = new Set(ids);
  const targets = new Map<string, string[]>();
  for (const id of ids) targets.set(id, []);
  for (const e of edges)
    if (known.has(e.from) && known.has(e.to) && e.from !== e.to)
      targets.get(e.from)!.push(e.to);
  const layer = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string): number => {
    const done = layer.get(id);
    if (done !== undefined) return done;
    onStack.add(id);
    let depth = 0;
    for (const t of targets.get(id)!)
      if (!onStack.has(t)) depth = Math.max(depth, visit(t) + 1);
    onStack.delete(id);
    layer.set(id, depth);
    return depth;
  };
  for (const id of ids) visit(id);
  return layer;
}

/// Orders the nodes within each layer by the mean index of their
/// neighbours in the adjacent layers.
function orderLayers(layers: string[][], edges: GraphEdge[]): void {
  const neighbours = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, []);
    neighbours.get(a)!.push(b);
  };
  for (const e of edges) {
    add(e.from, e.to);
    add(e.to, e.from);
  }
  const sweep = (order: number[]) => {
    for (const k of order) {
      const position = new Map<string, number>();
      for (const adjacent of [layers[k - 1], layers[k + 1]])
        adjacent?.forEach((id, i) => position.set(id, i));
      const key = new Map<string, number>();
      layers[k].forEach((id, i) => {
        const ps = (neighbours.get(id) ?? [])
          .map((n) => position.get(n))
          .filter((p): p is number => p !== undefined);
        key.set(id, ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : i);
      });
      layers[k].sort((a, b) => key.get(a)! - key.get(b)!);
    }
  };
  const down = layers.map((_, i) => i).slice(1);
  const up = layers.map((_, i) => i).reverse().slice(1);
  for (let round = 0; round < 3; ++round) {
    sweep(down);
    sweep(up);
  }
}

export interface LaidOutNode {
  resource: GraphResource;
  label: string;
  category: Category;
  layer: number;
  x: number;
  y: number;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  /// The kinds of all the edges between the two nodes, in this direction.
  kinds: string[];
  path: string;
  labelX: number;
  labelY: number;
}

export interface Layout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
  /// Edges to or from an id that is not a resource of the unit.
  dangling: number;
}

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 46;
const GAP_X = 28;
const GAP_Y = 72;
const MARGIN = 20;
const COLUMN = NODE_WIDTH + GAP_X;
/// Nodes in one row at most; a wider layer wraps.
export const MAX_PER_ROW = 8;
const MAX_LABELLED_EDGES = 40;

interface EdgeShape {
  path: string;
  labelX: number;
  labelY: number;
}

/// From the dependent's top to the dependency's bottom. An edge to the row
/// just above is one curve; a longer one runs up the nearest gap between
/// columns (gapXs), so it does not cross the nodes of the rows between. A
/// dependency that is not above (a cycle) is reached by a loop below both.
function edgeShape(a: LaidOutNode, b: LaidOutNode, gapXs: number[]): EdgeShape {
  const x1 = a.x + NODE_WIDTH / 2;
  const x2 = b.x + NODE_WIDTH / 2;
  const y1 = a.y;
  const y2 = b.y + NODE_HEIGHT;
  if (b.y < a.y && y1 - y2 <= GAP_Y) {
    const dy = (y1 - y2) / 2;
    return {
      path: `M${x1},${y1} C${x1},${y1 - dy} ${x2},${y2 + dy} ${x2},${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: (y1 + y2) / 2,
    };
  }
  if (b.y < a.y) {
    const mid = (x1 + x2) / 2;
    const gx = gapXs.reduce((best, g) => (Math.abs(g - mid) < Math.abs(best - mid) ? g : best));
    const q = GAP_Y / 4;
    return {
      path:
        `M${x1},${y1} C${x1},${y1 - q} ${gx},${y1 - q} ${gx},${y1 - 2 * q} ` +
        `L${gx},${y2 + 2 * q} C${gx},${y2 + q} ${x2},${y2 + q} ${x2},${y2}`,
      // In the gap above the dependent, where no node is.
      labelX: gx,
      labelY: y1 - GAP_Y / 2 + 4,
    };
  }
  const low = Math.max(a.y, b.y) + NODE_HEIGHT + GAP_Y / 2;
  return {
    path: `M${x1},${a.y + NODE_HEIGHT} C${x1},${low} ${x2},${low} ${x2},${b.y + NODE_HEIGHT}`,
    labelX: (x1 + x2) / 2,
    labelY: low - GAP_Y / 8,
  };
}

export function layoutUnit(unit: GraphUnit): Layout {
  const ids = unit.resources.map((r) => r.id);
  const byId = new Map(unit.resources.map((r) => [r.id, r] as const));
  const layerOf = assignLayers(ids, unit.edges);
  const depth = Math.max(-1, ...layerOf.values()) + 1;
  const layers: string[][] = Array.from({ length: depth }, () => []);
  for (const id of ids) layers[layerOf.get(id)!].push(id);
  orderLayers(layers, unit.edges);

  // A wide layer wraps onto several rows, so a module with a hundred
  // resources side by side stays readable.
  const rows: Array<{ layer: number; ids: string[] }> = [];
  layers.forEach((layer, k) => {
    for (let i = 0; i < layer.length; i += MAX_PER_ROW)
      rows.push({ layer: k, ids: layer.slice(i, i + MAX_PER_ROW) });
  });
  const widest = Math.max(0, ...rows.map((r) => r.ids.length));
  const width = widest * COLUMN - GAP_X + 2 * MARGIN;
  const height =
    rows.length * NODE_HEIGHT + Math.max(0, rows.length - 1) * GAP_Y + 2 * MARGIN;
  const nodes = new Map<string, LaidOutNode>();
  rows.forEach((row, r) => {
    // Centred, on a grid of columns, so the gaps line up from row to row
    // for the edges that run up them.
    const first = Math.floor((widest - row.ids.length) / 2);
    row.ids.forEach((id, i) => {
      const res = byId.get(id)!;
      nodes.set(id, {
        resource: res,
        label: resourceLabel(res),
        category: resourceCategory(res.type),
        layer: row.layer,
        x: MARGIN + (first + i) * COLUMN,
        y: MARGIN + r * (NODE_HEIGHT + GAP_Y),
      });
    });
  });

  const merged = new Map<string, { from: string; to: string; kinds: string[] }>();
  let dangling = 0;
  for (const e of unit.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) {
      ++dangling;
      continue;
    }
    const key = JSON.stringify([e.from, e.to]);
    const m = merged.get(key) ?? { from: e.from, to: e.to, kinds: [] };
    if (!m.kinds.includes(e.kind)) m.kinds.push(e.kind);
    merged.set(key, m);
  }
  const gapXs = Array.from({ length: widest + 1 }, (_, i) => MARGIN - GAP_X / 2 + i * COLUMN);
  const edges = [...merged.values()].map((m) => ({
    ...m,
    ...edgeShape(nodes.get(m.from)!, nodes.get(m.to)!, gapXs),
  }));
  return { nodes: [...nodes.values()], edges, width, height, dangling };
}

/// Text cut to fit a node, with an ellipsis.
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

export function unitSvg(layout: Layout, unitIndex: number): string {
  const out: string[] = [];
  const marker = `arrow-${unitIndex}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img">`,
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`
  );
  // Past a few dozen edges their labels only hide the drawing; each edge's
  // tooltip still says what it is.
  const labelled = layout.edges.length <= MAX_LABELLED_EDGES;
  for (const e of layout.edges)
    out.push(
      `<g class="edge ${e.kinds.map((k) => 'kind-' + k.replace(/[^a-z_]/gi, '')).join(' ')}">` +
        `<title>${escapeHtml(`${e.from} → ${e.to}: ${e.kinds.join(', ')}`)}</title>` +
        `<path d="${e.path}" marker-end="url(#${marker})"/>` +
        (labelled
          ? `<text x="${e.labelX}" y="${e.labelY}" class="edge-label">${escapeHtml(e.kinds.join(', '))}</text>`
          : '') +
        '</g>'
    );
  for (const n of layout.nodes) {
    const r = n.resource;
    const at = r.file && r.range
      ? ` data-file="${escapeHtml(r.file)}" data-line="${r.range.start.line}" data-column="${r.range.start.column}" tabindex="0"`
      : '';
    const unknownName = typeof r.name !== 'string';
    out.push(
      `<g class="node ${n.category}${r.existing ? ' existing' : ''}"${at}>` +
        `<title>${escapeHtml(`${r.type}\n${r.id}${unknownName ? '\n(name known only at deployment)' : ''}`)}</title>` +
        `<rect x="${n.x}" y="${n.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
        `<text x="${n.x + 10}" y="${n.y + 19}" class="name">${escapeHtml(truncate(n.label, 28))}${unknownName ? ' ?' : ''}</text>` +
        `<text x="${n.x + 10}" y="${n.y + 36}" class="type">${escapeHtml(truncate(r.type, 34))}</text></g>`
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

const GRAPH_STYLE = `${WEBVIEW_STYLE}
.unit { margin-bottom: 2em; }
.scroll { overflow: auto; }
svg.graph text { fill: var(--vscode-foreground); font-size: 12px; }
svg.graph text.type { opacity: 0.7; font-size: 11px; }
svg.graph text.edge-label { font-size: 10px; opacity: 0.75; text-anchor: middle; }
svg.graph .edge path { fill: none; stroke: var(--vscode-foreground); stroke-opacity: 0.55; stroke-width: 1.3; }
svg.graph .edge.kind-depends_on path { stroke-dasharray: 5 3; }
svg.graph .edge.kind-parent path { stroke-width: 2.2; }
svg.graph .arrowhead { fill: var(--vscode-foreground); fill-opacity: 0.7; }
svg.graph .node rect { stroke-width: 1.5; fill: var(--vscode-editor-background); stroke: #888; }
svg.graph .node[data-file] { cursor: pointer; }
svg.graph .node:focus rect, svg.graph .node:hover rect { stroke-width: 3; }
svg.graph .node.existing rect { stroke-dasharray: 4 3; }
svg.graph .network rect { stroke: #3794ff; }
svg.graph .compute rect { stroke: #d18616; }
svg.graph .data rect { stroke: #89d185; }
svg.graph .identity rect { stroke: #c586c0; }
.legend span { margin-right: 1.2em; border-left: 0.9em solid #888; padding-left: 0.4em; }
.legend .network { border-color: #3794ff; } .legend .compute { border-color: #d18616; }
.legend .data { border-color: #89d185; } .legend .identity { border-color: #c586c0; }
`;

// Clicking a node asks the extension to show its declaration (the server's
// map SVG carries the same data-file, data-line and data-column).
export const GRAPH_SCRIPT = `
const vscode = acquireVsCodeApi();
for (const node of document.querySelectorAll('.node[data-file]')) {
  const reveal = () => vscode.postMessage({ command: 'reveal', file: node.dataset.file,
    line: Number(node.dataset.line), column: Number(node.dataset.column) });
  node.addEventListener('click', reveal);
  node.addEventListener('keydown', (e) => { if (e.key === 'Enter') reveal(); });
}
`;

/// The webview page: one section per unit, the units the document belongs
/// to first.
export function graphHtml(
  units: GraphUnit[],
  opts: { nonce: string; documentPath?: string }
): string {
  const mine = (u: GraphUnit) =>
    opts.documentPath !== undefined &&
    (u.root === opts.documentPath ||
      u.resources.some((r) => r.file === opts.documentPath));
  const ordered = [...units.filter(mine), ...units.filter((u) => !mine(u))];
  const body: string[] = ['<h1>Rampart network map</h1>'];
  if (!ordered.length)
    body.push('<p>No deployment unit was found for this document.</p>');
  else
    body.push(
      '<p class="legend muted">An arrow goes from a resource to what it depends on. ' +
        '<span class="network">network</span><span class="compute">compute</span>' +
        '<span class="data">data</span><span class="identity">identity</span>' +
        '<span class="other">other</span> Dashed box: an existing resource. Click a resource to show its declaration.</p>'
    );
  ordered.forEach((u, i) => {
    const layout = layoutUnit(u);
    body.push(
      `<section class="unit"><h2>${escapeHtml(u.root)} <span class="muted">(${escapeHtml(u.dialect)}, ${u.resources.length} resources, ${layout.edges.length} edges)</span></h2>`
    );
    if (layout.dangling)
      body.push(`<p class="muted">${layout.dangling} edges to resources outside the unit are not drawn.</p>`);
    body.push(
      u.resources.length ? `<div class="scroll">${unitSvg(layout, i)}</div>` : '<p>No resources.</p>',
      '</section>'
    );
  });
  body.push(`<script nonce="${opts.nonce}">${GRAPH_SCRIPT}</script>`);
  return webviewPage('Rampart network map', opts.nonce, true, GRAPH_STYLE, body.join('\n'));
}
