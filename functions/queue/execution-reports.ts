import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../lib/api/observability';
import { applyExecutionReport } from '../../lib/app/orders/apply-execution-report';
import type { ExecutionReport } from '../../lib/app/ports/execution-reports';
import { dependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * Applies execution reports from the FIFO queue. The FIFO processor stops at the first failure
 * and reports it and everything after it as failed, so an account's reports are never applied
 * out of order; SQS redelivers them, and applying is idempotent.
 */
const processor = new SqsFifoPartialProcessorAsync();

async function applyRecord(record: SQSRecord): Promise<void> {
  const report = JSON.parse(record.body) as ExecutionReport;
  try {
    await applyExecutionReport(dependencies().reportDependencies, report);
  } catch (error) {
    logger.error('execution report not applied', { reportId: report.reportId, error: error as Error });
    throw error;
  }
}

export const handler = taskHandler(async (event: SQSEvent, context) =>
  processPartialResponse(event, applyRecord, processor, { context }),
);
