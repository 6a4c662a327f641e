import { DomainError } from '../errors';
import type { Side } from '../orders/order';

/**
 * Whether an account may trade: ACTIVE (normally), REDUCING (only orders that shrink a
 * position), HALTED (nothing; the emergency stop). Changed only by people or by the risk
 * engine, always with a reason, and re-enabled only by an authorised person.
 */
export type TradingStateName = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface TradingState {
  accountId: string;
  state: TradingStateName;
  reason: string;
  changedAt: string;
  changedBy: string;
  version: number;
}

export function initialTradingState(accountId: string, at: Date): TradingState {
  return {
    accountId,
    state: 'ACTIVE',
    reason: 'initial',
    changedAt: at.toISOString(),
    changedBy: 'system',
    version: 0,
  };
}

/**
 * The pre-trade gate of the trading state: refuses what the state forbids, with a stable code.
 * `heldQuantity` is what the account holds of the symbol (a sell up to it reduces the position).
 * Emergency flattening passes `bypassHalt`: the only order a halt lets through.
 */
export function checkTradingState(
  state: TradingState,
  order: { side: Side; quantity: number; heldQuantity: number; bypassHalt?: boolean },
): void {
  if (state.state === 'HALTED' && !order.bypassHalt) {
    throw new DomainError(
      'TRADING_HALTED',
      `Trading is halted (${state.reason}); an administrator must reset it`,
      'unprocessable',
    );
  }
  if (state.state === 'REDUCING') {
    const reduces = order.side === 'sell' && order.quantity <= order.heldQuantity;
    if (!reduces) {
      throw new DomainError(
        'REDUCING_ONLY',
        `Only orders that reduce a position are allowed (${state.reason})`,
        'unprocessable',
      );
    }
  }
}
