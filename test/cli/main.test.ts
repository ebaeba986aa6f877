import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import packageJson from '../../package.json';
import { captureCli as capture } from '../helpers/cli';

describe('muwclass CLI dispatcher', () => {
  it('prints usage and exits 2 without a command', async () => {
    const c = capture();
    expect(await runCli([], c.context)).toBe(2);
    expect(c.err()).toMatch(/^Usage: muwclass <command>/);
    expect(c.out()).toBe('');
  });

  it('prints the package version', async () => {
    const c = capture();
    expect(await runCli(['--version'], c.context)).toBe(0);
    expect(c.out().trim()).toBe(packageJson.version);
  });

  it('names an unknown command and exits 2', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.context)).toBe(2);
    expect(c.err()).toMatch(/unknown command "frobnicate"/);
  });
});
