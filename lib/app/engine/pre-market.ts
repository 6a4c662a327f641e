import { DateTime } from 'luxon';
import {
  assessSymbol,
  atmImpliedVolatility,
  type MarketConditionsReport,
  marketConditionsReport,
} from '../../core/engine/market-conditions';
import { DomainError } from '../../core/errors';
import { NEW_YORK, newYorkDate, tradingSession } from '../../core/market/nyse-calendar';
import { midPrice } from '../../core/market/quote';
import { toPriceTick } from '../../core/money';
import { updateStrategyConfig } from '../strategies/strategy-configs';
import type { EngineDependencies } from './engine-dependencies';
import type { SessionPlan } from '../ports/engine-store';
import { startSession } from './sessions';

export interface PreMarketOptions {
  /** New York time of day it runs from, HH:MM (default 09:00). */
  time: string;
  watchlist: readonly string[];
}

export interface PreMarketRun {
  ran: boolean;
  reason: string;
  report?: MarketConditionsReport;
  plans: { accountId: string; status: SessionPlan['status']; outcome: string }[];
}

/** A run this long after the pre-market time did not come from its own schedule (which asks every 5 minutes). */
const LATE_AFTER_MS = 10 * 60_000;

/** Daily bars the assessment reads (the 50-session trend needs 50). */
const HISTORY_SESSIONS = 60;

/**
 * The pre-market job, once per trading day from its time of day on (a schedule fires it at that
 * time in AWS; locally a timer asks often and it runs once): assesses the watchlist, applies
 * the day's plans — parameter changes become new configuration versions, and a session is
 * created to start at the open — then stores the market-conditions report, which also marks the
 * day as done (so a re-run after a crash applies only what is still pending).
 */
export async function runPreMarket(
  deps: EngineDependencies,
  options: PreMarketOptions,
): Promise<PreMarketRun> {
  const now = deps.clock.now();
  const date = newYorkDate(now);
  const session = tradingSession(date);
  if (!session) return { ran: false, reason: `${date} is not a trading day`, plans: [] };
  const [hour, minute] = options.time.split(':').map(Number) as [number, number];
  const from = DateTime.fromISO(date, { zone: NEW_YORK }).set({ hour, minute }).toJSDate();
  if (now < from) return { ran: false, reason: `before ${options.time} New York`, plans: [] };
  if (now >= session.close) return { ran: false, reason: 'the session is over', plans: [] };
  if (await deps.engine.conditions(date)) return { ran: false, reason: `already ran for ${date}`, plans: [] };

  const plans = [];
  for (const plan of await deps.engine.plansFor(date)) {
    if (plan.status !== 'pending') continue;
    plans.push(await applyPlan(deps, plan, session.open));
  }
  const report = await assess(deps, options.watchlist, date, now);
  await deps.engine.putConditions(report);
  // Late (a host that was down or started after the pre-market time): the run says so.
  const late =
    now.getTime() - from.getTime() > LATE_AFTER_MS
      ? ` late, at ${DateTime.fromJSDate(now, { zone: NEW_YORK }).toFormat('HH:mm')} New York: the ${options.time} run was missed`
      : '';
  return { ran: true, reason: `assessed ${report.symbols.length} symbols${late}`, report, plans };
}

/** Conditions of the watchlist now, with recommendations. */
async function assess(
  deps: EngineDependencies,
  watchlist: readonly string[],
  date: string,
  now: Date,
): Promise<MarketConditionsReport> {
  const [bars, quotes] = await Promise.all([
    deps.history.dailyBars(watchlist, HISTORY_SESSIONS, now),
    deps.marketData.getQuotes(watchlist),
  ]);
  const symbols = [];
  for (const symbol of watchlist) {
    const history = bars.get(symbol);
    const quote = quotes.get(symbol);
    if (!history || history.length < 2 || !quote) continue;
    const chain = await deps.chains.chain(symbol);
    // The mid to the sub-penny tick: a price the API can state exactly (181.455, not 181.45499999999998).
    symbols.push(
      assessSymbol(symbol, history, toPriceTick(midPrice(quote)), chain ? atmImpliedVolatility(chain) : null),
    );
  }
  return marketConditionsReport(date, now, symbols);
}

async function applyPlan(
  deps: EngineDependencies,
  plan: SessionPlan,
  open: Date,
): Promise<PreMarketRun['plans'][number]> {
  let next: SessionPlan;
  try {
    for (const entry of plan.strategies) {
      if (!entry.parameters || Object.keys(entry.parameters).length === 0) continue;
      await updateStrategyConfig(deps, plan.accountId, 'pre-market', entry.configId, {
        parameters: entry.parameters,
        note: `plan for ${plan.date}`,
      });
    }
    const session = await startSession(deps, plan.accountId, 'pre-market', {
      strategies: plan.strategies.map((entry) => ({
        configId: entry.configId,
        allocation: entry.allocation,
      })),
      closeOnStop: plan.closeOnStop,
      startAt: open.toISOString(),
    });
    next = {
      ...plan,
      status: 'applied',
      sessionId: session.sessionId,
      outcome: `session ${session.sessionId} starts at ${open.toISOString()}`,
    };
  } catch (error) {
    const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
    next = { ...plan, status: 'failed', outcome: message };
  }
  await deps.engine.putPlan({ ...next, updatedAt: deps.clock.now().toISOString() });
  return { accountId: plan.accountId, status: next.status, outcome: next.outcome ?? '' };
}
