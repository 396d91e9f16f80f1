// The network map's layout and page. The fixture is the output of `rampart
// graph --format json examples` (run from the repository's root).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import * as g from '../src/graphView';

const ROOT = path.resolve(__dirname, '../..');
const units = g.parseGraph(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/graph-examples.json'), 'utf8'))
);
const unit = (root: string) => units.find((u) => u.root === root)!;

describe('parseGraph', () => {
  it('reads the units of the examples', () => {
    assert.deepEqual(
      units.map((u) => [u.root, u.dialect, u.resources.length, u.edges.length]),
      [
        ['examples/arm/azuredeploy.json', 'arm', 3, 2],
        ['examples/bicep/main.bicep', 'bicep', 4, 1],
        ['examples/terraform', 'terraform', 5, 6],
        ['examples/cloudformation/queue.json', 'cloudformation', 1, 0],
        ['examples/cloudformation/template.yaml', 'cloudformation', 3, 0],
      ]
    );
    const storage = unit('examples/bicep/main.bicep').resources[0];
    assert.equal(storage.symbolicName, 'storage');
    assert.equal(storage.file, 'examples/bicep/main.bicep');
    // `resource storage 'Microsoft.Storage/...` is line 14 of main.bicep;
    // the range is the type string's.
    assert.deepEqual(storage.range!.start, { line: 14, column: 18 });
  });

  it('gives nothing for a null result', () => {
    assert.deepEqual(g.parseGraph(null), []);
    assert.deepEqual(g.parseGraph({ units: 'x' }), []);
  });
});

describe('labels and categories', () => {
  it('names a Terraform resource by its address without the type', () => {
    const tf = unit('examples/terraform').resources;
    assert.deepEqual(tf.map(g.resourceLabel), ['aws', 'logs', 'logs', 'ssh', 'app[0]']);
    assert.equal(
      g.resourceLabel({ id: 'module.lambda.aws_iam_role.this[0]', type: 'aws_iam_role', name: 'x' }),
      'module.lambda.this[0]'
    );
  });

  it('names other resources by their evaluated name, else their symbol, else their id', () => {
    const arm = unit('examples/arm/azuredeploy.json').resources;
    // The SQL firewall rule's name depends on its parent's unknown name.
    assert.equal(typeof arm[1].name, 'object');
    assert.equal(g.resourceLabel(arm[1]), 'resources[0].resources[0]');
    assert.equal(g.resourceLabel(unit('examples/bicep/main.bicep').resources[1]), 'nsg-web');
    assert.equal(
      g.resourceLabel({ id: 'x', type: 't', name: { $unknown: 'why' }, symbolicName: 'vnet' }),
      'vnet'
    );
  });

  it('groups types across dialects', () => {
    assert.equal(g.resourceCategory('Microsoft.Network/networkSecurityGroups'), 'network');
    assert.equal(g.resourceCategory('aws_security_group'), 'network');
    assert.equal(g.resourceCategory('AWS::EC2::SecurityGroup'), 'network');
    assert.equal(g.resourceCategory('Microsoft.Storage/storageAccounts'), 'data');
    assert.equal(g.resourceCategory('AWS::S3::Bucket'), 'data');
    assert.equal(g.resourceCategory('Microsoft.Compute/virtualMachines'), 'compute');
    assert.equal(g.resourceCategory('aws_lambda_function'), 'compute');
    assert.equal(g.resourceCategory('Microsoft.KeyVault/vaults'), 'identity');
    assert.equal(g.resourceCategory('aws_iam_role'), 'identity');
    assert.equal(g.resourceCategory('provider'), 'other');
  });
});

describe('assignLayers', () => {
  it('puts a resource below what it depends on', () => {
    const tf = unit('examples/terraform');
    const layers = g.assignLayers(tf.resources.map((r) => r.id), tf.edges);
    assert.deepEqual(Object.fromEntries(layers), {
      'provider.aws': 0,
      'aws_s3_bucket.logs': 1,
      'aws_s3_bucket_public_access_block.logs': 2,
      'aws_security_group.ssh': 1,
      'aws_db_instance.app[0]': 1,
    });
  });

  it('survives cycles, self edges and edges to unknown ids', () => {
    const layers = g.assignLayers(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b', kind: 'reference' },
        { from: 'b', to: 'a', kind: 'reference' },
        { from: 'c', to: 'c', kind: 'reference' },
        { from: 'c', to: 'nowhere', kind: 'reference' },
      ]
    );
    assert.equal(layers.get('c'), 0);
    assert.deepEqual([layers.get('a'), layers.get('b')].sort(), [0, 1]);
  });
});

function overlaps(a: g.LaidOutNode, b: g.LaidOutNode): boolean {
  return (
    a.x < b.x + g.NODE_WIDTH && b.x < a.x + g.NODE_WIDTH &&
    a.y < b.y + g.NODE_HEIGHT && b.y < a.y + g.NODE_HEIGHT
  );
}

