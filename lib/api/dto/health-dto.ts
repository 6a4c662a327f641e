import type { HealthReport } from '../../app/use-cases/check-health';
import type { HealthResponse } from '../schemas/health';
import type * as z from '../zod';

export function toHealthDto(report: HealthReport): z.infer<typeof HealthResponse> {
  return {
    status: report.status,
    version: report.version,
    time: report.checkedAt.toISOString(),
    checks: report.checks.map((check) => ({
      name: check.name,
      status: check.status,
      latency_ms: check.latencyMs,
    })),
  };
}
