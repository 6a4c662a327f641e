import { api, ApiError } from '../api';
import { fill, h, row, table } from '../dom';
import { showError } from '../forms';
import { money, pct, time, tone } from '../format';
import { LIVE_MS, poll } from '../live';
import type { Conditions, Quotes } from '../types';
import type { Page } from './page';

/** The pre-market report: per-symbol gap, volatility (realized and implied), trend and volume, and the day's recommendations. */
export const marketPage: Page = (root) => {
  const body = h('div');
  const quotes = h('div');
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Market conditions')),
    h(
      'section',
      { 'aria-labelledby': 'quotes-title' },
      h('h2', { id: 'quotes-title' }, 'Watchlist quotes'),
      quotes,
    ),
    h(
      'section',
      { 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title' }, 'Pre-market report'),
      body,
    ),
  );
  const stopQuotes = poll(async () => {
    try {
      drawQuotes(quotes, await api.get<Quotes>('/api/market/quotes'));
    } catch (error) {
      fill(quotes, h('p', { class: 'form-status' }));
      showError(quotes, error);
    }
  }, LIVE_MS);
  const refresh = async () => {
    try {
      drawReport(body, await api.get<Conditions>('/api/market/conditions'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        fill(
          body,
          h(
            'p',
            { class: 'empty' },
            'No report for today yet: the pre-market job writes it on trading days (09:00 New York by default).',
          ),
        );
      } else {
        fill(body, h('p', { class: 'form-status' }));
        showError(body, error);
      }
    }
  };
  const stopReport = poll(refresh, 30_000);
  return () => {
    stopQuotes();
    stopReport();
  };
};

function drawQuotes(target: HTMLElement, result: Quotes): void {
  fill(
    target,
    table(
      ['Symbol', 'Bid', 'Ask', 'Last', 'Spread', 'As of'],
      result.quotes.map((quote) =>
        row(
          [
            h('th', { scope: 'row' }, quote.symbol),
            money(quote.bid),
            money(quote.ask),
            money(quote.last),
            `${quote.spread_bps.toFixed(1)} bps`,
            time(quote.at),
          ],
          { 'data-quote': quote.symbol },
        ),
      ),
      'No quotes.',
    ),
    result.unpriced_symbols.length
      ? h('p', { class: 'muted' }, `No quote for ${result.unpriced_symbols.join(', ')}`)
      : null,
  );
}

function drawReport(target: HTMLElement, report: Conditions): void {
  fill(
    target,
    h('p', { class: 'muted' }, `Report for ${report.date}, generated ${time(report.generated_at)}`),
    table(
      ['Symbol', 'Price', 'Previous close', 'Gap', 'Realized vol', 'Implied vol', 'Trend', 'Relative volume'],
      report.symbols.map((item) =>
        row([
          h('th', { scope: 'row' }, item.symbol),
          money(item.price),
          money(item.previous_close),
          h('span', { class: tone(item.gap) }, pct(item.gap)),
          pct(item.realized_volatility),
          pct(item.implied_volatility),
          h('span', { class: `trend ${item.trend}` }, item.trend),
          `${item.relative_volume.toFixed(2)}×`,
        ]),
      ),
      'No symbols in the report.',
    ),
    h('h2', {}, 'Recommended for today'),
    report.recommendations.length
      ? h(
          'ul',
          {},
          ...report.recommendations.map((item) =>
            h('li', {}, h('strong', {}, item.template_id), ` (${item.type}) — ${item.reason}`),
          ),
        )
      : h('p', { class: 'empty' }, 'No recommendation.'),
  );
}
