/**
 * Field preparation (paper Section 2.3, Appendix C, Section 5): sky geometry, positional uncertainties,
 * counterpart matching, chance coincidences, source selection.
 *
 * @module field
 */
export { angularSeparation, unitVector, directionOf, DEG_TO_RAD, ARCSEC_PER_DEGREE } from './angular-separation';
export { equatorialToGalactic, galacticToEquatorial, GALACTIC_POLE, ICRS_TO_GALACTIC } from './galactic';
export { SkyIndex } from './sky-index';
export { errorRadiusFactor, confidenceProbability, convertErrorRadius, cscSigma, withCscSystematic, ellipseSemiMajorSigma, combinedErrorRadius, type ConfidenceLevel, RADIUS_95_IN_SIGMA, CSC_SYSTEMATIC_95, PAPER_MATCH_LEVEL } from './positional-uncertainty';
export { createCatalog, julianYearFromMjd, propagateCatalog, catalogIndex, type CatalogBand, type CatalogAstrometry, type Catalog, type CatalogInput } from './catalog';
export { withColumns, parseCatalog, type AngleUnit, type PositionalErrorColumns, type BandColumns, type AstrometryColumns, type CatalogColumns, GAIA_EDR3_ZERO_POINT_ERRORS, GAIA_EDR3_COLUMNS, TWOMASS_PSC_COLUMNS, ALLWISE_COLUMNS, CATWISE2020_COLUMNS, UNWISE_COLUMNS, type CatalogColumnsOverrides } from './catalog-reader';
export { matchCounterparts, type XrayPosition, type MatchOptions, type CounterpartMatches } from './match-counterparts';
export { combineWise, WISE_PRIORITY, type WiseCatalogKey, type WiseBands } from './wise-priority';
export { matchField, fieldMatchRecords, type FieldCatalogs, type FieldCatalogKey, FIELD_CATALOG_KEYS, CATALOG_BANDS, type FieldMatch } from './match-field';
export { chanceCoincidence, type ChanceCoincidenceOptions, type ChanceCoincidence } from './chance-coincidence';
export { applySelection, significanceAbove, positionalUncertaintyBelow, withoutFlags, galacticLatitudeAbove, outsideRegions, goodSourceCriteria, type SelectionRow, type SelectionCriterion, type SelectionStep, type SelectionResult, type PositionColumns, type SkyCircle, type GoodSourceOptions } from './selection';
