/**
 * A TAP client (IVOA Table Access Protocol 1.1, Dowler et al. 2019, https://www.ivoa.net/documents/TAP/):
 * synchronous ADQL queries (`POST {service}/sync` with `REQUEST=doQuery`, `LANG=ADQL`, `FORMAT=votable`,
 * `MAXREC`), optionally with uploaded tables (TAP 1.1 §4.5.2, `UPLOAD=name,param:name` as multipart), answered
 * by a parsed VOTable. An error document becomes a `ServiceError` carrying the service's message; a result
 * truncated at MAXREC (DALI `QUERY_STATUS` = `OVERFLOW`) is reported (`overflow: true` and a warning), or
 * refused (`overflow: 'error'`). Runs wherever `fetch` does (browsers included; the service must allow
 * cross-origin requests).
 *
 * @module
 */
import { InvalidArgumentError, ServiceError } from '../core/errors';
import { queryStatus, votableTables, type VotableDocument, type VotableTable } from '../io/votable';
import { formatVotable, votableDocument } from '../io/votable-writer';
import { requestVotable, type ServiceOptions } from './http';

/** What a service query returns: the document, its first table, and whether it was truncated. */
export interface ServiceResult {
  /** The URL queried. */
  readonly url: string;
  /** The whole parsed answer. */
  readonly document: VotableDocument;
  /** The result table (the first table of the answer; an empty one when the answer has none). */
  readonly table: VotableTable;
  /** Whether the service truncated the result (`QUERY_STATUS` = `OVERFLOW`, e.g. at MAXREC). */
  readonly overflow: boolean;
  /** Messages worth showing the user (a truncated result). */
  readonly warnings: readonly string[];
}

/** Options of {@link tapQuery}. */
export interface TapQueryOptions extends ServiceOptions {
  /** The MAXREC parameter: the most rows the service may return (default: the service's own limit). */
  readonly maxrec?: number;
  /** What a truncated result does: `'warn'` (default: `overflow: true` and a warning) or `'error'` (throws). */
  readonly overflow?: 'warn' | 'error';
  /** Tables to upload, by name; the query refers to them as `TAP_UPLOAD.<name>`. */
  readonly uploads?: Readonly<Record<string, VotableTable>>;
  /** The service's name in messages (default its URL's host). */
  readonly serviceName?: string;
}

/** The first table of an answer, or an empty one. */
function resultTable(document: VotableDocument): VotableTable {
  return votableTables(document).find((t) => t.fields.length > 0) ?? { fields: [], params: [], infos: [], rows: [] };
}

/**
 * The {@link ServiceResult} of a parsed answer: flags (or refuses) an overflow.
 *
 * @throws {ServiceError} with reason `'overflow'` for a truncated result when `overflow` is `'error'`
 */
export function serviceResult(url: string, document: VotableDocument, service: string, overflow: 'warn' | 'error' = 'warn', maxrec?: number): ServiceResult {
  const table = resultTable(document);
  const truncated = queryStatus(document).status === 'OVERFLOW';
  const warnings: string[] = [];
  if (truncated) {
    const message = `${service}: the result was truncated at ${table.rows.length} rows${maxrec === undefined ? ' (the service limit)' : ` (MAXREC=${maxrec})`}: narrow the query or raise maxrec`;
    if (overflow === 'error') throw new ServiceError(url, 'overflow', message);
    warnings.push(message);
  }
  return { url, document, table, overflow: truncated, warnings };
}

/** The host of a URL, for messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * Runs a synchronous ADQL query on a TAP service and parses the VOTable answer.
 *
 * @param serviceUrl - the TAP service's base URL (the `/sync` endpoint is appended), e.g. {@link VIZIER_TAP}
 * @param adql - the ADQL query
 * @param options - MAXREC, overflow policy, uploads, timeout, retries, abort signal, `fetch`
 * @returns the answer: document, first table, overflow flag and warnings
 * @throws {ServiceError} for an HTTP error or an error document (with the service's message), a truncated
 *   result under `overflow: 'error'`, a timeout, a network failure after the retries, an answer that is not a
 *   VOTable
 * @throws {CancelledError} when `signal` aborts
 * @throws {InvalidArgumentError} for an empty query, a MAXREC that is not a non-negative integer, or an upload
 *   name that is not a plain identifier
 * @example
 * ```ts
 * await tapQuery('http://127.0.0.1:9/tap', ''); // throws InvalidArgumentError: tapQuery: the ADQL query is empty
 * ```
 */
export async function tapQuery(serviceUrl: string, adql: string, options: TapQueryOptions = {}): Promise<ServiceResult> {
  if (typeof adql !== 'string' || adql.trim() === '') throw new InvalidArgumentError('tapQuery: the ADQL query is empty');
  if (options.maxrec !== undefined && !(Number.isInteger(options.maxrec) && options.maxrec >= 0)) {
    throw new InvalidArgumentError(`tapQuery: maxrec must be a non-negative integer, got ${options.maxrec}`);
  }
  const url = `${serviceUrl.replace(/\/+$/, '')}/sync`;
  const service = options.serviceName ?? `TAP service ${hostOf(serviceUrl)}`;
  const params: [string, string][] = [
    ['REQUEST', 'doQuery'],
    ['LANG', 'ADQL'],
    ['FORMAT', 'votable'],
    ['QUERY', adql],
  ];
  if (options.maxrec !== undefined) params.push(['MAXREC', String(options.maxrec)]);
  const uploads = Object.entries(options.uploads ?? {});
  let body: URLSearchParams | FormData;
  if (uploads.length === 0) body = new URLSearchParams(params);
  else {
    const form = new FormData();
    for (const [k, v] of params) form.append(k, v);
    form.append('UPLOAD', uploads.map(([name]) => `${checkName(name)},param:${name}`).join(';'));
    for (const [name, table] of uploads) {
      form.append(name, new Blob([await formatVotable(votableDocument([table]), { serialization: 'BINARY2' })], { type: 'application/x-votable+xml' }), `${name}.vot`);
    }
    body = form;
  }
  const answer = await requestVotable(url, { method: 'POST', body, headers: { accept: 'application/x-votable+xml, text/xml;q=0.9, */*;q=0.1' } }, service, options);
  return serviceResult(url, answer.document, service, options.overflow, options.maxrec);
}

function checkName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new InvalidArgumentError(`tapQuery: upload name ${JSON.stringify(name)} must be a plain identifier (letters, digits, _)`);
  return name;
}
