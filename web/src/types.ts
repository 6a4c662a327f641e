// The API's response shapes, taken from the same zod schemas the server validates against
// (type-only imports: nothing of the server reaches the browser bundle).
import type * as z from '../../lib/api/zod';
import type { BacktestResponse } from '../../lib/api/schemas/backtests';
import type {
  ConditionsResponse,
  ExecutionStatusResponse,
  QuotesResponse,
} from '../../lib/api/schemas/engine';
import type {
  AggregateMetricsResponse,
  OrderListResponse,
  OrderResponse,
  OrderSummaryResponse,
} from '../../lib/api/schemas/orders';
import type { PortfolioResponse } from '../../lib/api/schemas/portfolio';
import type { EmergencyStopResponse, RiskOverviewResponse } from '../../lib/api/schemas/risk';
import type {
  StrategiesResponse,
  StrategyDetailResponse,
  TemplatesResponse,
} from '../../lib/api/schemas/strategies';

export type Portfolio = z.output<typeof PortfolioResponse>;
export type RiskOverview = z.output<typeof RiskOverviewResponse>;
export type EmergencyStop = z.output<typeof EmergencyStopResponse>;
export type Order = z.output<typeof OrderResponse>;
export type OrderSummary = z.output<typeof OrderSummaryResponse>;
export type ExecutionMetrics = z.output<typeof AggregateMetricsResponse>;
export type OrderList = z.output<typeof OrderListResponse>;
export type Strategies = z.output<typeof StrategiesResponse>;
export type StrategyType = Strategies['types'][number];
export type StrategyConfig = Strategies['configurations'][number];
export type StrategyDetail = z.output<typeof StrategyDetailResponse>;
export type Templates = z.output<typeof TemplatesResponse>;
export type ExecutionStatus = z.output<typeof ExecutionStatusResponse>;
export type Quotes = z.output<typeof QuotesResponse>;
export type Conditions = z.output<typeof ConditionsResponse>;
export type Backtest = z.output<typeof BacktestResponse>;

/** One run of a backtest as the API returns it (the schema keeps runs open-ended). */
export interface BacktestRun {
  parameters: Record<string, unknown>;
  bars: number;
  final_equity: number;
  fees: number;
  performance: Record<string, number | null>;
  trade_statistics: Record<string, number | null>;
  trades: {
    symbol: string;
    direction: string;
    quantity: number;
    entry_at: string;
    exit_at: string;
    entry_price: number;
    exit_price: number;
    fees: number;
    pnl: number;
  }[];
  equity: [string, number][];
}
