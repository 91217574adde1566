import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WEBROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm;

/** Every module main.js imports, directly or not, as paths from the web root. */
function moduleGraph(file, seen = new Set()) {
  if (!seen.has(file)) {
    seen.add(file);
    for (const match of readFileSync(join(WEBROOT, file), 'utf8').matchAll(IMPORT)) {
      moduleGraph(join(dirname(file), match[1] || match[2]), seen);
    }
  }
  return seen;
}

test('the page preloads every module main.js imports, and nothing else', () => {
  const html = readFileSync(join(WEBROOT, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const imported = [...moduleGraph('js/main.js')].filter((f) => f !== 'js/main.js').map((f) => relative('.', f)).sort();
  assert.deepEqual(preloaded, imported);
});
