/**
 * Galactic absorption and reddening of training AGNs (paper Section 3.3): X-ray absorption, Fitzpatrick (1999)
 * extinction, E(B-V) bins, and E(B-V) from a dust map (SFD 1998 polar images, HEALPix maps such as Planck's).
 *
 * @module reddening
 */
export { tabulatedCrossSection, type CrossSection, morrisonMcCammon1983, type TabulatedCrossSectionOptions } from './cross-section';
export { parseTbabsData, type TbabsDataOptions } from './tbabs';
export { nhFromEbv, NH_PER_AV, CSC_ENERGY_BANDS, type BandFactors, type XrayAbsorberOptions, XrayAbsorber } from './absorption';
export { fitzpatrick99 } from './extinction';
export { reddeningModel, reddenSource, reddenColumns, type BroadBandReddening, type ReddeningOptions, type ReddeningModel } from './redden';
export { binEbv, type EbvBinningOptions, type EbvBins } from './ebv-bins';
export {
  sfdDustMap,
  healpixDustMap,
  ebvAt,
  ebv,
  SFD_RECALIBRATION,
  HEALPIX_UNSEEN,
  type DustMap,
  type SfdDustMap,
  type SfdImage,
  type HealpixDustMap,
  type DustMapImage,
  type SfdDustMapOptions,
  type HealpixDustMapOptions,
  type EbvLookupOptions,
} from './dust-map';
export { healpixPixel, HEALPIX_MAX_NSIDE, type HealpixOrdering } from './healpix';
export { lambertProjection, lambertPixel, bilinear, type LambertProjection } from './sfd';
