/**
 * The files of a command: inputs checked before anything is read (`-` = standard input, read once), outputs
 * checked before anything is computed and written safely (`-` = standard output), see `src/node/output.ts`.
 *
 * @module
 */
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';

import { CancelledError, FileError } from '../core/errors';
import type { TextSource } from '../io/text-source';
import { fileChunks } from '../node/files';
import { prepareOutput, prepareOutputDirectory, STDIO_PATH, writeFileAtomically, type NamedPath, type PreparedOutput } from '../node/output';
import { UsageError, type CliContext } from './command';

/** An input file of a command, checked to exist and be readable. */
export interface InputFile {
  /** The option that named it (`--td`, `<per-observation.csv>`). */
  readonly option: string;
  /** The path as given (`-` for standard input). */
  readonly path: string;
  /** The name used in messages, errors and summaries: the file name (without its directory), or `stdin`. */
  readonly name: string;
  /** Whether it is standard input. */
  readonly isStdin: boolean;
  /** The bytes, from the start (each call reads the file again; standard input or a pipe is read once and kept). */
  source(): Promise<TextSource>;
}

const stdinCache = new WeakMap<object, Promise<Uint8Array>>();

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Checks that an input exists, is a file and is readable, and returns it. `-` is standard input (only one input
 * of a command may be `-`).
 *
 * @throws {FileError} reason `'not-found'`, `'is-directory'` or `'permission'`, naming the option and the path
 */
export async function inputFile(context: CliContext, option: string, path: string): Promise<InputFile> {
  if (path === STDIO_PATH) {
    const stdin = context.stdin ?? process.stdin;
    return {
      option,
      path,
      name: 'stdin',
      isStdin: true,
      source() {
        let bytes = stdinCache.get(stdin);
        if (bytes === undefined) stdinCache.set(stdin, (bytes = readAll(stdin)));
        return bytes;
      },
    };
  }
  if (path === '') throw new UsageError(`${option} needs a file name`);
  let s;
  try {
    s = await stat(path);
  } catch (error) {
    const c = (error as NodeJS.ErrnoException).code;
    if (c === 'ENOENT' || c === 'ENOTDIR') throw new FileError(path, 'not-found', `${option}: no such file`);
    if (c === 'EACCES' || c === 'EPERM') throw new FileError(path, 'permission', `${option}: permission denied`);
    throw new FileError(path, 'io', `${option}: cannot read (${c ?? (error as Error).message})`, { cause: error });
  }
  if (s.isDirectory()) throw new FileError(path, 'is-directory', `${option} is a directory, not a file`);
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new FileError(path, 'permission', `${option} is not readable`);
  }
  if (!s.isFile()) {
    // A pipe (`--td <(…)`), /dev/stdin, …: read once and kept, as it cannot be read from the start again.
    let bytes: Promise<Uint8Array> | undefined;
    return { option, path, name: basename(path), isStdin: false, source: () => (bytes ??= readAll(createReadStream(path))) };
  }
  return { option, path, name: basename(path), isStdin: false, source: async () => fileChunks(path) };
}

/** Refuses more than one input read from standard input. */
export function checkOneStdin(inputs: readonly { option: string; path: string | undefined }[]): void {
  const stdin = inputs.filter((i) => i.path === STDIO_PATH);
  if (stdin.length > 1) throw new UsageError(`only one input can be read from standard input (-): ${stdin.map((i) => i.option).join(' and ')} both are`);
}

/** Inputs as {@link NamedPath}s for the output checks. */
export const named = (inputs: readonly InputFile[]): NamedPath[] => inputs.map((i) => ({ path: i.path, option: i.option }));

/** An output of a command, checked and ready to be written safely. */
export interface OutputFile extends PreparedOutput {
  readonly option: string;
  /** Writes the lines safely (temporary file, then rename), with the command's signal and stdout. */
  write(lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void>;
}

/**
 * Checks an output before any work (see `prepareOutput`): its directory exists and is writable, it is not a
 * directory, an existing file is writable, it is none of `inputs`; `-` is standard output.
 *
 * @throws {FileError} (exit status 73)
 */
export async function outputFile(context: CliContext, option: string, path: string, inputs: readonly InputFile[]): Promise<OutputFile> {
  const prepared = await prepareOutput({ path, option }, named(inputs));
  return {
    ...prepared,
    option,
    write: (lines) =>
      writeFileAtomically(prepared, lines, { option, stdout: context.stdout, ...(context.signal === undefined ? {} : { signal: context.signal }) }),
  };
}

/** Checks an output directory and the named files in it (see `prepareOutputDirectory`). */
export async function outputDirectory(option: string, path: string, files: readonly string[], inputs: readonly InputFile[]): Promise<void> {
  await prepareOutputDirectory({ path, option }, files, named(inputs));
}

/** Throws `CancelledError` once the command's signal fired (between the steps of a command). */
export function throwIfInterrupted(context: CliContext): void {
  if (context.signal?.aborted === true) throw new CancelledError('interrupted');
}
