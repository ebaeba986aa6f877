/** The CLI reference page is what the commands' `--help` prints now (regenerate with `npm run docs:cli`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { CLI_REFERENCE_PATH, cliReference } from '../../scripts/cli-reference';
import { COMMANDS } from '../../src/cli/commands';
import { PROJECT_ROOT } from '../helpers/dist';

it(`${CLI_REFERENCE_PATH} is current (else run npm run docs:cli)`, async () => {
  const page = await cliReference();
  for (const c of COMMANDS) expect(page).toContain(`## muwclass ${c.name}\n`);
  expect(page).toContain('Usage: muwclass classify');
  expect(readFileSync(join(PROJECT_ROOT, CLI_REFERENCE_PATH), 'utf8')).toBe(page);
});
