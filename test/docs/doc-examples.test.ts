/**
 * Every `@example` of a doc comment in `src/` and every ```` ```ts ```` block of README.md and of the guide
 * (`docs/**.md`) runs as a test named `<file>:<line> <symbol>`, and the values it shows are checked (a guide
 * block fenced ```` ```ts not-run: <why> ```` — browser-only code — is compiled, not run):
 *
 * - `expr; // => value` asserts that `expr` deep-equals `value` (numbers to the precision written);
 * - `stmt; // throws ErrorClass: message fragment` asserts that `stmt` throws (or rejects with) that error.
 *
 * `import … from 'muwclass'`, `'muwclass/<layer>'` and `'muwclass/node'` read `src/`, and every export of the
 * Node entry is in scope without an import. The conventions are in `./doc-examples.ts` and `./checks.ts`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { it } from 'vitest';

import { PROJECT_ROOT } from '../helpers/dist';
import { hasSharedData, sharedData } from '../helpers/shared-data';
import {
  compileExample,
  type CompiledExample,
  type DocExample,
  exampleName,
  type ExampleEnvironment,
  extractMarkdownExamples,
  extractSourceExamples,
  guideFiles,
  runExample,
} from './doc-examples';

const NODE_ENTRY = join(PROJECT_ROOT, 'src', 'node', 'index.ts');
const ROOT_ENTRY = join(PROJECT_ROOT, 'src', 'index.ts');

/** `muwclass/node` (until `src/node/index.ts` exists: the root entry, which then holds the file readers). */
function importNodeEntry(): Promise<Record<string, unknown>> {
  return import(existsSync(NODE_ENTRY) ? NODE_ENTRY : ROOT_ENTRY);
}

/** What an example's `import … from specifier` reads. */
async function importModule(specifier: string, file: string): Promise<unknown> {
  if (specifier === 'muwclass') return import(ROOT_ENTRY);
  if (specifier === 'muwclass/node') return importNodeEntry();
  const layer = /^muwclass\/([\w-]+)$/.exec(specifier);
  if (layer !== null) {
    const entry = join(PROJECT_ROOT, 'src', layer[1]!, 'index.ts');
    if (!existsSync(entry)) throw new Error(`${file}: \`${specifier}\` is not an entry point (no src/${layer[1]}/index.ts)`);
    return import(entry);
  }
  if (specifier.startsWith('muwclass')) throw new Error(`${file}: \`${specifier}\` is not an entry point`);
  if (specifier.startsWith('.')) return import(resolve(PROJECT_ROOT, dirname(file), specifier));
  return import(specifier);
}

let environment: Promise<ExampleEnvironment> | undefined;
function getEnvironment(): Promise<ExampleEnvironment> {
  environment ??= importNodeEntry().then((scope) => ({ scope, importModule, sharedData }));
  return environment;
}

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

const examples: DocExample[] = [
  ...extractSourceExamples(PROJECT_ROOT),
  ...guideFiles(PROJECT_ROOT).flatMap((path) => extractMarkdownExamples(path, PROJECT_ROOT, { all: true })),
];

it('finds the examples of src/', () => {
  const found = examples.filter((e) => e.file.startsWith('src/')).length;
  if (found < 100) throw new Error(`only ${found} @example blocks found in src/: is the extractor broken?`);
});

for (const example of examples) {
  const name = exampleName(example);
  let compiled: CompiledExample | undefined;
  let problem: unknown;
  if (example.problem !== undefined) {
    problem = new Error(`${example.file}:${example.line}: ${example.problem}`);
  } else {
    try {
      compiled = compileExample(example);
    } catch (e) {
      problem = e;
    }
  }
  const missing = compiled?.sharedData.filter((f) => !hasSharedData(f)) ?? [];
  if (missing.length > 0 && !inCi) {
    const message = `needs ${missing.map((f) => sharedData(f)).join(', ')} (public reference data, see README "Reference data")`;
    it.skip(`${name} [skipped: ${message}]`, () => {});
    continue;
  }
  if (example.notRun !== undefined) {
    it(`${name} [compiled only: ${example.notRun}]`, () => {
      if (problem !== undefined) throw problem;
      if (compiled!.checks > 0) throw new Error(`${name}: a not-run block states checks that would never be verified`);
    });
    continue;
  }
  it(name, async () => {
    if (problem !== undefined) throw problem;
    if (missing.length > 0) throw new Error(`CI run without reference data: ${name} needs ${missing.map((f) => sharedData(f)).join(', ')}`);
    await runExample(example, compiled!, await getEnvironment());
  });
}
