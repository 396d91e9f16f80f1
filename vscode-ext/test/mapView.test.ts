// The page of the server-drawn network map (rampart/map). The live request
// is tested in server.test.ts against the real server.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as m from '../src/mapView';

const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<svg xmlns="http://www.w3.org/2000/svg" class="rampart-map"><style>.x{}</style>' +
  '<g class="node internet" data-id="vm" data-file="/t/main.bicep" data-line="3" data-column="1">' +
  '<text>vm &lt;b&gt;</text></g></svg>\n';

const RESULT = {
  svg: SVG,
  units: [
    {
      root: 'main.bicep',
      dialect: 'bicep',
      nodes: [
        { id: '$internet', kind: 'internet', exposure: 'internet' },
        { id: 'vm', kind: 'resource', exposure: 'internet' },
        { id: 'st', kind: 'resource', exposure: 'private' },
      ],
      paths: [{ id: 'AZ-PATH-001', title: 'Exposed <VM>', severity: 'critical', message: 'close 22' }],
    },
  ],
};

describe('parseMap', () => {
  it('reads the svg and the units', () => {
    const map = m.parseMap(RESULT)!;
    assert.equal(map.svg, SVG);
    assert.equal(map.units.length, 1);
    assert.equal(map.units[0].nodes[1].exposure, 'internet');
    assert.equal(map.units[0].paths[0].id, 'AZ-PATH-001');
  });

  it('gives undefined for a result without an SVG', () => {
    assert.equal(m.parseMap(null), undefined);
    assert.equal(m.parseMap({ units: [] }), undefined);
    assert.equal(m.parseMap({ svg: 'not a drawing' }), undefined);
    assert.deepEqual(m.parseMap({ svg: '<svg/>', units: 'x' })!.units, []);
  });
});

describe('mapHtml', () => {
  const html = m.mapHtml(m.parseMap(RESULT)!, { nonce: 'abc' });

  it('embeds the SVG without its XML declaration, its style allowed by nonce', () => {
    assert.ok(!html.includes('<?xml'));
    assert.ok(html.includes('<style nonce="abc">.x{}</style>'));
    assert.ok(!/<style>/.test(html), 'every style element carries the nonce');
    assert.ok(html.includes('data-file="/t/main.bicep"'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc'; script-src 'nonce-abc'"/);
  });

  it('summarises exposure and lists the attack paths, escaped', () => {
    assert.ok(html.includes('1 units, 1 resources exposed to the internet, 1 attack paths'));
    assert.ok(html.includes('AZ-PATH-001: Exposed &lt;VM&gt;'));
    assert.ok(!html.includes('<VM>'));
  });

  it('lets a click reveal the declaration', () => {
    assert.ok(html.includes("vscode.postMessage({ command: 'reveal'"));
    assert.ok(html.includes('<script nonce="abc">'));
  });
});
