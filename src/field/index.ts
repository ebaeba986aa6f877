/**
 * Field preparation (paper Section 2.3, Appendix C, Section 5): sky geometry, positional uncertainties,
 * counterpart matching, chance coincidences, source selection.
 *
 * @module field
 */
export * from './angular-separation';
export * from './galactic';
export * from './sky-index';
export * from './positional-uncertainty';
export * from './catalog';
export * from './catalog-reader';
export * from './match-counterparts';
export * from './wise-priority';
export * from './match-field';
export * from './chance-coincidence';
export * from './selection';
