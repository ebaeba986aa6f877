/**
 * Galactic absorption and reddening of training AGNs (paper Section 3.3): X-ray absorption, Fitzpatrick (1999)
 * extinction, E(B-V) bins.
 *
 * @module reddening
 */
export { tabulatedCrossSection, type CrossSection, morrisonMcCammon1983, type TabulatedCrossSectionOptions } from './cross-section';
export { parseTbabsData, type TbabsDataOptions } from './tbabs';
export { nhFromEbv, NH_PER_AV, CSC_ENERGY_BANDS, type BandFactors, type XrayAbsorberOptions, XrayAbsorber } from './absorption';
export { fitzpatrick99 } from './extinction';
export { reddeningModel, reddenSource, reddenColumns, type BroadBandReddening, type ReddeningOptions, type ReddeningModel } from './redden';
export { binEbv, type EbvBinningOptions, type EbvBins } from './ebv-bins';
