/**
 * Field preparation (paper Section 2.3, Appendix C, Section 5): sky geometry, counterpart matching, chance
 * coincidences, source selection.
 *
 * @module field
 */
export {};
