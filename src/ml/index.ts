/**
 * Machine-learning core (paper Sections 3.5–3.7): random forest, SMOTE, and the shared classifier interface.
 *
 * @module ml
 */
export * from './classifier';
