import { DomainError, type FieldProblem } from '../errors';
import type { Instrument } from '../market/instrument';
import { marketStatus } from '../market/nyse-calendar';
import type { ExecutionMode, OrderType, TimeInForce } from './order';

/**
 * The rules that make an order request well-formed for its instrument and the session — pure:
 * each throws a DomainError (422) naming the field. Size, value and price-collar limits belong to
 * the risk engine (lib/core/risk/pre-trade).
 */

/** What the rules read of an order request. */
export interface OrderRequestShape {
  quantity: number;
  orderType: OrderType;
  limitPrice?: number;
  timeInForce: TimeInForce;
  execution: ExecutionMode | 'auto';
  iceberg?: { displayQuantity: number };
}

/**
 * What makes an order well-formed for its instrument and the session: whole lots, a limit on
 * the tick, market hours. Size, value and price-collar limits belong to the risk engine.
 */
export function validateOrder(request: OrderRequestShape, instrument: Instrument, now: Date): void {
  const problems: FieldProblem[] = [];
  if (request.quantity % instrument.lotSize !== 0) {
    problems.push({
      field: 'quantity',
      in: 'body',
      problem: `must be a whole number of lots of ${instrument.lotSize}`,
    });
  }
  if (request.orderType === 'limit' || request.orderType === 'stop_limit') {
    const limit = request.limitPrice;
    if (limit === undefined)
      problems.push({ field: 'price', in: 'body', problem: 'is required for a limit or stop-limit order' });
    else {
      const ticks = limit / instrument.tickSize;
      if (Math.abs(ticks - Math.round(ticks)) > 1e-6)
        problems.push({
          field: 'price',
          in: 'body',
          problem: `must be a multiple of the tick size ${instrument.tickSize}`,
        });
    }
  } else if (request.limitPrice !== undefined) {
    problems.push({ field: 'price', in: 'body', problem: 'is only for limit and stop-limit orders' });
  }
  if (problems.length > 0) throw invalidFields(problems);
  const status = marketStatus(now);
  const needsOpenMarket =
    request.orderType === 'market' ||
    request.timeInForce === 'ioc' ||
    request.timeInForce === 'fok' ||
    request.execution === 'twap' ||
    request.execution === 'iceberg';
  if (needsOpenMarket && !status.isOpen) {
    throw new DomainError(
      'MARKET_CLOSED',
      `The market is closed (next open ${status.nextOpen.toISOString()}); only day or gtc limit orders are accepted outside the regular session`,
      'unprocessable',
    );
  }
}

/** The iceberg's shown clip: the request's, or a tenth of the order in whole lots; at most what the risk engine left. */
export function icebergParameters(
  request: OrderRequestShape,
  instrument: Instrument,
  quantity: number,
): { displayQuantity: number } {
  const display =
    request.iceberg?.displayQuantity ?? defaultDisplayQuantity(request.quantity, instrument.lotSize);
  if (display > request.quantity || display % instrument.lotSize !== 0) {
    throw invalid(
      'ICEBERG_INVALID',
      'display_quantity must be whole lots and at most the order quantity',
      'iceberg.display_quantity',
      'must be whole lots, at most the order quantity',
    );
  }
  // An order the risk engine cut down shows at most what is left of it.
  return { displayQuantity: Math.min(display, quantity) };
}

/** The clip an iceberg shows when the order names none: a tenth of it, in whole lots, at least one lot. */
export function defaultDisplayQuantity(quantity: number, lotSize: number): number {
  return Math.max(lotSize, Math.ceil(quantity / 10 / lotSize) * lotSize);
}

/** A TWAP started in the session must end before its close. */
export function validateTwapWindow(durationSeconds: number, now: Date): void {
  const status = marketStatus(now);
  if (status.isOpen && now.getTime() + durationSeconds * 1000 > status.nextClose.getTime()) {
    throw invalid(
      'TWAP_PAST_CLOSE',
      `A TWAP of ${durationSeconds} s would run past today's close (${status.nextClose.toISOString()})`,
      'twap.duration_seconds',
      'must end before the close',
    );
  }
}

/** A refusal of a well-formed order (422, ORDER_INVALID) naming every field at fault, the first in its message. */
export function invalidFields(problems: readonly FieldProblem[]): DomainError {
  return new DomainError('ORDER_INVALID', `${problems[0]!.field} ${problems[0]!.problem}`, 'unprocessable', [
    ...problems,
  ]);
}

/** A refusal of a well-formed request (422) naming the body field at fault. */
export function invalid(code: string, message: string, field: string, problem: string): DomainError {
  return new DomainError(code, message, 'unprocessable', [{ field, in: 'body', problem }]);
}
