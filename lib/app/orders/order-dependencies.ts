import type { AccountRepository } from '../ports/account-repository';
import type { Broker } from '../ports/broker';
import type { Clock } from '../ports/clock';
import type { Instruments } from '../ports/instruments';
import type { MarketData } from '../ports/market-data';
import type { OrderRepository } from '../ports/order-repository';
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
  instruments: Instruments;
  marketData: MarketData;
  clock: Clock;
  settings: OrderSettings;
  startingCashCents: number;
}
