/**
 * Web services, pure (on `fetch`: browsers, Web Workers, Node, Deno): a TAP 1.1 client for synchronous ADQL
 * queries, a Simple Cone Search client, and ready-made queries for the Chandra Source Catalog, Gaia DR3 with
 * distances, 2MASS, AllWISE and CatWISE2020 whose results the readers of `muwclass/io` and `muwclass/field`
 * take as they are. Every call has a timeout, retries with exponential backoff on 5xx and network failures, an
 * abort signal, and reports a truncated (MAXREC) result.
 *
 * @module services
 */
export { type ServiceOptions } from './http';
export { tapQuery, type TapQueryOptions, type ServiceResult } from './tap';
export { coneSearch, type Cone, type ConeSearchOptions } from './cone-search';
export {
  CSC_TAP_SERVICE,
  VIZIER_TAP,
  GAIA_ARCHIVE_TAP,
  GAIA_DR3_SERVICE,
  TWOMASS_PSC_SERVICE,
  ALLWISE_SERVICE,
  CATWISE2020_SERVICE,
  catalogAroundAdql,
  queryCatalogAround,
  queryGaiaDr3,
  queryTwoMass,
  queryAllWise,
  queryCatWise2020,
  cscDetectionsAdql,
  queryCscDetections,
  type TapCatalogService,
  type CscService,
  type SkyPosition,
  type CatalogQueryOptions,
} from './queries';
