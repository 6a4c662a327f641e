import type { HealthReport } from '../../app/use-cases/check-health';
import type { MarketStatus } from '../../core/market/nyse-calendar';
import type { HealthResponse } from '../schemas/health';
import type * as z from '../zod';

export function toHealthDto(
  report: HealthReport,
  market: MarketStatus,
  clockOffsetMs: number,
): z.infer<typeof HealthResponse> {
  return {
    status: report.status,
    version: report.version,
    time: report.checkedAt.toISOString(),
    market: {
      clock: report.checkedAt.toISOString(),
      clock_offset_ms: clockOffsetMs,
      is_open: market.isOpen,
      next_open: market.nextOpen.toISOString(),
      next_close: market.nextClose.toISOString(),
    },
    checks: report.checks.map((check) => ({
      name: check.name,
      status: check.status,
      latency_ms: check.latencyMs,
    })),
  };
}
