import type { Timeframe } from '../../core/datasets/dataset';

/** A bar of a download: `time` is the bar's close (epoch ms), as every bar of the platform. */
export interface DownloadedBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A market-data vendor's historical bars, a page at a time (Alpaca: `GET /v2/stocks/bars`). */
export interface HistoricalBarPages {
  readonly source: 'alpaca';
  page(query: {
    symbol: string;
    timeframe: Timeframe;
    /** Bars starting at or after this… */
    start: Date;
    /** …and before this. */
    end: Date;
    adjustment: 'all' | 'split' | 'raw';
    pageToken?: string;
  }): Promise<{ bars: DownloadedBar[]; next: string | null }>;
}
