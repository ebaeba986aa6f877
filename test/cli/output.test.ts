/** Safe writes (`src/node/output.ts`): the checks before any work, temporary file and rename, clean-up. */
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { CancelledError, FileError, InvalidValueError } from '../../src/core/errors';
import { isOutputError, prepareOutput, prepareOutputDirectory, removeTemporaries, writeFileAtomically } from '../../src/node/output';
import { listDir, tempDir } from './helpers';
import { runUnprivileged, sharedTempDir, srcUrl } from '../helpers/unprivileged';

const dir = tempDir('output');
const file = (name: string, text = 'old\n') => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function rejection(promise: Promise<unknown>): Promise<FileError> {
  try {
    await promise;
  } catch (error) {
    return error as FileError;
  }
  throw new Error('expected a rejection');
}

describe('prepareOutput: every output checked before any work', () => {
  it('accepts a new file in a writable directory, an existing writable file, and - (standard output)', async () => {
    expect((await prepareOutput(join(dir, 'new.csv'))).toStdout).toBe(false);
    expect((await prepareOutput(file('existing.csv'))).toStdout).toBe(false);
    expect(await prepareOutput({ path: '-', option: '-o' })).toEqual({ path: '-', option: '-o', toStdout: true });
  });

  it('refuses a missing directory (not-found), a directory (is-directory), naming the option', async () => {
    const missing = await rejection(prepareOutput({ path: join(dir, 'no-such-dir', 'out.csv'), option: '-o' }));
    expect(missing).toBeInstanceOf(FileError);
    expect(missing.reason).toBe('not-found');
    expect(missing.message).toMatch(/^-o: directory does not exist: .*no-such-dir; cannot create: .*out\.csv$/);
    expect(isOutputError(missing)).toBe(true);

    mkdirSync(join(dir, 'a-dir'), { recursive: true });
    const isDir = await rejection(prepareOutput({ path: join(dir, 'a-dir'), option: '-o' }));
    expect(isDir.reason).toBe('is-directory');
    expect(isDir.message).toMatch(/^-o is a directory, not a file: /);

    const underFile = await rejection(prepareOutput({ path: join(file('plain.txt'), 'out.csv'), option: '-o' }));
    expect(underFile.reason).toBe('not-found');
    expect(isOutputError(underFile)).toBe(true);
  });

  it('refuses a read-only file and a read-only directory (permission; as nobody when run by root)', async () => {
    const base = sharedTempDir('muwclass-output-ro-');
    const ro = join(base, 'ro.csv');
    writeFileSync(ro, 'x\n');
    chmodSync(ro, 0o444);
    const roDir = join(base, 'ro-dir');
    mkdirSync(roDir);
    chmodSync(roDir, 0o555);
    const reasons = runUnprivileged(
      `import { prepareOutput } from ${JSON.stringify(srcUrl('node/output.ts'))};
const reason = async (path) => { try { await prepareOutput({ path, option: '-o' }); return null; } catch (e) { return e.reason; } };
console.log(JSON.stringify([await reason(${JSON.stringify(ro)}), await reason(${JSON.stringify(join(roDir, 'x.csv'))})]));`,
      { typescript: true },
    );
    expect(reasons).toEqual(['permission', 'permission']);
  });

  it('refuses an output that is one of the inputs: same path, through a symlink, a hard link, or a relative path; names both options', async () => {
    const input = file('td.csv', 'CSCv2_name\nA\n');
    const same = await rejection(prepareOutput({ path: input, option: '-o' }, [{ path: input, option: '--td' }]));
    expect(same).toBeInstanceOf(FileError);
    expect(same.reason).toBe('same-as-input');
    expect(same.message).toBe(`-o is the same file as the input --td; refusing to overwrite an input, choose another output: ${input}`);
    expect(isOutputError(same)).toBe(true);

    const link = join(dir, 'link.csv');
    symlinkSync(input, link);
    expect((await rejection(prepareOutput({ path: link, option: '-o' }, [{ path: input, option: '--td' }]))).reason).toBe('same-as-input');
    expect((await rejection(prepareOutput({ path: input, option: '-o' }, [{ path: link, option: '--sources' }]))).message).toBe(
      `-o is the same file as the input --sources (${link}); refusing to overwrite an input, choose another output: ${input}`,
    );

    const hard = join(dir, 'hard.csv');
    linkSync(input, hard);
    expect((await rejection(prepareOutput({ path: hard, option: '-o' }, [{ path: input, option: '--td' }]))).reason).toBe('same-as-input');

    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect((await rejection(prepareOutput({ path: './td.csv', option: '-o' }, [{ path: input, option: '--td' }]))).reason).toBe('same-as-input');
    } finally {
      process.chdir(cwd);
    }
    // A different file, and standard input, are fine.
    await expect(prepareOutput({ path: file('other.csv'), option: '-o' }, [{ path: input, option: '--td' }, { path: '-', option: '--sources' }])).resolves.toBeDefined();
  });

  it('prepareOutputDirectory: refuses a file named as the directory, accepts one to create, checks the files in it', async () => {
    const notDir = await rejection(prepareOutputDirectory({ path: file('plots'), option: '--svg-dir' }, ['a.svg']));
    expect(notDir.reason).toBe('not-a-directory');
    expect(notDir.message).toMatch(/^--svg-dir names a file, not a directory: /);
    expect(isOutputError(notDir)).toBe(true);
    await expect(prepareOutputDirectory({ path: join(dir, 'new-plots', 'deeper'), option: '--svg-dir' }, ['a.svg'])).resolves.toBeUndefined();
    expect(existsSync(join(dir, 'new-plots'))).toBe(false); // not created before the work is done
    const under = await rejection(prepareOutputDirectory({ path: join(file('plots2'), 'sub'), option: '--svg-dir' }, ['a.svg']));
    expect(under.reason).toBe('not-a-directory');
    const plots = join(dir, 'plots-dir');
    mkdirSync(join(plots, 'a.svg'), { recursive: true });
    expect((await rejection(prepareOutputDirectory({ path: plots, option: '--svg-dir' }, ['a.svg']))).reason).toBe('is-directory');
  });
});

