/**
 * The files of a sharded run, as bytes and text (the Node adapter reads and writes them by path):
 *
 * - the *plan file*: JSON, `{"format":"muwclass-plan","version":1,"hash":…,"body":{"run":…,"meta":…}}`. The body
 *   embeds everything a shard needs — the training set and the sources as columns, the jobs, the units, the
 *   specs — so a shard reads no other file. Typed arrays are stored as base64 of their little-endian bytes and
 *   `NaN`, ±∞ and −0 as tagged strings, so every value comes back bit for bit. `hash` is the SHA-256 of the
 *   body's JSON text: it names the plan.
 * - the *part file*: binary. An 8-byte signature, a little-endian `uint32` header length, a JSON header
 *   (format, version, the plan's hash, the shard, the units with their shapes, the body's length and SHA-256),
 *   zero padding to 8 bytes, then the body: every unit's `Float64` summaries, little-endian.
 *
 * Readers check the format, the version, the length and the checksum, and name the file in every error.
 *
 * @module
 */
import { InvalidArgumentError, ParseError } from '../core/errors';
import type { UnitResult } from './engine';
import { isPortablePlan, type PlannedRun } from './plan';
import { sha256Hex, Sha256 } from './shard-hash';

/** The version of the plan file this muwclass writes and reads. */
export const PLAN_FILE_VERSION = 1;
/** The version of the part file this muwclass writes and reads. */
export const PART_FILE_VERSION = 1;

/** A planned run ready to be sharded: the run, free metadata, and the hash that names both. */
export interface ShardablePlan {
  /** SHA-256 (64 hexadecimal digits) of the plan's body: every part carries it. */
  readonly hash: string;
  /** The run. */
  readonly run: PlannedRun;
  /** What the caller records beside the run (JSON data: e.g. the input files and their hashes). Part of the hash. */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** What one shard computed: the summaries of its units. */
export interface ShardPart {
  /** The hash of the plan it belongs to. */
  readonly planHash: string;
  /** Its shard index, 0 … `shards` − 1. */
  readonly shard: number;
  /** The number of shards the plan was split into. */
  readonly shards: number;
  /** Its units (indices into the plan's units), ascending. */
  readonly units: readonly number[];
  /** The summary of each of its units, in the order of `units`. */
  readonly results: readonly UnitResult[];
}

// ---------------------------------------------------------------------------------------------------------------
// Typed arrays and numbers as JSON

const LITTLE_ENDIAN = /* @__PURE__ */ (() => new Uint8Array(Uint16Array.of(1).buffer)[0] === 1)();

const TYPED = {
  $f64: { make: (n: number) => new Float64Array(n), size: 8 },
  $i32: { make: (n: number) => new Int32Array(n), size: 4 },
  $u8: { make: (n: number) => new Uint8Array(n), size: 1 },
} as const;
type TypedTag = keyof typeof TYPED;
type Typed = Float64Array | Int32Array | Uint8Array;

function tagOf(a: ArrayBufferView): TypedTag {
  if (a instanceof Float64Array) return '$f64';
  if (a instanceof Int32Array) return '$i32';
  if (a instanceof Uint8Array) return '$u8';
  throw new InvalidArgumentError(`plan file: ${a.constructor.name} values cannot be written (Float64Array, Int32Array and Uint8Array can)`);
}

/** The little-endian bytes of a typed array (a view when the platform is little-endian). */
function bytesLE(a: Typed): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const size = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += size) for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
  return out;
}

/** A typed array from little-endian bytes (copied, so it is aligned). */
function fromBytesLE<T extends Typed>(bytes: Uint8Array, make: (n: number) => T): T {
  const out = make(0);
  const size = out.BYTES_PER_ELEMENT;
  const a = make(bytes.length / size);
  const view = new Uint8Array(a.buffer);
  if (LITTLE_ENDIAN || size === 1) view.set(bytes);
  else for (let i = 0; i < bytes.length; i += size) for (let j = 0; j < size; j++) view[i + j] = bytes[i + size - 1 - j]!;
  return a;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = /* @__PURE__ */ (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 16384;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      s += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]! + (i + 1 < end ? B64[((b & 15) << 2) | (c >> 6)]! : '=') + (i + 2 < end ? B64[c & 63]! : '=');
    }
    parts.push(s);
  }
  return parts.join('');
}

