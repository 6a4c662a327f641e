import { localClientConfig } from '../../lib/local/local-client-config';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../lib/local/local-iam';
import { type LocalStepFunctions, startLocalStepFunctions } from '../../lib/local/local-step-functions';

/** A small workflow using the features TWAP needs: Map over slices, Wait, Choice, Task with Retry. */
const SLICER = {
  StartAt: 'Slices',
  States: {
    Slices: {
      Type: 'Map',
      ItemsPath: '$.slices',
      MaxConcurrency: 1,
      ItemProcessor: {
        StartAt: 'Pause',
        States: {
          Pause: { Type: 'Wait', Seconds: 3600, Next: 'Submit' },
          Submit: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:submit-slice',
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }],
            End: true,
          },
        },
      },
      ResultPath: '$.results',
      Next: 'Done?',
    },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.results[0].ok', BooleanEquals: true, Next: 'Succeeded' }],
      Default: 'Failed',
    },
    Succeeded: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'SliceFailed' },
  },
};

const BLOCKING = {
  StartAt: 'Forever',
  States: { Forever: { Type: 'Wait', Seconds: 86_400, End: true } },
};

describe('local Step Functions endpoint (real SFNClient, real ASL)', () => {
  let endpoint: LocalStepFunctions;
  let client: SFNClient;
  const submitted: unknown[] = [];

  beforeAll(async () => {
    endpoint = await startLocalStepFunctions({
      waitOverrideMs: 0,
      workflows: [
        {
          name: 'slicer',
          type: 'STANDARD',
          definition: SLICER,
          taskHandlers: {
            Submit: async (input) => {
              submitted.push(input);
              return { ok: true, quantity: (input as { quantity: number }).quantity };
            },
          },
        },
      ],
    });
    client = new SFNClient(localClientConfig(endpoint.endpoint));
  });

  afterAll(async () => {
    client?.destroy();
    await endpoint?.stop();
  });

  it('runs an execution to completion through every state, in order', async () => {
    const input = JSON.stringify({ slices: [{ quantity: 30 }, { quantity: 30 }, { quantity: 40 }] });
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('slicer'), name: 'parent-1', input }),
    );
    await endpoint.settled(executionArn!);
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!).results.map((r: { quantity: number }) => r.quantity)).toEqual([
      30, 30, 40,
    ]);
    expect(submitted).toEqual([{ quantity: 30 }, { quantity: 30 }, { quantity: 40 }]);
  });

  it('treats the same name and input as a replay, a different input as a conflict', async () => {
    const input = JSON.stringify({ slices: [{ quantity: 1 }] });
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('slicer'), name: 'dup', input }),
    );
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('slicer'), name: 'dup', input }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      client.send(
        new StartExecutionCommand({
          stateMachineArn: endpoint.arnOf('slicer'),
          name: 'dup',
          input: '{"slices":[]}',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('answers an unknown execution with the service error', async () => {
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:slicer:nope',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});

describe('local Step Functions endpoint without wait overrides', () => {
  it('stops a running execution mid-Wait and reports it ABORTED', async () => {
    const endpoint = await startLocalStepFunctions({
      workflows: [{ name: 'blocking', type: 'STANDARD', definition: BLOCKING, taskHandlers: {} }],
    });
    const client = new SFNClient(localClientConfig(endpoint.endpoint));
    try {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('blocking'), name: 'stop-me' }),
      );
      expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      await client.send(new StopExecutionCommand({ executionArn, cause: 'operator' }));
      await endpoint.settled(executionArn!);
      const description = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(description.status).toBe('ABORTED');
      expect(description.cause).toBe('operator');
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });
});

/** A poll loop: a task, a look, a pause, forever (what the iceberg was before its budget). */
const POLLING = {
  StartAt: 'Look',
  States: {
    Look: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:look',
      ResultPath: '$.look',
      Next: 'Done?',
    },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.look.done', BooleanEquals: true, Next: 'Done' }],
      Default: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 2, Next: 'Look' },
    Done: { Type: 'Succeed' },
  },
};

const ONE_TASK = {
  StartAt: 'Big',
  States: {
    Big: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:big', End: true },
  },
};

describe('local Step Functions endpoint: the service quotas hold', () => {
  it('fails a Standard execution when its history would pass 25,000 events, as AWS does', async () => {
    let looks = 0;
    const endpoint = await startLocalStepFunctions({
      waitOverrideMs: 0,
      workflows: [
        {
          name: 'polling',
          type: 'STANDARD',
          definition: POLLING,
          taskHandlers: { Look: async () => ({ done: ++looks > 100_000 }) },
        },
      ],
    });
    const client = new SFNClient(localClientConfig(endpoint.endpoint));
    try {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('polling'), name: 'forever' }),
      );
      await endpoint.settled(executionArn!);
      const description = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(description).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(description.cause).toMatch(/25000/);
      // 9 events a loop (a task's 5, a choice's 2, a wait's 2): the cap is reached near 25,000 / 9.
      expect(looks).toBeGreaterThan(2_700);
      expect(looks).toBeLessThan(2_800);
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });

  it('fails a state whose output passes 256 KB, and refuses such an input at the start', async () => {
    const endpoint = await startLocalStepFunctions({
      waitOverrideMs: 0,
      workflows: [
        {
          name: 'big',
          type: 'STANDARD',
          definition: ONE_TASK,
          taskHandlers: { Big: async () => ({ blob: 'x'.repeat(300_000) }) },
        },
      ],
    });
    const client = new SFNClient(localClientConfig(endpoint.endpoint));
    try {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('big'), name: 'too-big' }),
      );
      await endpoint.settled(executionArn!);
      const description = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(description).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
      await expect(
        client.send(
          new StartExecutionCommand({
            stateMachineArn: endpoint.arnOf('big'),
            name: 'big-input',
            input: JSON.stringify({ blob: 'x'.repeat(300_000) }),
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });

  it('checks each call against the caller’s grants', async () => {
    const endpoint = await startLocalStepFunctions({
      workflows: [{ name: 'blocking', type: 'STANDARD', definition: BLOCKING, taskHandlers: {} }],
      authorize: (key, action) => {
        if (key !== 'allowed' || action !== 'states:StartExecution') throw new AccessDenied(key, action, '*');
      },
    });
    const as = (key: string) =>
      new SFNClient({
        ...localClientConfig(endpoint.endpoint),
        credentials: { accessKeyId: key, secretAccessKey: 'x' },
      });
    const [allowed, stranger] = [as('allowed'), as('stranger')];
    try {
      await expect(
        stranger.send(new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('blocking'), name: 'no' })),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' });
      const { executionArn } = await allowed.send(
        new StartExecutionCommand({ stateMachineArn: endpoint.arnOf('blocking'), name: 'yes' }),
      );
      await expect(allowed.send(new StopExecutionCommand({ executionArn }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
      });
    } finally {
      allowed.destroy();
      stranger.destroy();
      await endpoint.stop();
    }
  });
});