describe('writeFileAtomically: the old file or the whole new one, never a part', () => {
  it('writes sync and async lines, replacing a file, leaving no temporary file', async () => {
    const path = file('w.csv');
    await writeFileAtomically(path, ['a,b\n', '1,2\n']);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    async function* lines() {
      yield 'x\n';
      yield 'y\n';
    }
    await writeFileAtomically(path, lines());
    expect(readFileSync(path, 'utf8')).toBe('x\ny\n');
    expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old file when producing the lines fails late (e.g. a bad row), and rethrows that error unchanged', async () => {
    const path = file('keep.csv', 'the old output\n');
    const before = listDir(dir);
    async function* failing() {
      for (let i = 0; i < 100_000; i++) yield `${i},${'x'.repeat(20)}\n`; // more than one write batch
      throw new InvalidValueError('bad', { source: 'in.csv', row: 100_001, column: 'Fb' });
    }
    const error = await rejection(writeFileAtomically(path, failing()));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(isOutputError(error)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('the old output\n');
    expect(listDir(dir)).toEqual(before);
  });

  it('stops on the signal: CancelledError, the old file kept, the temporary file removed', async () => {
    const path = file('cancel.csv', 'old\n');
    const before = listDir(dir);
    const controller = new AbortController();
    function* lines() {
      for (let i = 0; i < 1000; i++) {
        if (i === 500) controller.abort('SIGINT');
        yield `${i}\n`;
      }
    }
    await expect(writeFileAtomically(path, lines(), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(listDir(dir)).toEqual(before);
    // A signal that already fired writes nothing at all.
    await expect(writeFileAtomically(join(dir, 'never.csv'), ['a\n'], { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('removeTemporaries removes, synchronously, the temporary file of a write in progress (for a signal handler)', async () => {
    const path = file('abrupt.csv', 'old\n');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let seen: string[] = [];
    async function* lines() {
      yield 'new\n'.repeat(20_000); // one full write batch reaches the temporary file
      seen = listDir(dir).filter((f) => f.startsWith('.abrupt.csv.'));
      await gate;
      yield 'more\n';
    }
    const writing = writeFileAtomically(path, lines());
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
    removeTemporaries();
    expect(listDir(dir).filter((f) => f.startsWith('.abrupt.csv.'))).toEqual([]);
    release();
    await writing.catch(() => undefined);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
  });

  it('follows a symlink (the link is kept, its target replaced) and keeps the mode of an existing file', async () => {
    const target = file('target.csv');
    chmodSync(target, 0o640);
    const link = join(dir, 'via-link.csv');
    symlinkSync(target, link);
    await writeFileAtomically(link, ['new\n']);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(link, 'utf8')).toBe('new\n');
    expect(listDir(dir)).toContain('via-link.csv');
  });

  it('writes a special file such as /dev/null in place (never replaced)', async () => {
    await writeFileAtomically('/dev/null', ['x\n']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('- writes to the given standard output', async () => {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (d: Buffer) => (text += d.toString()));
    await writeFileAtomically('-', ['a\n', 'b\n'], { stdout });
    expect(text).toBe('a\nb\n');
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });

  it('a write that fails (a directory in the way) is a FileError about the output', async () => {
    mkdirSync(join(dir, 'in-the-way'), { recursive: true });
    const error = await rejection(writeFileAtomically({ path: join(dir, 'in-the-way'), option: '-o', toStdout: false }, ['x\n']));
    expect(error).toBeInstanceOf(FileError);
    expect(error.reason).toBe('is-directory');
    expect(isOutputError(error)).toBe(true);
  });
});
