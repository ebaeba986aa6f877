/**
 * A Simple Cone Search client (IVOA SCS 1.03, Williams et al. 2008, https://www.ivoa.net/documents/ConeSearch/):
 * `GET {service}?RA=…&DEC=…&SR=…` (degrees, ICRS) answered by a VOTable; an error (`INFO name="Error"` or
 * `QUERY_STATUS` = `ERROR`) becomes a `ServiceError`, a truncated answer is reported as by `tapQuery`.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { requestVotable, type ServiceOptions } from './http';
import { hostOf, serviceResult, type ServiceResult } from './tap';

/** A cone on the sky: centre (ICRS, degrees) and radius (degrees). */
export interface Cone {
  /** Right ascension of the centre, deg, in [0, 360). */
  readonly ra: number;
  /** Declination of the centre, deg, in [−90, 90]. */
  readonly dec: number;
  /** Radius, deg, in (0, 180]. */
  readonly radius: number;
}

/** Options of {@link coneSearch}. */
export interface ConeSearchOptions extends ServiceOptions {
  /** The VERB parameter: 1 fewest columns, 2 default, 3 all (default: the service's). */
  readonly verbosity?: 1 | 2 | 3;
  /** What a truncated result does: `'warn'` (default) or `'error'`. */
  readonly overflow?: 'warn' | 'error';
  /** The service's name in messages (default its URL's host). */
  readonly serviceName?: string;
}

/**
 * Checks a cone: finite centre in range and a radius in (0, 180] deg.
 *
 * @throws {InvalidArgumentError} naming the caller and the bad value
 */
export function checkCone(cone: Cone, caller: string): void {
  if (!(cone.ra >= 0 && cone.ra < 360)) throw new InvalidArgumentError(`${caller}: right ascension ${cone.ra} deg is outside [0, 360)`);
  if (!(cone.dec >= -90 && cone.dec <= 90)) throw new InvalidArgumentError(`${caller}: declination ${cone.dec} deg is outside [-90, 90]`);
  if (!(cone.radius > 0 && cone.radius <= 180)) throw new InvalidArgumentError(`${caller}: radius ${cone.radius} deg is outside (0, 180]`);
}

/**
 * Runs a Simple Cone Search and parses the VOTable answer.
 *
 * @param serviceUrl - the service's base URL (it may already hold query parameters, e.g. `…?CAT=2mass`)
 * @param cone - centre and radius, degrees
 * @param options - verbosity, overflow policy, timeout, retries, abort signal, `fetch`
 * @returns the answer: document, first table, overflow flag and warnings
 * @throws {ServiceError} as `tapQuery`
 * @throws {CancelledError} when `signal` aborts
 * @throws {InvalidArgumentError} for a centre or radius out of range
 * @example
 * ```ts
 * await coneSearch('http://127.0.0.1:9/scs', { ra: 400, dec: 0, radius: 0.1 }); // throws InvalidArgumentError: coneSearch: right ascension 400 deg is outside [0, 360)
 * ```
 */
export async function coneSearch(serviceUrl: string, cone: Cone, options: ConeSearchOptions = {}): Promise<ServiceResult> {
  checkCone(cone, 'coneSearch');
  const url = new URL(serviceUrl);
  url.searchParams.set('RA', String(cone.ra));
  url.searchParams.set('DEC', String(cone.dec));
  url.searchParams.set('SR', String(cone.radius));
  if (options.verbosity !== undefined) url.searchParams.set('VERB', String(options.verbosity));
  const service = options.serviceName ?? `cone search ${hostOf(serviceUrl)}`;
  const answer = await requestVotable(url.href, { method: 'GET', headers: { accept: 'application/x-votable+xml, text/xml;q=0.9, */*;q=0.1' } }, service, options);
  return serviceResult(url.href, answer.document, service, options.overflow);
}
