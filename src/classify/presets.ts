// placeholder, filled in below
export const PAPER_PRESET = { monteCarlo: {} } as { monteCarlo: object; priorCorrection?: number };
export const BALANCED_PRESET = PAPER_PRESET;
export type PipelinePreset = typeof PAPER_PRESET;
export function priorCorrection(..._a: unknown[]): { predicted: string[]; ct: Float64Array } { throw new Error('todo'); }
