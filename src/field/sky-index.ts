/**
 * A static spatial index of sky positions: a 3-D kd-tree over unit vectors, stored in flat typed arrays.
 *
 * Why our own: kdbush (the fastest maintained JS point index) is 2-D only, and a 2-D tree on (α, δ) breaks
 * at the RA wrap and the poles; geokdbush adds great-circle search on top of kdbush but measures in Earth
 * kilometres, allocates an object per visited node and is slower (it is the peer in `bench/match.ts`);
 * mnemonist's KDTree has no radius query; static-kdtree and kd-tree-javascript are unmaintained. Unit
 * vectors make the sphere seamless: a cone of radius θ is a ball of chord radius 2 sin(θ/2).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import { DEG_TO_RAD } from './angular-separation';

const LEAF_SIZE = 32;

/** Chord length of an angular radius in degrees: 2 sin(θ/2). */
function chordOf(radiusDeg: number): number {
  return 2 * Math.sin(Math.min(radiusDeg, 180) * DEG_TO_RAD * 0.5);
}

/**
 * A static kd-tree over the unit vectors of N sky positions, built once in O(N log N) (Floyd–Rivest
 * selection around medians, cycling x, y, z), answering cone queries in O(√N + k) worst case and O(log N + k)
 * typically. The positions are copied: the input arrays are never modified.
 *
 * @example
 * ```ts
 * const index = new SkyIndex([10, 10.001, 200], [-5, -5, 30]);
 * index.nearest(10, -5.0001, 1 / 3600);                // => 0 (within 1″)
 * Array.from(index.within(10, -5, 10 / 3600)).sort(); // => [0, 1] (in no particular order)
 * ```
 */
export class SkyIndex {
  /** Number of indexed positions. */
  readonly size: number;
  /** Original row of each tree slot. */
  private readonly ids: Int32Array;
  /** Unit vectors in tree order, x, y, z interleaved. */
  private readonly xyz: Float64Array;
  private readonly stack = new Int32Array(3 * 2 * 64);

