import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { WorkflowStatus, Workflows } from '../../app/ports/workflows';
import type { Order } from '../../core/orders/order';

/**
 * TWAP and iceberg parents run as Step Functions executions named after the order, so
 * starting one twice is harmless and the execution can be found again to stop it.
 */
export class SfnWorkflows implements Workflows {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachines: { twap: string; iceberg: string },
  ) {}

  async start(order: Order): Promise<void> {
    const stateMachineArn = this.machineFor(order);
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: order.orderId,
          input: JSON.stringify({ account_id: order.accountId, order_id: order.orderId }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  async status(order: Order): Promise<WorkflowStatus> {
    try {
      const { status } = await this.client.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(order) }),
      );
      return status === 'RUNNING' || status === 'PENDING_REDRIVE' ? 'running' : 'ended';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return 'absent';
      throw error;
    }
  }

  private executionArn(order: Order): string {
    return `${this.machineFor(order).replace(':stateMachine:', ':execution:')}:${order.orderId}`;
  }

  async stop(order: Order): Promise<void> {
    const executionArn = this.executionArn(order);
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause: 'order canceled' }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }

  private machineFor(order: Order): string {
    if (order.execution === 'twap') return this.stateMachines.twap;
    if (order.execution === 'iceberg') return this.stateMachines.iceberg;
    throw new Error(`order ${order.orderId} is worked ${order.execution}, not by a workflow`);
  }
}
