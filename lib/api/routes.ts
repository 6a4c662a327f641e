import type { FunctionName } from '../platform/function-catalog';
import type { Role } from '../app/principal';
import { HealthResponse } from './schemas/health';
import { ChainQuery, ChainResponse } from './schemas/options';
import {
  AggregateMetricsResponse,
  ListOrdersQuery,
  MetricsQuery,
  OrderIdParams,
  OrderListResponse,
  OrderResponse,
  PlaceOrderBody,
} from './schemas/orders';
import { LedgerQuery, LedgerResponse, PortfolioResponse } from './schemas/portfolio';
import {
  PerformanceQuery,
  PerformanceResponse,
  ReportQuery,
  ArchivedReportsResponse,
  StrategyAnalyticsQuery,
  ReportFileQuery,
  ReportFileResponse,
  StrategyAnalyticsResponse,
  ReportResponse,
} from './schemas/performance';
import {
  BacktestBody,
  BacktestIdParams,
  BacktestPageQuery,
  BacktestResponse,
  BacktestRunParams,
  BacktestRunResponse,
  DatasetListResponse,
} from './schemas/backtests';
import { LimitsResponse, PutLimitsBody } from './schemas/risk-limits';
import {
  AlertsQuery,
  DeliveriesQuery,
  DeliveriesResponse,
  NotificationSettingsBody,
  NotificationSettingsResponse,
  AlertsResponse,
  RiskOverviewResponse,
  AuditQuery,
  AuditResponse,
  EmergencyStopBody,
  EmergencyStopResponse,
  ResetBody,
  TradingStateResponse,
} from './schemas/risk';
import {
  CreateStrategyBody,
  SignalsQuery,
  SignalsResponse,
  StrategiesResponse,
  StrategyConfigResponse,
  StrategyDetailResponse,
  StrategyIdParams,
  StrategyQuery,
  TemplatesResponse,
  UpdateStrategyBody,
} from './schemas/strategies';
import {
  CanceledOrdersResponse,
  ClosePositionBody,
  ClosePositionResponse,
  ConditionsQuery,
  ConditionsResponse,
  ExecutionStatusResponse,
  PauseResumeBody,
  PlanBody,
  PlanQuery,
  PlanResponse,
  PositionParams,
  QuotesQuery,
  QuotesResponse,
  SessionResponse,
  StartExecutionBody,
  StopExecutionBody,
  StrategyOrdersParams,
} from './schemas/engine';
import * as z from './zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of the public API. `auth` is `public` (no authentication at all) or the least
 * role a caller needs. Request schemas are strict: unknown fields are rejected.
 */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly function: FunctionName;
  readonly auth: 'public' | Role;
  readonly summary: string;
  readonly tag: string;
  readonly request?: {
    readonly body?: z.ZodMiniType;
    readonly query?: z.ZodMiniType;
    readonly params?: z.ZodMiniType;
  };
  readonly response: {
    readonly status: number;
    readonly schema: z.ZodMiniType;
    readonly description: string;
  };
  /** Answers besides the success and the errors any route can give (see openapi.ts). */
  readonly outcomes?: readonly Outcome[];
}

/**
 * Another documented answer of a route: a refusal (its body the error body, its `code` one of
 * `codes`) or another success (`schema`).
 */
export interface Outcome {
  readonly status: number;
  readonly description: string;
  readonly codes?: readonly string[];
  readonly schema?: z.ZodMiniType;
}

/** Refusals of the pre-trade risk engine (lib/core/risk/pre-trade/checks, one code a check). */
const RISK_REFUSALS = [
  'TRADING_HALTED',
  'REDUCING_ONLY',
  'MAX_ORDER_QUANTITY',
  'MAX_ORDER_NOTIONAL',
  'MAX_POSITION_QUANTITY',
  'PRICE_COLLAR',
  'SYMBOL_RESTRICTED',
  'CONCENTRATION_LIMIT',
  'VAR_LIMIT',
  'VAR_UNAVAILABLE',
  'DAILY_LOSS_LIMIT',
  'CONSECUTIVE_LOSSES',
  'DUPLICATE_ORDER',
  'ORDER_RATE_EXCEEDED',
  'INSUFFICIENT_BUYING_POWER',
  'INSUFFICIENT_POSITION',
  'RISK_CHECK_FAILED',
] as const;

