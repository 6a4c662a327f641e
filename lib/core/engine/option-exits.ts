import { formatDollars } from '../money';

/**
 * When the engine closes an options strategy's position, in the strategy's own terms: at a profit
 * of `profitTarget` × the premium (a debit paid, or a credit received), at a loss of
 * `lossLimit` × the premium, or `exitDte` days before the nearest expiry. The backtester's
 * strategies apply the same numbers to their own mid-priced books; live, the engine applies them
 * to what the fills cost and what the legs are marked at.
 */
export interface OptionExitRules {
  profitTarget: number;
  lossLimit: number;
  exitDte: number;
}

/** The exit rules of an options strategy type from its parameters; null for other strategies. */
export function optionExitRulesOf(type: string, parameters: Record<string, unknown>): OptionExitRules | null {
  const number = (name: string) => {
    const value = parameters[name];
    return typeof value === 'number' ? value : Number.NaN;
  };
  if (type === 'atm_straddle')
    return {
      profitTarget: number('profit_target'),
      lossLimit: number('stop_loss'),
      exitDte: number('exit_dte'),
    };
  if (type === 'iron_condor')
    return {
      profitTarget: number('profit_target'),
      lossLimit: number('loss_multiple'),
      exitDte: number('exit_dte'),
    };
  return null;
}

/**
 * Why the position should close now, or null. `costCents` is what opening it cost (negative: a
 * credit), `valueCents` what it is worth at the legs' marks (negative: what buying it back costs).
 */
export function optionExitReason(
  rules: OptionExitRules,
  position: { costCents: number; valueCents: number; daysToExpiry: number },
): string | null {
  const premium = Math.abs(position.costCents);
  const pnl = position.valueCents - position.costCents;
  const money = (cents: number) => formatDollars(cents / 100);
  if (premium > 0 && pnl >= rules.profitTarget * premium)
    return `profit target: ${money(pnl)} made on ${money(premium)} of premium (target ${rules.profitTarget * 100} %)`;
  if (premium > 0 && -pnl >= rules.lossLimit * premium)
    return `loss limit: ${money(-pnl)} lost on ${money(premium)} of premium (limit ${rules.lossLimit * 100} %)`;
  if (position.daysToExpiry <= rules.exitDte)
    return `${position.daysToExpiry.toFixed(1)} days to expiry (exit at ${rules.exitDte})`;
  return null;
}
