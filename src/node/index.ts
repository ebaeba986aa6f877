/**
 * muwclass for Node: the whole pure API of `muwclass`, plus reading and writing files by path and Monte Carlo
 * runs on worker threads. `MonteCarloClassifier` and `evaluatePipeline` here default to worker threads, one per
 * core; `defaultWorkerCount` is the machine's available parallelism.
 *
 * @module node
 */
export * from '../index';
export { fileChunks } from './files';
export { readCsv, readCsvHeader, readTable, writeCsv, readSourceTable, readSourceColumns, readCscDetections, readCatalog, readMrt, writeMrt, readTbabsData } from './io';
export { readFits, readFitsTable, writeFits, readDustMap, SFD_FILE_NAMES, type ReadDustMapOptions } from './fits';
export { readVotable, streamVotableFile, writeVotable } from './votable';
export { workerThreadsExecutor, defaultWorkerCount, type WorkerThreadsExecutorOptions } from './executor';
export { MonteCarloClassifier, evaluatePipeline } from './monte-carlo';
export { writePlanFile, readPlanFile, writePartFile, readPartFile, type ShardFileWriteOptions } from './shard';
