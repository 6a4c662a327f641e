import type { DownloadedBar, HistoricalBarPages } from '../../app/ports/historical-bar-pages';
import { dailyBarTime } from '../../core/datasets/dataset';
import { newYorkDate } from '../../core/market/nyse-calendar';
import { barsPage } from './alpaca-bars';
import type { AlpacaRest } from './alpaca-rest';

/**
 * Alpaca's historical bars for downloads. Alpaca stamps a bar at its start (a daily bar at New
 * York midnight); the platform at its close: a minute bar one minute later, a daily bar at its
 * session's close.
 */
export class AlpacaBarPages implements HistoricalBarPages {
  readonly source = 'alpaca' as const;

  constructor(
    private readonly rest: AlpacaRest,
    private readonly feed: 'iex' | 'sip' = 'iex',
  ) {}

  async page(query: Parameters<HistoricalBarPages['page']>[0]) {
    const { bars, next } = await barsPage(this.rest, { ...query, feed: this.feed });
    const timed: DownloadedBar[] = [];
    for (const bar of bars) {
      const time =
        query.timeframe === '1Day' ? dailyBarTime(newYorkDate(bar.start)) : bar.start.getTime() + 60_000;
      if (time !== null)
        timed.push({
          time,
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
          volume: bar.volume,
        });
    }
    return { bars: timed, next };
  }
}
