// Static checks no browser is needed for: every relative import and every file an HTML page
// loads exists, so a renamed module cannot ship a page that fails to load.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const WEB = new URL('../../main/resources/web/', import.meta.url);
const files = readdirSync(WEB);
const read = (name) => readFileSync(new URL(name, WEB), 'utf8');

test('resources: every relative import names a file that exists', () => {
  for (const name of files.filter((f) => f.endsWith('.js'))) {
    for (const [, target] of read(name).matchAll(/from '\.\/([^']+)'/g)) {
      assert.ok(files.includes(target), `${name} imports missing ./${target}`);
    }
  }
});

test('resources: every script and stylesheet a page loads exists', () => {
  for (const name of files.filter((f) => f.endsWith('.html'))) {
    for (const [, target] of read(name).matchAll(/(?:src|href)="([^"#:]+)"/g)) {
      assert.ok(files.includes(target), `${name} loads missing ${target}`);
    }
  }
});

test('resources: every element id the scripts look up exists in a page', () => {
  const html = files.filter((f) => f.endsWith('.html')).map(read).join('\n');
  for (const name of files.filter((f) => f.endsWith('.js'))) {
    for (const [, id] of read(name).matchAll(/byId\('([^']+)'\)/g)) {
      assert.ok(html.includes(`id="${id}"`), `${name} looks up missing #${id}`);
    }
  }
});
