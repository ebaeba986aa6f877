/**
 * The categorical colours of the plots (Tableau 10), one per class in the order given.
 *
 * @module
 * @internal
 */

/** Tableau 10: distinguishable on screen and in print. */
const TABLEAU_10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

/** The colour of the `i`-th class (cycling after ten). */
export function categoricalColour(i: number): string {
  return TABLEAU_10[i % TABLEAU_10.length]!;
}
