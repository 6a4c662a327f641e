import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICEBERG_MAX_STEPS } from '../../lib/core/execution/iceberg-planner';
import { localClientConfig } from '../../lib/local/local-client-config';
import type { LocalHost } from '../../lib/local/local-host';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { call, startTestHost } from '../support/local-host';

/** Monday 2026-11-23, 09:31 New York. */
const OPEN = new Date('2026-11-23T14:31:00Z');
/** 16:00 New York, the close. */
const CLOSE = new Date('2026-11-23T21:00:00Z');

describe('an iceberg that works all day (the simulated clock follows its waits)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({
      startingCash: 1_000_000,
      clockStart: OPEN,
      waitOverrideMs: 0,
      clockFollowsWaits: true,
      scheduleIntervalMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reaches the close within its execution history, then ends with its clip cancelled and its reservation released', async () => {
    const quotes = (await call(`${host.url}/api/market/quotes?symbols=JNJ`)).body as {
      quotes: { symbol: string; bid: number }[];
    };
    // A bid far below the market: the clip rests all day, so the iceberg keeps looking until the close.
    const limit = Math.round(quotes.quotes[0]!.bid * 80) / 100;
    const placed = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'JNJ',
        side: 'buy',
        quantity: 500,
        order_type: 'limit',
        price: limit,
        execution: 'iceberg',
        iceberg: { display_quantity: 50 },
      }),
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as { id: string }).id;
    await host.settle();

    expect(host.clockOffsetMs + Date.now()).toBeGreaterThanOrEqual(CLOSE.getTime());
    const order = (await call(`${host.url}/api/orders/${id}`)).body as {
      status: string;
      filled_quantity: number;
      children: { status: string }[];
    };
    expect(order.status).toBe('canceled');
    expect(order.filled_quantity).toBe(0);
    expect(order.children.length).toBeGreaterThanOrEqual(1);
    expect(order.children.every((child) => child.status === 'canceled')).toBe(true);
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      cash: number;
      buying_power: number;
    };
    expect(portfolio.buying_power).toBe(portfolio.cash);

    // The execution succeeded: it never hit the 25,000-event cap that fails a Standard execution.
    const sfn = new SFNClient(localClientConfig(host.endpoints.stepFunctions));
    try {
      const execution = await sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${host.operatorEnvironment()[WORKFLOWS.iceberg.envVar]!.replace(':stateMachine:', ':execution:')}:${id}`,
        }),
      );
      expect(execution.status).toBe('SUCCEEDED');
      const output = JSON.parse(execution.output!) as { step: { steps: number } };
      expect(output.step.steps).toBeGreaterThan(1_000); // it really looked all day…
      expect(output.step.steps).toBeLessThanOrEqual(ICEBERG_MAX_STEPS); // …within its budget
    } finally {
      sfn.destroy();
    }
  });
});
