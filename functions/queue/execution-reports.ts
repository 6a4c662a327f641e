import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../lib/api/observability';
import { applyExecutionReportsInOrder } from '../../lib/app/orders/apply-execution-report';
import type { ExecutionReport } from '../../lib/app/ports/execution-reports';
import { dependencies } from '../shared/dependencies';
import { alertPublisher } from '../shared/trading-dependencies';
import { alertIfLargeFill, endsAnOrder } from '../../lib/app/notifications/large-fill-alert';
import { readOncePerAccount } from '../../lib/app/notifications/notification-settings';
import { taskHandler } from '../shared/task-handler';

/**
 * Applies execution reports from the FIFO queue, a batch at a time and in its order (the
 * account writes of a batch go to the account together). The first report that fails is
 * reported with everything after it, so an account's reports are never applied out of order
 * (the FIFO partial-batch contract); SQS redelivers them, and applying is idempotent.
 */
export const handler = taskHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const reports = event.Records.map((record) => JSON.parse(record.body) as ExecutionReport);
  const deps = dependencies();
  const { applied, error } = await applyExecutionReportsInOrder(deps.reportDependencies, reports);
  // Orders these reports ended, announced when large. After the books, side by side, the
  // settings read once per account: a notification never holds up a fill, and one that fails
  // is logged (the fills stay applied).
  const notify = {
    orders: deps.orders,
    alerts: deps.alerts,
    alertPublisher: alertPublisher(),
    notificationSettings: readOncePerAccount(deps.notificationSettings),
  };
  await Promise.all(
    reports
      .slice(0, applied)
      .filter(endsAnOrder)
      .map((report) =>
        alertIfLargeFill(notify, report).catch((failure: unknown) =>
          logger.error('large-fill alert not raised', { reportId: report.reportId, error: failure as Error }),
        ),
      ),
  );
  if (applied < reports.length) {
    logger.error('execution report not applied', {
      reportId: reports[applied]!.reportId,
      notApplied: reports.length - applied,
      error: error as Error,
    });
  }
  return {
    batchItemFailures: event.Records.slice(applied).map((record) => ({ itemIdentifier: record.messageId })),
  };
});
