import type { Bar } from '../../core/strategies/strategy';
import { type AlpacaRest, errorOf } from './alpaca-rest';
import * as z from 'zod/mini';

const decimal = z.union([z.string(), z.number()]);
const AlpacaBar = z.object({ t: z.string(), o: decimal, h: decimal, l: decimal, c: decimal, v: decimal });
const BarsPage = z.object({
  bars: z.nullable(z.record(z.string(), z.nullable(z.array(AlpacaBar)))),
  next_page_token: z.nullable(z.optional(z.string())),
});

/** One Alpaca bar as a platform bar; `time` is the bar's start (the caller re-times it). */
export type RawBar = Omit<Bar, 'time'> & { start: Date };

/** One page of one symbol's bars, adjusted as asked: what a resumable download reads. */
export async function barsPage(
  rest: AlpacaRest,
  query: {
    symbol: string;
    timeframe: '1Min' | '1Day';
    start: Date;
    end: Date;
    adjustment: 'all' | 'split' | 'raw';
    feed: 'iex' | 'sip';
    pageToken?: string;
  },
): Promise<{ bars: RawBar[]; next: string | null }> {
  const response = await rest.data('/v2/stocks/bars', {
    symbols: query.symbol,
    timeframe: query.timeframe,
    start: query.start.toISOString(),
    end: query.end.toISOString(),
    limit: '10000',
    adjustment: query.adjustment,
    feed: query.feed,
    sort: 'asc',
    ...(query.pageToken ? { page_token: query.pageToken } : {}),
  });
  if (response.status !== 200) throw errorOf(response.status, response.body);
  const parsed = BarsPage.parse(response.body);
  const bars = (parsed.bars?.[query.symbol] ?? []).map((bar) => rawBar(query.symbol, bar));
  return { bars, next: parsed.next_page_token ?? null };
}

/**
 * Historical bars (`GET /v2/stocks/bars`), split-adjusted, every page followed. Symbols without
 * bars are absent from the map.
 */
export async function historicalBars(
  rest: AlpacaRest,
  symbols: readonly string[],
  timeframe: '1Min' | '1Day',
  start: Date,
  end: Date,
  feed: 'iex' | 'sip',
): Promise<Map<string, RawBar[]>> {
  const out = new Map<string, RawBar[]>();
  if (symbols.length === 0) return out;
  let pageToken: string | null | undefined;
  for (let page = 0; page < 200; page++) {
    const response = await rest.data('/v2/stocks/bars', {
      symbols: symbols.join(','),
      timeframe,
      start: start.toISOString(),
      end: end.toISOString(),
      limit: '10000',
      adjustment: 'all',
      feed,
      ...(pageToken ? { page_token: pageToken } : {}),
    });
    if (response.status !== 200) throw errorOf(response.status, response.body);
    const parsed = BarsPage.parse(response.body);
    for (const [symbol, bars] of Object.entries(parsed.bars ?? {})) {
      const list = out.get(symbol) ?? out.set(symbol, []).get(symbol)!;
      for (const bar of bars ?? []) list.push(rawBar(symbol, bar));
    }
    pageToken = parsed.next_page_token;
    if (!pageToken) break;
  }
  return out;
}

/** One of Alpaca's bars (decimals as strings or numbers) as a platform bar with its start. */
function rawBar(symbol: string, bar: z.infer<typeof AlpacaBar>): RawBar {
  return {
    symbol,
    start: new Date(bar.t),
    open: Number(bar.o),
    high: Number(bar.h),
    low: Number(bar.l),
    close: Number(bar.c),
    volume: Number(bar.v),
  };
}
