import type { NotificationSettingsStore } from '../ports/notification-settings';
import type { RiskModelCache } from '../risk/risk-model';
import type { AccountRepository } from '../ports/account-repository';
import type { AuditLog } from '../ports/audit-log';
import type { EquitySnapshotStore } from '../ports/equity-snapshots';
import type { Broker } from '../ports/broker';
import type { Clock } from '../ports/clock';
import type { Instruments } from '../ports/instruments';
import type { MarketData } from '../ports/market-data';
import type { OptionChains } from '../ports/option-chains';
import type { OrderRepository } from '../ports/order-repository';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import type { RiskLimitsRepository } from '../ports/risk-limits-repository';
import type { TradingStateRepository } from '../ports/trading-state-repository';
import type { Workflows } from '../ports/workflows';
import type { OrderSettings } from './order-settings';

/** Everything the order use cases need, as ports. */
export interface OrderDependencies {
  accounts: AccountRepository;
  orders: OrderRepository;
  broker: Broker;
  workflows: Workflows;
  /** The kill switch: read before every order and every slice; unreadable means no order. */
  tradingStates: TradingStateRepository;
  /** The limits beside the trading state: one read per decision. */
  riskLimits: RiskLimitsRepository;
  /** Covariances of daily returns, for the VaR checks (cached for the day). */
  riskModel: RiskModelCache;
  /** Every pre-trade decision, stop and reset is recorded here. */
  audit: AuditLog;
  alerts: AlertStore;
  alertPublisher: AlertPublisher;
  /** What the account wants to be told (thresholds); absent: the defaults. */
  notificationSettings?: NotificationSettingsStore;
  /** Daily equity, recorded by the risk monitor (live performance). */
  equitySnapshots: EquitySnapshotStore;
  instruments: Instruments;
  marketData: MarketData;
  /** Option chains: option orders are validated and priced on them, held contracts marked to them. */
  optionChains: OptionChains;
  clock: Clock;
  settings: OrderSettings;
  startingCashCents: number;
}
