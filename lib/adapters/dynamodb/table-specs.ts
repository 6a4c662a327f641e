/**
 * The tables Stratus keeps, described once: CDK creates them from this list in AWS and the
 * local host creates them in the embedded DynamoDB. Functions learn each physical table name
 * from the environment variable named here.
 */
export interface TableSpec {
  /** Logical name, used for the CDK construct id and the local table name. */
  readonly name: string;
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Attribute holding an epoch-seconds expiry; readers must still filter (dynalite has no TTL). */
  readonly ttlAttribute?: string;
  /** Global secondary indexes (string keys, all attributes projected). */
  readonly indexes?: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey: string;
  }[];
  readonly description: string;
}

export const TABLES = {
  accounts: {
    name: 'accounts',
    envVar: 'STRATUS_TABLE_ACCOUNTS',
    partitionKey: 'pk',
    sortKey: 'sk',
    description: 'Accounts (cash, reservations, positions in one versioned item) and their cash ledger',
  },
  orders: {
    name: 'orders',
    envVar: 'STRATUS_TABLE_ORDERS',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'by-time', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
    description: 'Orders with their fills, status history and child slices; top-level orders indexed by time',
  },
  venue: {
    name: 'venue',
    envVar: 'STRATUS_TABLE_VENUE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'unsettled', partitionKey: 'unsettledPk', sortKey: 'sk' }],
    description:
      'The paper venue: orders as the venue holds them (resting, filled, cancelled) and their executions',
  },
  risk: {
    name: 'risk',
    envVar: 'STRATUS_TABLE_RISK',
    partitionKey: 'pk',
    sortKey: 'sk',
    description:
      'Risk state per account: the trading state (ACTIVE, REDUCING, HALTED), the limits, and alerts',
  },
  audit: {
    name: 'audit',
    envVar: 'STRATUS_TABLE_AUDIT',
    partitionKey: 'pk',
    sortKey: 'sk',
    description: 'Append-only audit log: pre-trade decisions, emergency stops and resets, limit changes',
  },
  strategies: {
    name: 'strategies',
    envVar: 'STRATUS_TABLE_STRATEGIES',
    partitionKey: 'pk',
    sortKey: 'sk',
    description: 'Strategy configurations: every immutable version, and the latest of each for listing',
  },
  backtests: {
    name: 'backtests',
    envVar: 'STRATUS_TABLE_BACKTESTS',
    partitionKey: 'pk',
    sortKey: 'sk',
    description: 'Backtest runs: the request, status, metrics, trades and a downsampled equity curve',
  },
  engine: {
    name: 'engine',
    envVar: 'STRATUS_TABLE_ENGINE',
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    description:
      "The strategy engine: each account's trading session, the record of every cycle, the day's plans, market-conditions reports and the cycle lease",
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

export const ALL_TABLES: readonly TableSpec[] = Object.values(TABLES);

/** The physical table name from the environment; fails loudly when the host did not set it. */
export function tableNameFromEnv(table: TableSpec, env: NodeJS.ProcessEnv): string {
  const value = env[table.envVar];
  if (!value) throw new Error(`${table.envVar} is not set: the host must name the ${table.name} table`);
  return value;
}
