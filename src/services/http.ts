/**
 * One HTTP request to a web service, the way every client of this layer makes it: on `fetch` (browsers, Web
 * Workers, Node ≥ 18, Deno), with a timeout per attempt, an abort signal, and retries with exponential
 * backoff — deterministic, without jitter — on 5xx answers and network failures. (Internal.)
 *
 * @module
 */
import { CancelledError, InvalidArgumentError, ParseError, ServiceError } from '../core/errors';
import { parseVotable, queryStatus, type VotableDocument } from '../io/votable';

/** Options shared by every service call. */
export interface ServiceOptions {
  /** The `fetch` to use (default `globalThis.fetch`): e.g. one with a proxy or credentials. */
  readonly fetch?: typeof fetch;
  /** Milliseconds one attempt may take, answer read included (default 120 000). */
  readonly timeoutMs?: number;
  /** Retries after a 5xx answer or a network failure (default 3; timeouts and 4xx are not retried). */
  readonly retries?: number;
  /** The first retry's delay in ms; each next one doubles it (default 1000: 1 s, 2 s, 4 s). */
  readonly backoffMs?: number;
  /** Stops the call: it rejects with `CancelledError`. */
  readonly signal?: AbortSignal;
  /** Told before each retry (progress reporting): the attempt that failed (1-based), the delay, why. */
  readonly onRetry?: (retry: { readonly attempt: number; readonly delayMs: number; readonly reason: string }) => void;
}

/** A parsed VOTable answer. */
export interface ServiceAnswer {
  /** The URL queried. */
  readonly url: string;
  /** The parsed document. */
  readonly document: VotableDocument;
}

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError('service call cancelled'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError('service call cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Whether an answer's body looks like a VOTable (by its content type or its first bytes). */
function looksLikeVotable(contentType: string, text: string): boolean {
  return /xml|votable/i.test(contentType) || /^\s*(<\?xml|<VOTABLE)/.test(text);
}

class RetryableError extends Error {}

/**
 * Makes the request and parses the VOTable answer, retrying on 5xx and network failures.
 *
 * @throws {ServiceError} for an HTTP error (with the service's message when its body is a VOTable error
 *   document or text), a `QUERY_STATUS` of `ERROR`, a timeout, a network failure after the last retry, or an
 *   answer that is not a VOTable
 * @throws {CancelledError} when `signal` aborts
 */
export async function requestVotable(url: string, init: RequestInit, service: string, options: ServiceOptions = {}): Promise<ServiceAnswer> {
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new InvalidArgumentError(`${service}: no fetch in this runtime; pass options.fetch`);
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  if (!(Number.isInteger(retries) && retries >= 0)) throw new InvalidArgumentError(`${service}: retries must be a non-negative integer, got ${retries}`);
  if (!(backoff >= 0)) throw new InvalidArgumentError(`${service}: backoffMs must be non-negative, got ${backoff}`);
  if (!(timeoutMs > 0)) throw new InvalidArgumentError(`${service}: timeoutMs must be positive, got ${timeoutMs}`);
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError(`${service}: cancelled`);
    try {
      return await attemptOnce(doFetch, url, init, service, timeoutMs, options.signal);
    } catch (e) {
      if (!(e instanceof RetryableError)) throw e;
      if (attempt > retries) throw new ServiceError(url, e.message.startsWith('HTTP') ? 'http' : 'network', `${service}: ${e.message}, after ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}`, { ...(e.cause === undefined ? {} : { cause: e.cause }), ...statusOf(e) });
      const delayMs = backoff * 2 ** (attempt - 1);
      options.onRetry?.({ attempt, delayMs, reason: e.message });
      await sleep(delayMs, options.signal);
    }
  }
}

/** The answer, unless its query status is `ERROR`. */
function checked(url: string, document: VotableDocument, service: string, httpStatus: number): ServiceAnswer {
  const status = queryStatus(document);
  if (status.status === 'ERROR') {
    throw new ServiceError(url, 'query', `${service}: the query failed: ${status.message === '' ? '(no message)' : status.message}`, { status: httpStatus, serviceMessage: status.message });
  }
  return { url, document };
}

function statusOf(e: Error): { status?: number; serviceMessage?: string } {
  const m = /^HTTP (\d+)(?:: (.*))?$/s.exec(e.message);
  return m === null ? {} : { status: Number(m[1]), serviceMessage: m[2] ?? '' };
}

async function attemptOnce(doFetch: typeof fetch, url: string, init: RequestInit, service: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<ServiceAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  /** Throws for a cancelled or timed-out attempt; returns for a network failure (which is retried). */
  const failed = (e: unknown): void => {
    if (signal?.aborted) throw new CancelledError(`${service}: cancelled`);
    if (timedOut) throw new ServiceError(url, 'timeout', `${service}: no complete answer within ${timeoutMs} ms`, { cause: e });
  };
  try {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: controller.signal });
    } catch (e) {
      failed(e);
      const cause = (e as { cause?: { message?: string } }).cause?.message;
      throw new RetryableError(`network failure: ${(e as Error).message ?? String(e)}${cause === undefined ? '' : ` (${cause})`}`, { cause: e });
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body !== null && /xml|votable/i.test(contentType)) {
      // the usual case: parsed as it arrives, never held whole as text
      let document: VotableDocument;
      try {
        document = await parseVotable(response.body, { sourceName: url });
      } catch (e) {
        failed(e);
        if (e instanceof ParseError) throw new ServiceError(url, 'format', `${service}: the answer is not a valid VOTable: ${e.message}`, { status: response.status, cause: e });
        throw new RetryableError(`network failure while reading the answer: ${(e as Error).message ?? String(e)}`, { cause: e });
      }
      return checked(url, document, service, response.status);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      failed(e);
      throw new RetryableError(`network failure while reading the answer: ${(e as Error).message ?? String(e)}`, { cause: e });
    }
    const isVotable = looksLikeVotable(contentType, text);
    let document: VotableDocument | undefined;
    let parseError: unknown;
    if (isVotable) {
      try {
        document = await parseVotable(text, { sourceName: url });
      } catch (e) {
        parseError = e;
      }
    }
    if (!response.ok) {
      const message = document === undefined ? text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500) : queryStatus(document).message;
      if (response.status >= 500) throw new RetryableError(`HTTP ${response.status}${message === '' ? '' : `: ${message}`}`);
      throw new ServiceError(url, 'http', `${service}: HTTP ${response.status}${message === '' ? '' : `: ${message}`}`, { status: response.status, serviceMessage: message });
    }
    if (document === undefined) {
      throw new ServiceError(url, 'format', `${service}: the answer is not a VOTable${parseError === undefined ? ` (content type ${JSON.stringify(contentType)})` : `: ${(parseError as Error).message}`}`, {
        status: response.status,
        ...(parseError === undefined ? {} : { cause: parseError }),
      });
    }
    return checked(url, document, service, response.status);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