describe('layoutUnit', () => {
  for (const u of units)
    it(`lays out ${u.root} without overlaps, inside its box`, () => {
      const l = g.layoutUnit(u);
      assert.equal(l.nodes.length, u.resources.length);
      for (const [i, a] of l.nodes.entries()) {
        assert.ok(a.x >= 0 && a.x + g.NODE_WIDTH <= l.width, `${a.resource.id} x`);
        assert.ok(a.y >= 0 && a.y + g.NODE_HEIGHT <= l.height, `${a.resource.id} y`);
        for (const b of l.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.resource.id} / ${b.resource.id}`);
      }
    });

  it('merges parallel edges and draws every edge upwards', () => {
    const l = g.layoutUnit(unit('examples/terraform'));
    assert.equal(l.edges.length, 5, 'reference and attachment share one arrow');
    const merged = l.edges.find((e) => e.from === 'aws_s3_bucket_public_access_block.logs' && e.to === 'aws_s3_bucket.logs')!;
    assert.deepEqual(merged.kinds, ['reference', 'attachment']);
    const at = new Map(l.nodes.map((n) => [n.resource.id, n]));
    for (const e of l.edges) assert.ok(at.get(e.from)!.y > at.get(e.to)!.y, `${e.from} -> ${e.to}`);
    assert.equal(l.dangling, 0);
  });

  it('wraps a wide layer onto rows of at most MAX_PER_ROW nodes, below what they depend on', () => {
    const resources = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, type: 'aws_s3_bucket', name: `b${i}` }));
    resources.push({ id: 'provider', type: 'provider', name: 'aws' });
    const l = g.layoutUnit({
      root: 'wide',
      dialect: 'terraform',
      resources,
      edges: resources.slice(0, 20).map((r) => ({ from: r.id, to: 'provider', kind: 'reference' })),
    });
    const ys = [...new Set(l.nodes.map((n) => n.y))].sort((a, b) => a - b);
    assert.equal(ys.length, 1 + Math.ceil(20 / g.MAX_PER_ROW), 'the provider row, then 8 + 8 + 4');
    for (const y of ys.slice(1))
      assert.ok(l.nodes.filter((n) => n.y === y).length <= g.MAX_PER_ROW);
    const provider = l.nodes.find((n) => n.resource.id === 'provider')!;
    assert.equal(provider.y, ys[0]);
    assert.ok(l.width <= g.MAX_PER_ROW * (g.NODE_WIDTH + 28) + 40);
  });

  it('runs an edge that skips rows up a gap between columns, clear of the nodes', () => {
    const l = g.layoutUnit(unit('examples/terraform'));
    const at = new Map(l.nodes.map((n) => [n.resource.id, n]));
    const long = l.edges.filter((e) => at.get(e.from)!.y - at.get(e.to)!.y > g.NODE_HEIGHT + 72);
    assert.deepEqual(long.map((e) => [e.from, e.to]), [['aws_s3_bucket_public_access_block.logs', 'provider.aws']]);
    const gx = Number(/ L([\d.-]+),/.exec(long[0].path)![1]);
    for (const n of l.nodes) assert.ok(gx < n.x || gx > n.x + g.NODE_WIDTH, `${n.resource.id} at ${n.x}, edge at ${gx}`);
  });

  it('counts edges that leave the unit', () => {
    const l = g.layoutUnit({
      root: 'r',
      dialect: 'bicep',
      resources: [{ id: 'a', type: 't', name: 'a' }],
      edges: [{ from: 'a', to: 'elsewhere', kind: 'reference' }],
    });
    assert.equal(l.dangling, 1);
    assert.equal(l.edges.length, 0);
  });
});

describe('graphHtml', () => {
  const html = g.graphHtml(units, { nonce: 'N0nce', documentPath: 'examples/terraform/main.tf' });

  it('is self-contained, with a CSP that only lets its own script run', () => {
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-N0nce'; script-src 'nonce-N0nce'">/
    );
    assert.equal(html.match(/<script/g)!.length, 1);
    assert.match(html, /<script nonce="N0nce">/);
    // The only URL is the SVG namespace, which is never fetched.
    assert.deepEqual(html.match(/https?:\/\/[^"]*/g), Array(5).fill('http://www.w3.org/2000/svg'));
    assert.doesNotMatch(html, /\ssrc=|href="http/);
  });

  it('draws one SVG per unit, the document\'s unit first', () => {
    const sections = html.split('<section class="unit">').slice(1);
    assert.equal(sections.length, 5);
    assert.match(sections[0], /^<h2>examples\/terraform /);
    assert.equal(sections[0].match(/<g class="node /g)!.length, 5);
    assert.equal(sections[0].match(/<g class="edge /g)!.length, 5);
  });

  it('links nodes to their declarations and escapes ids', () => {
    assert.match(
      html,
      /<g class="node data" data-file="examples\/bicep\/main.bicep" data-line="14" data-column="18" tabindex="0">/
    );
    assert.ok(html.includes('aws_db_instance.app[0]'));
    const evil = g.graphHtml(
      [{ root: '<r>', dialect: 'arm', resources: [{ id: '<img src=x>', type: 'a"b', name: 'n' }], edges: [] }],
      { nonce: 'n' }
    );
    assert.ok(!evil.includes('<img') && !evil.includes('<r>'));
    assert.ok(evil.includes('&lt;img src=x&gt;') && evil.includes('a&quot;b'));
  });

  it('says so when there is no unit', () => {
    assert.match(g.graphHtml([], { nonce: 'n' }), /No deployment unit was found/);
  });
});
