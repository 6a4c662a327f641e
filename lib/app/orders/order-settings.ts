import {
  type CommissionModel,
  DEFAULT_COMMISSION,
  DEFAULT_OPTION_COMMISSION,
} from '../../core/execution/commission';
import type { ImpactModel } from '../../core/execution/impact-book';
import type { RoutingThresholds } from '../../core/execution/routing';

/**
 * Routing by expected cost: the venue's impact model, the weight of timing risk, and the limits
 * a TWAP's schedule is chosen within (participation of the expected volume, longest run).
 */
export interface CostRouting {
  impact: ImpactModel;
  riskAversion: number;
  twap: { maxParticipation: number; maxDurationSeconds: number };
}

/** The platform's order-handling settings (from the environment; see lib/platform/settings.ts). */
export interface OrderSettings {
  routing: RoutingThresholds;
  /**
   * `auto` by the pre-trade cost estimate of each mode on the venue's impact book (with this
   * weight of timing risk); absent: by the notional thresholds of `routing`.
   */
  costRouting?: CostRouting;
  /** Slippage band applied when an order names none, in basis points of the arrival price. */
  defaultMaxSlippageBps: number;
  maxOrderQuantity: number;
  /** Dollars. */
  maxOrderNotional: number;
  /** A limit further than this fraction through the market is refused as erroneous (15c3-5 price check). */
  priceCollarFraction: number;
  defaultTwap: { durationSeconds: number; slices: number };
  /** The venue's commission model, used to reserve enough cash for commissions. */
  commission: CommissionModel;
  /** Option orders: the venue's per-contract commission (reserved with the order). */
  optionCommission: CommissionModel;
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  routing: { immediateBelow: 1_000, twapAbove: 5_000 },
  defaultMaxSlippageBps: 50,
  maxOrderQuantity: 100_000,
  maxOrderNotional: 5_000_000,
  priceCollarFraction: 0.1,
  defaultTwap: { durationSeconds: 60, slices: 6 },
  commission: DEFAULT_COMMISSION,
  optionCommission: DEFAULT_OPTION_COMMISSION,
};