  /**
   * @param ra - right ascensions, deg
   * @param dec - declinations, deg (same length)
   * @throws {InvalidArgumentError} when the lengths differ
   * @throws {InvalidValueError} for a non-finite coordinate or |dec| > 90, naming the row
   */
  constructor(ra: ArrayLike<number>, dec: ArrayLike<number>) {
    if (ra.length !== dec.length) throw new InvalidArgumentError(`SkyIndex: ra has ${ra.length} values but dec has ${dec.length}`);
    const n = ra.length;
    this.size = n;
    this.ids = new Int32Array(n);
    this.xyz = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const a = ra[i]!;
      const d = dec[i]!;
      if (!Number.isFinite(a) || !Number.isFinite(d) || Math.abs(d) > 90) {
        throw new InvalidValueError(`SkyIndex: invalid position (${a}, ${d})`, { source: 'SkyIndex', row: i, column: Number.isFinite(a) ? 'dec' : 'ra' });
      }
      const ar = a * DEG_TO_RAD;
      const dr = d * DEG_TO_RAD;
      const c = Math.cos(dr);
      this.xyz[3 * i] = c * Math.cos(ar);
      this.xyz[3 * i + 1] = c * Math.sin(ar);
      this.xyz[3 * i + 2] = Math.sin(dr);
      this.ids[i] = i;
    }
    if (n > 0) this.build(0, n - 1, 0);
  }

  private build(left: number, right: number, depth: number): void {
    if (right - left <= LEAF_SIZE) return;
    const m = (left + right) >> 1;
    this.select(m, left, right, depth % 3);
    this.build(left, m - 1, depth + 1);
    this.build(m + 1, right, depth + 1);
  }

  /** Floyd–Rivest selection: puts the k-th smallest (on `axis`) at k, smaller before, larger after. */
  private select(k: number, left: number, right: number, axis: number): void {
    const xyz = this.xyz;
    while (right > left) {
      if (right - left > 600) {
        const n = right - left + 1;
        const m = k - left + 1;
        const z = Math.log(n);
        const s = 0.5 * Math.exp((2 * z) / 3);
        const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
        this.select(k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)), axis);
      }
      const t = xyz[3 * k + axis]!;
      let i = left;
      let j = right;
      this.swap(left, k);
      if (xyz[3 * right + axis]! > t) this.swap(left, right);
      while (i < j) {
        this.swap(i, j);
        i++;
        j--;
        while (xyz[3 * i + axis]! < t) i++;
        while (xyz[3 * j + axis]! > t) j--;
      }
      if (xyz[3 * left + axis] === t) this.swap(left, j);
      else {
        j++;
        this.swap(j, right);
      }
      if (j <= k) left = j + 1;
      if (k <= j) right = j - 1;
    }
  }

  private swap(i: number, j: number): void {
    const ids = this.ids;
    const xyz = this.xyz;
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
    for (let k = 0; k < 3; k++) {
      const u = xyz[3 * i + k]!;
      xyz[3 * i + k] = xyz[3 * j + k]!;
      xyz[3 * j + k] = u;
    }
  }

  /** Hit buffers of the last search (grown as needed; queries never nest). */
  private hitSlots = new Int32Array(64);
  private hitD2 = new Float64Array(64);

  /**
   * Collects every slot whose unit vector lies within chord `r` of (x, y, z) into the hit buffers
   * (slot, squared chord) and returns their number. One monomorphic loop, no allocation per query.
   */
  private collect(x: number, y: number, z: number, r: number): number {
    const n = this.size;
    if (n === 0) return 0;
    const xyz = this.xyz;
    const stack = this.stack;
    const r2 = r * r;
    let hits = 0;
    let sp = 0;
    stack[sp++] = 0;
    stack[sp++] = n - 1;
    stack[sp++] = 0;
    while (sp > 0) {
      const depth = stack[--sp]!;
      const right = stack[--sp]!;
      const left = stack[--sp]!;
      const leaf = right - left <= LEAF_SIZE;
      const m = (left + right) >> 1;
      const from = leaf ? left : m;
      const to = leaf ? right : m;
      for (let i = from; i <= to; i++) {
        const dx = xyz[3 * i]! - x;
        const dy = xyz[3 * i + 1]! - y;
        const dz = xyz[3 * i + 2]! - z;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 <= r2) {
          if (hits === this.hitSlots.length) this.grow();
          this.hitSlots[hits] = i;
          this.hitD2[hits] = d2;
          hits++;
        }
      }
      if (leaf) continue;
      const axis = depth % 3;
      const q = axis === 0 ? x : axis === 1 ? y : z;
      const v = xyz[3 * m + axis]!;
      if (q - r <= v) {
        stack[sp++] = left;
        stack[sp++] = m - 1;
        stack[sp++] = depth + 1;
      }
      if (q + r >= v) {
        stack[sp++] = m + 1;
        stack[sp++] = right;
        stack[sp++] = depth + 1;
      }
    }
    return hits;
  }

  private grow(): void {
    const slots = new Int32Array(this.hitSlots.length * 2);
    slots.set(this.hitSlots);
    const d2 = new Float64Array(this.hitD2.length * 2);
    d2.set(this.hitD2);
    this.hitSlots = slots;
    this.hitD2 = d2;
  }

  private static query(fn: string, ra: number, dec: number, radius: number): [number, number, number, number] {
    if (!Number.isFinite(ra) || !Number.isFinite(dec) || Math.abs(dec) > 90) {
      throw new InvalidArgumentError(`SkyIndex.${fn} requires a finite position with |dec| <= 90, got (${ra}, ${dec})`);
    }
    if (!(radius >= 0)) throw new InvalidArgumentError(`SkyIndex.${fn} requires a non-negative radius, got ${radius}`);
    const a = ra * DEG_TO_RAD;
    const d = dec * DEG_TO_RAD;
    const c = Math.cos(d);
    return [c * Math.cos(a), c * Math.sin(a), Math.sin(d), chordOf(radius)];
  }

  /**
   * Rows within `radius` degrees of (ra, dec), boundary included. Order unspecified.
   *
   * @param ra - right ascension of the centre, deg
   * @param dec - declination of the centre, deg
   * @param radius - cone radius, deg
   * @returns the rows (indices into the arrays given to the constructor)
   * @throws {InvalidArgumentError} for an invalid centre or a negative radius
   */
  within(ra: number, dec: number, radius: number): Int32Array {
    const [x, y, z, r] = SkyIndex.query('within', ra, dec, radius);
    const hits = this.collect(x, y, z, r);
    const out = new Int32Array(hits);
    for (let k = 0; k < hits; k++) out[k] = this.ids[this.hitSlots[k]!]!;
    return out;
  }

  /**
   * Number of rows within `radius` degrees of (ra, dec), boundary included.
   *
   * @throws {InvalidArgumentError} for an invalid centre or a negative radius
   */
  countWithin(ra: number, dec: number, radius: number): number {
    const [x, y, z, r] = SkyIndex.query('countWithin', ra, dec, radius);
    return this.collect(x, y, z, r);
  }

  /**
   * The row nearest to (ra, dec) within `radius` degrees, or −1 when none; ties go to the lower row.
   *
   * @throws {InvalidArgumentError} for an invalid centre or a negative radius
   */
  nearest(ra: number, dec: number, radius: number): number {
    return this.nearestAndCount(ra, dec, radius).nearest;
  }

  /**
   * In one search: the row nearest to (ra, dec) within `radius` degrees (−1 when none; ties go to the lower
   * row) and the number of rows within it.
   *
   * @throws {InvalidArgumentError} for an invalid centre or a negative radius
   * @example
   * ```ts
   * new SkyIndex([10, 10.001], [-5, -5]).nearestAndCount(10, -5, 10 / 3600); // => { nearest: 0, count: 2 }
   * ```
   */
  nearestAndCount(
    ra: number,
    dec: number,
    radius: number,
  ): {
    /** 0-based row nearest to (ra, dec) within the radius; −1 when none. */
    nearest: number;
    /** Number of rows within the radius (0 when none). */
    count: number;
  } {
    const [x, y, z, r] = SkyIndex.query('nearestAndCount', ra, dec, radius);
    const hits = this.collect(x, y, z, r);
    let best = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    for (let k = 0; k < hits; k++) {
      const d2 = this.hitD2[k]!;
      const id = this.ids[this.hitSlots[k]!]!;
      if (d2 < bestD2 || (d2 === bestD2 && id < best)) {
        bestD2 = d2;
        best = id;
      }
    }
    return { nearest: best, count: hits };
  }
}
