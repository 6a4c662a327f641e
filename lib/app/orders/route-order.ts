import {
  cheapest,
  estimateCosts,
  type ModeEstimate,
  type TwapSchedule,
  twapCandidates,
} from '../../core/execution/cost-estimate';
import { UNTOUCHED } from '../../core/execution/impact-book';
import { icebergPollSeconds } from '../../core/execution/iceberg-planner';
import { chooseExecution } from '../../core/execution/routing';
import { marketStatus } from '../../core/market/nyse-calendar';
import type { Instrument } from '../../core/market/instrument';
import type { Quote } from '../../core/market/quote';
import type { ExecutionMode } from '../../core/orders/order';
import { defaultDisplayQuantity } from '../../core/orders/order-rules';
import { roundDownToLot } from '../../core/market/instrument';
import type { PlaceOrderRequest } from './place-order';
import type { OrderSettings } from './order-settings';

/**
 * How an order is worked. An explicit mode stands. `auto` takes the mode whose pre-trade cost
 * estimate (cost-estimate.ts: spread, impact on the venue's book, commission per child, timing
 * risk) is lowest, when the platform routes by cost and the instrument's liquidity is known;
 * otherwise the notional thresholds decide. The estimates are kept on the order either way, so
 * what it was expected to cost stands beside what it did. A resting limit is not worked.
 * A TWAP runs on the schedule the request names; else, routing by cost, on the cheapest of the
 * schedules within the participation cap and the longest run (twapCandidates); else on the
 * platform's default.
 */
export function routeOrder(
  settings: OrderSettings,
  request: PlaceOrderRequest,
  instrument: Instrument,
  quote: Quote,
  arrivalPrice: number,
  marketable: boolean,
  now: Date,
): { execution: ExecutionMode; estimates: ModeEstimate[]; twap: TwapSchedule | undefined } {
  const cost = settings.costRouting;
  const secondsToClose = (marketStatus(now).nextClose.getTime() - now.getTime()) / 1_000;
  const estimates =
    cost && instrument.liquidity && marketable
      ? estimateCosts({
          side: request.side,
          quantity: request.quantity,
          quote,
          tickSize: instrument.tickSize,
          lotSize: instrument.lotSize,
          liquidity: instrument.liquidity,
          impact: cost.impact,
          taken: { ...UNTOUCHED, at: now.getTime() },
          commission: settings.commission,
          twap: request.twap
            ? asked(request.twap, settings)
            : twapCandidates(
                {
                  quantity: request.quantity,
                  lotSize: instrument.lotSize,
                  averageDailyVolume: instrument.liquidity.averageDailyVolume,
                  at: now.getTime(),
                },
                { ...cost.twap, secondsToClose },
              ),
          iceberg: {
            displayQuantity: displayOf(request, instrument),
            lookSeconds: icebergPollSeconds({ secondsToClose, stepsTaken: 0 }),
          },
          riskAversion: cost.riskAversion,
        })
      : [];
  const execution =
    request.execution === 'auto' && estimates.length > 0
      ? cheapest(estimates).mode
      : chooseExecution(request.execution, request.quantity * arrivalPrice, settings.routing, marketable);
  const twap =
    execution === 'twap'
      ? request.twap
        ? asked(request.twap, settings)
        : (estimates.find((estimate) => estimate.mode === 'twap')?.schedule ?? settings.defaultTwap)
      : undefined;
  return { execution, estimates, twap };
}

/** A TWAP the request shaped: what it names, the platform's default for what it leaves out. */
function asked(twap: NonNullable<PlaceOrderRequest['twap']>, settings: OrderSettings): TwapSchedule {
  return {
    durationSeconds: twap.durationSeconds ?? settings.defaultTwap.durationSeconds,
    slices: twap.slices ?? settings.defaultTwap.slices,
  };
}

/** The iceberg clip an estimate assumes: the one asked for, else a tenth of the order in whole lots (as icebergParameters). */
function displayOf(request: PlaceOrderRequest, instrument: Instrument): number {
  const lot = instrument.lotSize;
  const asked = request.iceberg?.displayQuantity;
  const display = asked !== undefined && asked > 0 ? asked : defaultDisplayQuantity(request.quantity, lot);
  return Math.max(lot, Math.min(roundDownToLot(display, lot), request.quantity));
}
