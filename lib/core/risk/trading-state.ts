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

/** What the trading state says of an order: null when allowed, else the code and why. */
export function tradingStateVerdict(
  state: Pick<TradingState, 'state' | 'reason'>,
  order: { side: Side; quantity: number; heldQuantity: number; bypassHalt?: boolean },
): { code: 'TRADING_HALTED' | 'REDUCING_ONLY'; message: string } | null {
  if (state.state === 'HALTED' && !order.bypassHalt) {
    return {
      code: 'TRADING_HALTED',
      message: `Trading is halted (${state.reason}); an administrator must reset it`,
    };
  }
  if (state.state === 'REDUCING') {
    const reduces =
      order.side === 'sell'
        ? order.heldQuantity > 0 && order.quantity <= order.heldQuantity
        : order.heldQuantity < 0 && order.quantity <= -order.heldQuantity;
    if (!reduces) {
      return {
        code: 'REDUCING_ONLY',
        message: `Only orders that reduce a position are allowed (${state.reason})`,
      };
    }
  }
  return null;
}