function fromBase64(text: string, where: () => string): Uint8Array {
  if (text.length % 4 !== 0) throw new ParseError(`corrupt plan file: base64 text of ${where()} has a length (${text.length}) that is not a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v = [0, 1, 2, 3].map((j) => {
      const ch = text.charCodeAt(i + j);
      if (ch === 61 && i + j >= text.length - pad) return 0;
      const x = ch < 128 ? B64_INDEX[ch]! : -1;
      if (x < 0) throw new ParseError(`corrupt plan file: bad base64 character at ${i + j} in ${where()}`);
      return x;
    });
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Plain data (objects, arrays, strings, booleans, null, numbers, typed arrays) as JSON data. */
function toJson(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { $num: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (ArrayBuffer.isView(value)) {
    const a = value as Typed;
    return { [tagOf(a)]: toBase64(bytesLE(a)) };
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new InvalidArgumentError(`plan file: ${path} is a ${(value as object).constructor?.name ?? 'class instance'}, not plain data`);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, `${path}.${k}`);
    return out;
  }
  throw new InvalidArgumentError(`plan file: ${path} is a ${typeof value}, not plain data (use specs and built-in feature names)`);
}

/** The inverse of {@link toJson}. */
function fromJson(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => fromJson(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0]!;
    const v = (value as Record<string, unknown>)[key];
    if (key === '$num' && typeof v === 'string') {
      const n = v === '-0' ? -0 : Number(v);
      if (v !== '-0' && v !== 'NaN' && v !== 'Infinity' && v !== '-Infinity') throw new ParseError(`corrupt plan file: ${path} is the number "${v}"`);
      return n;
    }
    if (Object.hasOwn(TYPED, key) && typeof v === 'string') {
      const t = TYPED[key as TypedTag];
      const bytes = fromBase64(v, () => path);
      if (bytes.length % t.size !== 0) throw new ParseError(`corrupt plan file: ${path} has ${bytes.length} bytes, not a multiple of ${t.size}`);
      return fromBytesLE(bytes, t.make as (n: number) => Typed);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = fromJson((value as Record<string, unknown>)[k], `${path}.${k}`);
  return out;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The body text of a plan and its hash, computed once per plan object. */
const bodies = /* @__PURE__ */ new WeakMap<ShardablePlan, string>();

function bodyText(run: PlannedRun, meta: Readonly<Record<string, unknown>>): string {
  if (!isPortablePlan(run.plan)) {
    throw new InvalidArgumentError('shardablePlan: the plan holds functions (a classifier or oversampler factory, custom features); a sharded run needs specs and built-in feature names');
  }
  return JSON.stringify(toJson({ run, meta }, 'plan'));
}

/**
 * Makes a planned run shardable: checks it is plain data and computes its hash (SHA-256 of the plan body, so
 * O(plan bytes)).
 *
 * @param run - e.g. `MonteCarloClassifier.planPredict(…)`
 * @param meta - JSON data to record beside the run (input files, options); part of the hash
 * @returns the shardable plan
 * @throws {InvalidArgumentError} for a plan with functions (factories, custom features) or other non-plain data
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 2, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } }).fit(td);
 * const plan = shardablePlan(mc.planPredict(td.slice(0, 3), { ebv: 0.2 }), { note: 'test' });
 * plan.hash.length; // => 64
 * ```
 */
export function shardablePlan(run: PlannedRun, meta: Readonly<Record<string, unknown>> = {}): ShardablePlan {
  const body = bodyText(run, meta);
  const plan: ShardablePlan = { hash: sha256Hex(utf8(body)), run, meta };
  bodies.set(plan, body);
  return plan;
}

/**
 * The plan file's text (JSON; see the module). Shards need nothing else.
 *
 * @param plan - from {@link shardablePlan}
 * @returns the text
 * @throws {InvalidArgumentError} for a plan that is not plain data
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 2, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } }).fit(td);
 * const plan = shardablePlan(mc.planPredict(td.slice(0, 3), { ebv: 0.2 }));
 * const back = decodePlan(encodePlan(plan), 'plan.json');
 * back.hash === plan.hash; // => true
 * back.run.plan.td.Fs.every((x, i) => Object.is(x, plan.run.plan.td.Fs[i])); // => true
 * decodePlan('{"format":"muwclass-plan","version":99}', 'plan.json'); // throws ParseError: version 99
 * ```
 */
export function encodePlan(plan: ShardablePlan): string {
  let body = bodies.get(plan);
  if (body === undefined) {
    body = bodyText(plan.run, plan.meta);
    if (sha256Hex(utf8(body)) !== plan.hash) throw new InvalidArgumentError('encodePlan: the plan was changed after shardablePlan (its hash no longer matches)');
  }
  return `{"format":"muwclass-plan","version":${PLAN_FILE_VERSION},"hash":"${plan.hash}","body":${body}}\n`;
}

function textOf(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
}

/**
 * Reads a plan file's text back, checking its format, version and hash.
 *
 * @param input - the file's text or bytes
 * @param sourceName - the file's name, for errors
 * @returns the plan, bit for bit as written
 * @throws {ParseError} naming the file: not JSON, not a plan file, another version, or a body that does not
 *   match its hash (a corrupt or edited file)
 */
export function decodePlan(input: string | Uint8Array, sourceName: string): ShardablePlan {
  const fail = (message: string): never => {
    throw new ParseError(message, { source: sourceName });
  };
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(textOf(input)) as Record<string, unknown>;
  } catch (error) {
    return fail(`corrupt plan file: not JSON (${(error as Error).message})`);
  }
  if (file === null || typeof file !== 'object' || file.format !== 'muwclass-plan') return fail('not a muwclass plan file (write one with `muwclass classify … --plan plan.json`)');
  if (file.version !== PLAN_FILE_VERSION) return fail(`plan file version ${String(file.version)}; this muwclass reads version ${PLAN_FILE_VERSION} (write the plan again with this muwclass)`);
  const body = file.body as Record<string, unknown> | undefined;
  if (body === undefined || typeof file.hash !== 'string') return fail('corrupt plan file: no hash or body');
  const hash = sha256Hex(utf8(JSON.stringify(body)));
  if (hash !== file.hash) return fail(`corrupt plan file: its body does not match its hash (${file.hash.slice(0, 12)}…, body ${hash.slice(0, 12)}…)`);
  let decoded: { run: PlannedRun; meta: Record<string, unknown> };
  try {
    decoded = fromJson(body, 'plan') as { run: PlannedRun; meta: Record<string, unknown> };
  } catch (error) {
    if (error instanceof ParseError) return fail(error.message);
    throw error;
  }
  const plan: ShardablePlan = { hash, run: decoded.run, meta: decoded.meta ?? {} };
  bodies.set(plan, JSON.stringify(body));
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Part files

const SIGNATURE = /* @__PURE__ */ Uint8Array.of(0x89, 0x4d, 0x55, 0x57, 0x50, 0x0d, 0x0a, 0x1a); // \x89 M U W P \r \n \x1a

/** What the header says of one unit. */
interface UnitHeader {
  readonly unit: number;
  readonly draws: readonly number[];
  /** Values in `mean` (and in `m2`, and in each draw's probabilities). */
  readonly values: number;
  readonly proba: boolean;
  /** Length of each draw's importances (`null`: none), or absent. */
  readonly importances?: readonly (number | null)[];
}

interface PartHeader {
  readonly format: 'muwclass-part';
  readonly version: number;
  readonly plan: string;
  readonly shard: number;
  readonly shards: number;
  readonly units: readonly UnitHeader[];
  readonly bodyBytes: number;
  readonly bodySha256: string;
}

/**
 * A part file's bytes (see the module): the shard's unit summaries, exactly, with the plan's hash.
 *
 * @param part - from `runShard`
 * @returns the bytes
 * @example
 * ```ts
 * const part = { planHash: 'ab'.repeat(32), shard: 1, shards: 4, units: [1], results: [{ draws: [0], mean: Float64Array.of(0.25, NaN), m2: Float64Array.of(0, -0) }] };
 * const back = decodePart(encodePart(part), 'part-1');
 * [back.shard, back.units, back.results[0].mean]; // => [1, [1], Float64Array [0.25, NaN]]
 * decodePart(new Uint8Array(3), 'part-1'); // throws ParseError: not a muwclass part file
 * ```
 */
export function encodePart(part: ShardPart): Uint8Array {
  const arrays: Float64Array[] = [];
  const units: UnitHeader[] = part.units.map((unit, i) => {
    const r = part.results[i]!;
    arrays.push(r.mean, r.m2, ...(r.proba ?? []));
    for (const imp of r.importances ?? []) if (imp !== undefined) arrays.push(imp);
    const h: UnitHeader = { unit, draws: [...r.draws], values: r.mean.length, proba: r.proba !== undefined };
    return r.importances === undefined ? h : { ...h, importances: r.importances.map((x) => (x === undefined ? null : x.length)) };
  });
  const bodyBytes = arrays.reduce((n, a) => n + a.byteLength, 0);
  const body = new Uint8Array(bodyBytes);
  let at = 0;
  for (const a of arrays) {
    body.set(bytesLE(a), at);
    at += a.byteLength;
  }
  const header: PartHeader = {
    format: 'muwclass-part',
    version: PART_FILE_VERSION,
    plan: part.planHash,
    shard: part.shard,
    shards: part.shards,
    units,
    bodyBytes,
    bodySha256: sha256Hex(body),
  };
  const headerBytes = utf8(JSON.stringify(header));
  const start = Math.ceil((12 + headerBytes.length) / 8) * 8;
  const out = new Uint8Array(start + bodyBytes);
  out.set(SIGNATURE, 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(body, start);
  return out;
}

/**
 * Reads a part file's bytes back, checking its signature, version, length and checksum. (That it belongs to
 * the plan is checked by `mergeShards`.)
 *
 * @param bytes - the file's bytes
 * @param sourceName - the file's name, for errors
 * @returns the part
 * @throws {ParseError} naming the file: not a part file, another version, truncated, or corrupt
 */
export function decodePart(bytes: Uint8Array, sourceName: string): ShardPart {
  const fail = (message: string): never => {
    throw new ParseError(message, { source: sourceName });
  };
  if (bytes.length < 12 || SIGNATURE.some((b, i) => bytes[i] !== b)) return fail('not a muwclass part file (write one with `muwclass run-shard`)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) return fail(`truncated part file: the header needs ${headerLength} bytes, the file has ${bytes.length - 12} after the signature`);
  let header: PartHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength))) as PartHeader;
  } catch (error) {
    return fail(`corrupt part file: unreadable header (${(error as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || header.format !== 'muwclass-part') return fail('corrupt part file: its header is not a muwclass part header');
  if (header.version !== PART_FILE_VERSION) return fail(`part file version ${String(header.version)}; this muwclass reads version ${PART_FILE_VERSION} (run the shard again with this muwclass)`);
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  if (bytes.length !== start + header.bodyBytes) {
    return fail(`${bytes.length < start + header.bodyBytes ? 'truncated' : 'corrupt'} part file: ${bytes.length - start} bytes of data, the header says ${header.bodyBytes}`);
  }
  const body = bytes.subarray(start);
  if (new Sha256().update(body).digest() !== header.bodySha256) return fail('corrupt part file: its data does not match its checksum');
  let at = 0;
  const next = (n: number): Float64Array => {
    const a = fromBytesLE(body.subarray(at, at + n * 8), (m) => new Float64Array(m));
    at += n * 8;
    return a;
  };
  const results = header.units.map((u): UnitResult => {
    const r: { -readonly [K in keyof UnitResult]: UnitResult[K] } = { draws: u.draws, mean: next(u.values), m2: next(u.values) };
    if (u.proba) r.proba = u.draws.map(() => next(u.values));
    if (u.importances !== undefined) r.importances = u.importances.map((n) => (n === null ? undefined : next(n)));
    return r;
  });
  if (at !== body.length) return fail(`corrupt part file: ${body.length} bytes of data, its units use ${at}`);
  return { planHash: header.plan, shard: header.shard, shards: header.shards, units: header.units.map((u) => u.unit), results };
}
