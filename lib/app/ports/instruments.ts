import type { Instrument } from '../../core/market/instrument';

/** Reference data: which symbols exist and how they trade. */
export interface Instruments {
  get(symbol: string): Promise<Instrument | null>;
}