/** Why a well-formed order is refused (422), whether placed by hand or closing a position. */
const ORDER_REFUSALS = [
  'UNKNOWN_SYMBOL',
  'ORDER_INVALID',
  'MARKET_CLOSED',
  'ICEBERG_INVALID',
  'TWAP_PAST_CLOSE',
  ...RISK_REFUSALS,
] as const;

/** Retry-safe refusals of the order path: a quote, the trading state or the book not readable now. */
const ORDER_UNAVAILABLE: Outcome = {
  status: 503,
  description: 'Not now, safe to retry: no current quote, the trading state unreadable, positions changing',
  codes: ['NO_QUOTE', 'TRADING_STATE_UNAVAILABLE', 'POSITIONS_CHANGING'],
};

const CONCURRENT_UPDATE: Outcome = {
  status: 409,
  description: 'Changed by another request meanwhile; read again and retry',
  codes: ['CONCURRENT_UPDATE'],
};

/** The session's state does not allow this (stopping, already live, not in the session). */
const SESSION_CONFLICT: Outcome = {
  status: 409,
  description: 'The session is not in a state that allows this',
  codes: ['ILLEGAL_SESSION_TRANSITION', 'SESSION_ENDING', 'SESSION_ALREADY_LIVE', 'CONCURRENT_UPDATE'],
};

/** API Gateway's name for a route, also used locally: "GET /api/portfolio". */
export type RouteKey = `${HttpMethod} ${string}`;

export function routeKey(route: Pick<RouteSpec, 'method' | 'path'>): RouteKey {
  return `${route.method} ${route.path}`;
}

