import type { AlertLevel, RiskAlert } from '../risk/alerts';

/** What one channel receives: alerts at or above a level, at most so many per window. */
export interface ChannelPolicy {
  minimumLevel: AlertLevel;
  maxPerWindow: number;
  windowSeconds: number;
}

/** Alerts held back during a storm, sent later as one message. */
export interface Digest {
  /** The account of the latest alert held (its deliveries are recorded there). */
  accountId: string;
  from: string;
  to: string;
  count: number;
  /** How many of each code, most frequent first. */
  byCode: { code: string; count: number; level: AlertLevel }[];
}

/**
 * A channel's rate-limit state, small and plain so it can be kept anywhere (a Lambda container
 * is not a place to keep it: the next alert may land in another one, or none may come): the
 * window's start and what was sent in it, and the held alerts as their digest so far.
 */
export interface GateState {
  windowStart: number;
  sent: number;
  held: Digest | null;
}

export const EMPTY_GATE: GateState = { windowStart: 0, sent: 0, held: null };

const RANK: Record<AlertLevel, number> = { info: 0, warning: 1, critical: 2 };

/**
 * A channel's rate limit, pure (times are passed in): the first `maxPerWindow` alerts of a window
 * go out one by one; the rest are held and become one digest when the window closes — a storm of
 * rejections is one message, not three hundred. Critical alerts are never held (an emergency stop
 * is not news to batch), though they count towards the window.
 */
export function offerAlert(
  policy: ChannelPolicy,
  state: GateState,
  alert: RiskAlert,
  at: number,
): { decision: 'send' | 'held' | 'filtered'; state: GateState } {
  if (RANK[alert.level] < RANK[policy.minimumLevel]) return { decision: 'filtered', state };
  const fresh = at >= state.windowStart + policy.windowSeconds * 1_000;
  const window = fresh ? { ...state, windowStart: at, sent: 0 } : state;
  if (window.sent < policy.maxPerWindow || alert.level === 'critical')
    return { decision: 'send', state: { ...window, sent: window.sent + 1 } };
  return { decision: 'held', state: { ...window, held: withHeld(window.held, alert) } };
}

/** The digest of what was held, once its window has closed (or `force`); null when nothing is due. */
export function dueDigest(
  policy: ChannelPolicy,
  state: GateState,
  at: number,
  force = false,
): { digest: Digest | null; state: GateState } {
  if (!state.held) return { digest: null, state };
  if (!force && at < state.windowStart + policy.windowSeconds * 1_000) return { digest: null, state };
  return { digest: state.held, state: { ...state, held: null } };
}

function withHeld(held: Digest | null, alert: RiskAlert): Digest {
  const byCode = [...(held?.byCode ?? [])];
  const index = byCode.findIndex((entry) => entry.code === alert.code);
  const entry = index >= 0 ? byCode[index]! : { code: alert.code, count: 0, level: alert.level };
  const updated = {
    code: entry.code,
    count: entry.count + 1,
    level: RANK[alert.level] > RANK[entry.level] ? alert.level : entry.level,
  };
  if (index >= 0) byCode[index] = updated;
  else byCode.push(updated);
  byCode.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return {
    accountId: alert.accountId,
    from: held?.from ?? alert.at,
    to: alert.at,
    count: (held?.count ?? 0) + 1,
    byCode,
  };
}
