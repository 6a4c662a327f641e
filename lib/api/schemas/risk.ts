import * as z from '../zod';
import { described } from '../zod';
import { queryInteger } from './common';

const Reason = z.optional(
  described(z.string().check(z.maxLength(200)), { description: 'Why; recorded in the audit log' }),
);

export const EmergencyStopBody = z.strictObject({
  reason: Reason,
  flatten: z.optional(
    described(z.boolean(), { description: 'Also close every position with a market order' }),
  ),
});

export const ResetBody = z.strictObject({ reason: Reason });

export const TradingStateResponse = described(
  z.object({
    trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
    changed_at: z.string(),
    changed_by: z.string(),
  }),
  { id: 'TradingState' },
);

export const EmergencyStopResponse = described(
  z.object({
    trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
    orders_canceled: z.array(z.string()),
    executions_stopped: z.array(z.string()),
    flattened: z.array(
      z.object({
        symbol: z.string(),
        quantity: z.number(),
        order_id: z.nullable(z.string()),
        error: z.nullable(z.string()),
      }),
    ),
  }),
  { id: 'EmergencyStop' },
);

export const AuditQuery = z.strictObject({ limit: z.optional(queryInteger(1, 500)) });

export const AuditResponse = described(
  z.object({
    records: z.array(
      z.object({
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        before: z.optional(z.unknown()),
        after: z.optional(z.unknown()),
        detail: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
  }),
  { id: 'Audit' },
);