/** The whole public API, in one table: CDK, the local host, the OpenAPI document and the auth tests read it. */
export const ROUTES = [
  {
    method: 'GET',
    path: '/api/health',
    function: 'system',
    auth: 'public',
    tag: 'system',
    summary: 'Liveness and dependency checks (200 when every dependency answers, 503 otherwise)',
    response: { status: 200, schema: HealthResponse, description: 'The health report' },
    outcomes: [
      {
        status: 503,
        schema: HealthResponse,
        description: 'A dependency did not answer (the report says which)',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    function: 'system',
    auth: 'viewer',
    tag: 'system',
    summary: 'This API as an OpenAPI 3.1 document',
    response: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'The OpenAPI document' },
  },
  {
    method: 'GET',
    path: '/api/portfolio',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary: 'Cash, buying power, equity and positions marked to the latest quotes',
    response: { status: 200, schema: PortfolioResponse, description: 'The portfolio' },
  },
  {
    method: 'GET',
    path: '/api/portfolio/ledger',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary: 'The cash ledger: every movement of cash, in order, with the balance after it',
    request: { query: LedgerQuery },
    response: { status: 200, schema: LedgerResponse, description: 'A page of ledger entries' },
  },
  {
    method: 'GET',
    path: '/api/reports/performance',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary:
      'A daily or monthly performance report (HTML for print): equity, returns against the benchmark, the metrics, each strategy, trades, risk and alerts',
    request: { query: ReportQuery },
    response: { status: 200, schema: ReportResponse, description: 'The report' },
  },
  {
    method: 'GET',
    path: '/api/reports',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary:
      'The reports kept after each close (daily, and monthly on the last session of a month), newest first: HTML and PDF',
    response: { status: 200, schema: ArchivedReportsResponse, description: 'The kept reports' },
  },
  {
    method: 'GET',
    path: '/api/reports/file',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary: 'One kept report (HTML or PDF), base64-encoded: your own account’s only',
    request: { query: ReportFileQuery },
    response: { status: 200, schema: ReportFileResponse, description: 'The report file' },
    outcomes: [{ status: 404, description: 'No such report is kept for your account', codes: ['NOT_FOUND'] }],
  },
  {
    method: 'GET',
    path: '/api/analytics/strategies',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary:
      "The strategies compared over the last sessions: each one's daily P&L marked to the close, their correlation, records against each other and the benchmark, and each one's part of the account's worst drawdown",
    request: { query: StrategyAnalyticsQuery },
    response: { status: 200, schema: StrategyAnalyticsResponse, description: 'The strategies compared' },
  },
  {
    method: 'GET',
    path: '/api/performance',
    function: 'portfolio',
    auth: 'viewer',
    tag: 'portfolio',
    summary:
      'Live performance: daily equity, empyrical metrics (optionally against a benchmark), trade statistics, per strategy',
    request: { query: PerformanceQuery },
    response: { status: 200, schema: PerformanceResponse, description: 'Performance' },
  },
  {
    method: 'POST',
    path: '/api/orders',
    function: 'orders',
    auth: 'trader',
    tag: 'orders',
    summary:
      'Place an order: validated, reserved, routed (immediate, TWAP or iceberg) inside a slippage band. 201 when created; 200 with the original order when client_order_id replays a request',
    request: { body: PlaceOrderBody },
    response: { status: 201, schema: OrderResponse, description: 'The order' },
    outcomes: [
      {
        status: 200,
        schema: OrderResponse,
        description:
          'A replay: client_order_id names an order already placed by this same request, answered as it stands',
      },
      {
        status: 409,
        description: 'client_order_id was used for a different request, or the account changed meanwhile',
        codes: ['CLIENT_ORDER_ID_REUSED', 'CONCURRENT_UPDATE'],
      },
      {
        status: 422,
        description:
          'Well-formed but refused: the order rules, the market hours or the pre-trade risk engine (code says which)',
        codes: ORDER_REFUSALS,
      },
      ORDER_UNAVAILABLE,
    ],
  },
  {
    method: 'GET',
    path: '/api/orders',
    function: 'orders',
    auth: 'viewer',
    tag: 'orders',
    summary: 'Orders, newest first, filtered by status, symbol, strategy and time; paged with next_cursor',
    request: { query: ListOrdersQuery },
    response: { status: 200, schema: OrderListResponse, description: 'A page of orders' },
  },
  {
    method: 'GET',
    path: '/api/orders/metrics',
    function: 'orders',
    auth: 'viewer',
    tag: 'orders',
    summary: 'Execution quality over orders: fill rate, slippage versus arrival, commission, time to fill',
    request: { query: MetricsQuery },
    response: { status: 200, schema: AggregateMetricsResponse, description: 'Aggregate execution metrics' },
  },
  {
    method: 'GET',
    path: '/api/orders/{id}',
    function: 'orders',
    auth: 'viewer',
    tag: 'orders',
    summary: 'One order with its status history, fills, child slices and execution metrics',
    request: { params: OrderIdParams },
    response: { status: 200, schema: OrderResponse, description: 'The order' },
  },
  {
    method: 'DELETE',
    path: '/api/orders/{id}',
    function: 'orders',
    auth: 'trader',
    tag: 'orders',
    summary: 'Cancel what is left of an order; a working TWAP or iceberg sends no further slices',
    request: { params: OrderIdParams },
    response: { status: 200, schema: OrderResponse, description: 'The order, pending_cancel or canceled' },
    outcomes: [
      {
        status: 422,
        description:
          'The order cannot be canceled: it has ended, or it is a slice of a parent (cancel the parent)',
        codes: ['ORDER_NOT_CANCELABLE', 'CHILD_ORDER'],
      },
      {
        status: 409,
        description: 'The order changed meanwhile; read it again',
        codes: ['CONCURRENT_UPDATE', 'ILLEGAL_ORDER_TRANSITION'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/risk',
    function: 'risk',
    auth: 'viewer',
    tag: 'risk',
    summary:
      'The live risk picture: trading state, daily P&L against the loss limit, VaR/CVaR (95/99), exposure by symbol and sector, concentration, losing streaks, breaches and recent alerts',
    response: { status: 200, schema: RiskOverviewResponse, description: 'The risk picture' },
  },
  {
    method: 'GET',
    path: '/api/risk/limits',
    function: 'risk',
    auth: 'viewer',
    tag: 'risk',
    summary: "The risk limits in force: the account's, with overrides per strategy and per symbol",
    response: { status: 200, schema: LimitsResponse, description: 'The limits' },
  },
  {
    method: 'PUT',
    path: '/api/risk/limits',
    function: 'risk',
    auth: 'admin',
    tag: 'risk',
    summary:
      'Replace the risk limits (administrators; audited; in force from the next order). Account fields left out take the platform default',
    request: { body: PutLimitsBody },
    response: { status: 200, schema: LimitsResponse, description: 'The limits now in force' },
    outcomes: [
      {
        status: 409,
        description: 'version is not the current version of the limits; read them again',
        codes: ['LIMITS_VERSION_CONFLICT', 'CONCURRENT_UPDATE'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/risk/alerts',
    function: 'risk',
    auth: 'viewer',
    tag: 'risk',
    summary: 'Risk alerts, newest first: limits at 50/75/90/100%, rejections, breaches, stops',
    request: { query: AlertsQuery },
    response: { status: 200, schema: AlertsResponse, description: 'Alerts' },
  },
  {
    method: 'GET',
    path: '/api/notifications/settings',
    function: 'risk',
    auth: 'viewer',
    tag: 'risk',
    summary:
      "What the account is told about beyond its risk alerts: the large fill's size and the rejections' threshold",
    response: {
      status: 200,
      schema: NotificationSettingsResponse,
      description: 'The settings (the defaults until changed)',
    },
  },
  {
    method: 'PUT',
    path: '/api/notifications/settings',
    function: 'risk',
    auth: 'trader',
    tag: 'risk',
    summary: 'Change some of the notification settings; the others stay',
    request: { body: NotificationSettingsBody },
    response: { status: 200, schema: NotificationSettingsResponse, description: 'The settings now' },
  },
  {
    method: 'GET',
    path: '/api/notifications/deliveries',
    function: 'risk',
    auth: 'viewer',
    tag: 'risk',
    summary:
      'Deliveries of alerts to the notification channels, newest first: what was sent (an alert or a digest), attempts, delivered or why not — never the channel’s URL',
    request: { query: DeliveriesQuery },
    response: { status: 200, schema: DeliveriesResponse, description: 'Deliveries' },
  },
  {
    method: 'POST',
    path: '/api/risk/emergency-stop',
    function: 'risk',
    auth: 'trader',
    tag: 'risk',
    summary:
      'Kill switch: halt trading at once, cancel every open order, stop every TWAP and iceberg; optionally flatten. The body is optional',
    request: { body: EmergencyStopBody },
    response: { status: 200, schema: EmergencyStopResponse, description: 'What was done' },
  },
  {
    method: 'POST',
    path: '/api/risk/emergency-stop/reset',
    function: 'risk',
    auth: 'admin',
    tag: 'risk',
    summary: 'Re-enable trading after an emergency stop (administrators only; audited)',
    request: { body: ResetBody },
    response: { status: 200, schema: TradingStateResponse, description: 'The trading state' },
    outcomes: [
      {
        status: 409,
        description: 'Trading is not halted: there is nothing to reset',
        codes: ['NOT_HALTED', 'CONCURRENT_UPDATE'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/strategies',
    function: 'strategies',
    auth: 'viewer',
    tag: 'strategies',
    summary: 'Strategy types (with their parameters as JSON Schema) and the saved configurations',
    response: { status: 200, schema: StrategiesResponse, description: 'Types and configurations' },
  },
  {
    method: 'POST',
    path: '/api/strategies/create',
    function: 'strategies',
    auth: 'trader',
    tag: 'strategies',
    summary: 'Save a new configuration (version 1) from a type and parameters, or from a template',
    request: { body: CreateStrategyBody },
    response: { status: 201, schema: StrategyConfigResponse, description: 'The configuration' },
  },
  {
    method: 'GET',
    path: '/api/strategies/templates',
    function: 'strategies',
    auth: 'viewer',
    tag: 'strategies',
    summary: 'Ready-made configurations to start from',
    response: { status: 200, schema: TemplatesResponse, description: 'Templates' },
  },
  {
    method: 'GET',
    path: '/api/strategies/{id}',
    function: 'strategies',
    auth: 'viewer',
    tag: 'strategies',
    summary: 'One configuration (the latest, or ?version=), every version, and how it has traded',
    request: { params: StrategyIdParams, query: StrategyQuery },
    response: { status: 200, schema: StrategyDetailResponse, description: 'The configuration' },
  },
  {
    method: 'PUT',
    path: '/api/strategies/{id}',
    function: 'strategies',
    auth: 'trader',
    tag: 'strategies',
    summary:
      'Change a configuration: a new immutable version with your note (parameters merged and validated; archived to archive)',
    request: { params: StrategyIdParams, body: UpdateStrategyBody },
    response: { status: 200, schema: StrategyConfigResponse, description: 'The new version' },
    outcomes: [
      {
        status: 409,
        description: 'version is not the latest version of the configuration; read it again',
        codes: ['STRATEGY_VERSION_CONFLICT', 'CONCURRENT_UPDATE'],
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/strategies/backtest',
    function: 'backtests',
    auth: 'trader',
    tag: 'strategies',
    summary:
      'Submit a backtest (or a parameter sweep) over the market history or synthetic data: checked at once, then queued and run off the request path. 202 with its id and a Location to poll',
    request: { body: BacktestBody },
    response: {
      status: 202,
      schema: BacktestResponse,
      description: 'Accepted: the backtest, queued (follow Location, or GET /api/strategies/backtest/{id})',
    },
  },
  {
    method: 'GET',
    path: '/api/strategies/backtest/{id}',
    function: 'backtests',
    auth: 'viewer',
    tag: 'strategies',
    summary:
      'A stored backtest: status, request, every run’s metrics (best first), the best run’s trades and equity curve',
    request: { params: BacktestIdParams, query: BacktestPageQuery },
    response: { status: 200, schema: BacktestResponse, description: 'The backtest' },
  },
  {
    method: 'POST',
    path: '/api/strategies/backtest/{id}/cancel',
    function: 'backtests',
    auth: 'trader',
    tag: 'strategies',
    summary:
      'Cancel a queued or running backtest: the runs finished so far are kept, ranked; the rest never run',
    request: { params: BacktestIdParams },
    response: { status: 200, schema: BacktestResponse, description: 'The backtest, canceled' },
    outcomes: [
      {
        status: 409,
        description: 'The backtest had already ended (completed, failed or canceled)',
        codes: ['BACKTEST_ENDED'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/datasets',
    function: 'backtests',
    auth: 'viewer',
    tag: 'strategies',
    summary:
      'The datasets backtests can run on (kept by `stratus data`): symbols and bars, timeframe, adjustment, source, span, missing sessions',
    response: { status: 200, schema: DatasetListResponse, description: 'The datasets' },
  },
  {
    method: 'GET',
    path: '/api/strategies/backtest/{id}/runs/{rank}',
    function: 'backtests',
    auth: 'viewer',
    tag: 'strategies',
    summary: 'One run of a stored backtest (1 = best) with its trades and equity curve',
    request: { params: BacktestRunParams },
    response: { status: 200, schema: BacktestRunResponse, description: 'The run' },
  },
  {
    method: 'GET',
    path: '/api/signals',
    function: 'strategies',
    auth: 'viewer',
    tag: 'strategies',
    summary:
      'The latest signal of each active configuration per symbol: direction, strength, rationale, time',
    request: { query: SignalsQuery },
    response: { status: 200, schema: SignalsResponse, description: 'Signals, newest first' },
  },
  {
    method: 'GET',
    path: '/api/strategies/execution-status',
    function: 'engine',
    auth: 'viewer',
    tag: 'engine',
    summary:
      'The trading session: its state, each strategy with positions, working orders, performance and the signals acted on, and the recent cycles',
    response: { status: 200, schema: ExecutionStatusResponse, description: 'The execution status' },
  },
  {
    method: 'POST',
    path: '/api/strategies/start-execution',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary:
      'Start a trading session with these configurations (one live session per account); the 15-second cycle trades it during market hours',
    request: { body: StartExecutionBody },
    response: { status: 201, schema: SessionResponse, description: 'The session, running' },
    outcomes: [SESSION_CONFLICT],
  },
  {
    method: 'POST',
    path: '/api/strategies/stop-execution',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary:
      "Stop the session: cancel its strategies' open orders and (unless told not to) close their positions",
    request: { body: StopExecutionBody },
    response: { status: 200, schema: SessionResponse, description: 'The session, stopped' },
    outcomes: [SESSION_CONFLICT],
  },
  {
    method: 'POST',
    path: '/api/strategies/pause',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary: 'Pause the session, or one strategy of it (positions are kept; its signals are ignored)',
    request: { body: PauseResumeBody },
    response: { status: 200, schema: SessionResponse, description: 'The session' },
    outcomes: [SESSION_CONFLICT],
  },
  {
    method: 'POST',
    path: '/api/strategies/resume',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary:
      'Resume the session, or one strategy (it acts only on signals from now on); refused while trading is halted',
    request: { body: PauseResumeBody },
    response: { status: 200, schema: SessionResponse, description: 'The session' },
    outcomes: [
      {
        ...SESSION_CONFLICT,
        description: 'The session is not in a state that allows this, or trading is halted (reset it first)',
        codes: [...SESSION_CONFLICT.codes!, 'TRADING_HALTED'],
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/strategies/{id}/cancel-orders',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary: "Cancel one strategy's working orders",
    request: { params: StrategyOrdersParams },
    response: { status: 200, schema: CanceledOrdersResponse, description: 'The orders asked to cancel' },
    outcomes: [CONCURRENT_UPDATE],
  },
  {
    method: 'PUT',
    path: '/api/sessions/plan',
    function: 'engine',
    auth: 'trader',
    tag: 'engine',
    summary:
      'Prepare a trading day: the configurations, allocations and parameter changes the pre-market run applies so the session starts at the open',
    request: { body: PlanBody },
    response: { status: 200, schema: PlanResponse, description: 'The saved plan' },
    outcomes: [
      {
        status: 409,
        description: 'The pre-market run has already applied the plan for that day',
        codes: ['PLAN_ALREADY_APPLIED', 'CONCURRENT_UPDATE'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/sessions/plan',
    function: 'engine',
    auth: 'viewer',
    tag: 'engine',
    summary: 'The plan for a trading day and what the pre-market run did with it',
    request: { query: PlanQuery },
    response: { status: 200, schema: PlanResponse, description: 'The plan' },
  },
  {
    method: 'GET',
    path: '/api/market/conditions',
    function: 'engine',
    auth: 'viewer',
    tag: 'engine',
    summary:
      "The pre-market report: each watchlist symbol's gap, realised and implied volatility, trend and volume, and recommended templates",
    request: { query: ConditionsQuery },
    response: { status: 200, schema: ConditionsResponse, description: 'The market-conditions report' },
  },
  {
    method: 'GET',
    path: '/api/options/chain',
    function: 'engine',
    auth: 'viewer',
    tag: 'options',
    summary:
      'One expiry of an underlying’s option chain, as the paper venue quotes it: strikes, bid/ask, implied volatility and greeks',
    request: { query: ChainQuery },
    response: { status: 200, schema: ChainResponse, description: 'The chain at that expiry' },
    outcomes: [
      { status: 404, description: 'The underlying has no options', codes: ['NOT_FOUND'] },
      {
        status: 422,
        description: 'The expiration is not listed (the body names `expiration`)',
        codes: ['EXPIRATION_NOT_LISTED'],
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/market/quotes',
    function: 'engine',
    auth: 'viewer',
    tag: 'engine',
    summary: 'The latest quote (bid, ask, last, mid, spread) of each symbol asked for, or of the watchlist',
    request: { query: QuotesQuery },
    response: { status: 200, schema: QuotesResponse, description: 'The quotes' },
  },
  {
    method: 'POST',
    path: '/api/positions/{symbol}/close',
    function: 'engine',
    auth: 'trader',
    tag: 'portfolio',
    summary:
      'Close a position by hand (all, or quantity shares) through risk and execution; answers with the order and its realised P&L',
    request: { params: PositionParams, body: ClosePositionBody },
    response: { status: 200, schema: ClosePositionResponse, description: 'The closing order and its P&L' },
    outcomes: [
      {
        status: 422,
        description: 'The closing order is refused (more shares than held, or a rule of the order path)',
        codes: ['QUANTITY_EXCEEDS_POSITION', ...ORDER_REFUSALS],
      },
      {
        status: 409,
        description: 'The account changed meanwhile; retry',
        codes: ['CONCURRENT_UPDATE', 'CLIENT_ORDER_ID_REUSED'],
      },
      ORDER_UNAVAILABLE,
    ],
  },
  {
    method: 'GET',
    path: '/api/audit',
    function: 'risk',
    auth: 'admin',
    tag: 'risk',
    summary: 'The append-only audit log, newest first: who did what, when, and the state before and after',
    request: { query: AuditQuery },
    response: { status: 200, schema: AuditResponse, description: 'Audit records' },
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof ROUTES)[number];

/** The function that answers requests no route matches (API Gateway's `$default` route). */
export const FALLBACK_FUNCTION: FunctionName = 'system';
