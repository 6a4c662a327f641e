import type { Cents } from '../money';
import { toCents } from '../money';

/**
 * How a venue charges: nothing; per share with a minimum and a cap as a fraction of value
 * (IBKR "fixed" style); or basis points of traded value with a minimum. Used by the paper
 * venue and the backtester alike.
 */
export type CommissionModel =
  | { kind: 'none' }
  | { kind: 'per_share'; perShare: number; minimum: number; maximumFraction?: number }
  | { kind: 'percent'; bps: number; minimum: number }
  /** Options: per contract, with a minimum per execution. */
  | { kind: 'per_contract'; perContract: number; minimum: number };

export const DEFAULT_COMMISSION: CommissionModel = {
  kind: 'per_share',
  perShare: 0.005,
  minimum: 1,
  maximumFraction: 0.01,
};

/** Options: $0.65 a contract (a common retail rate; Alpaca charges none, regulatory fees aside). */
export const DEFAULT_OPTION_COMMISSION: CommissionModel = {
  kind: 'per_contract',
  perContract: 0.65,
  minimum: 0,
};

/** Commission for one execution of `quantity` shares at `price`, in cents. */
export function commissionCents(model: CommissionModel, quantity: number, price: number): Cents {
  if (quantity <= 0) return 0;
  switch (model.kind) {
    case 'none':
      return 0;
    case 'per_share': {
      const raw = Math.max(model.perShare * quantity, model.minimum);
      const capped =
        model.maximumFraction === undefined ? raw : Math.min(raw, model.maximumFraction * quantity * price);
      return toCents(capped);
    }
    case 'percent':
      return toCents(Math.max((model.bps / 10_000) * quantity * price, model.minimum));
    case 'per_contract':
      return toCents(Math.max(model.perContract * quantity, model.minimum));
  }
}

/**
 * Parses the configuration form: `none`, `per_share:0.005:min=1:max=0.01`, `percent:5:min=1`,
 * `per_contract:0.65:min=1`.
 * Throws a RangeError naming the problem.
 */
export function parseCommissionModel(text: string): CommissionModel {
  const [kind, first, ...options] = text.trim().split(':');
  const named = Object.fromEntries(options.map((option) => option.split('=') as [string, string]));
  const number = (value: string | undefined, what: string) => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < 0)
      throw new RangeError(`commission ${what} must be a non-negative number`);
    return parsed;
  };
  if (kind === 'none') return { kind: 'none' };
  if (kind === 'per_share') {
    return {
      kind,
      perShare: number(first, 'per share'),
      minimum: named.min === undefined ? 0 : number(named.min, 'minimum'),
      ...(named.max === undefined ? {} : { maximumFraction: number(named.max, 'maximum fraction') }),
    };
  }
  if (kind === 'percent')
    return {
      kind,
      bps: number(first, 'bps'),
      minimum: named.min === undefined ? 0 : number(named.min, 'minimum'),
    };
  if (kind === 'per_contract')
    return {
      kind,
      perContract: number(first, 'per contract'),
      minimum: named.min === undefined ? 0 : number(named.min, 'minimum'),
    };
  throw new RangeError(`unknown commission model "${kind}": use none, per_share, percent or per_contract`);
}
