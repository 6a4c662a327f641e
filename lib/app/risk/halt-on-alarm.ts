import type { OrderDependencies } from '../orders/order-dependencies';
import { emergencyStop } from './emergency-stop';
import { measureRisk } from './measure-risk';
import type { AlarmEvent } from './risk-alarms';

/**
 * What a CloudWatch alarm on the risk metrics does: pulls the kill switch. The metric is the
 * worst across accounts, so the accounts now in breach are halted; if none can be found (the
 * breach passed, or measuring failed) every account is halted — an alarm never goes unanswered.
 */
export async function haltOnAlarm(
  deps: OrderDependencies,
  event: AlarmEvent,
): Promise<{ halted: string[]; ordersCanceled: number }> {
  const { alarmName, state } = event.alarmData;
  if (state.value !== 'ALARM') return { halted: [], ordersCanceled: 0 };
  const accountIds = await deps.accounts.listAccountIds();
  const breached: string[] = [];
  for (const accountId of accountIds) {
    try {
      if ((await measureRisk(deps, accountId)).breaches.includes('daily_loss')) breached.push(accountId);
    } catch {
      // Unmeasurable: decided below, with the rest.
    }
  }
  const targets = breached.length > 0 ? breached : accountIds;
  let ordersCanceled = 0;
  for (const accountId of targets) {
    // The stop raises its own critical alert, naming the alarm.
    const result = await emergencyStop(deps, accountId, `cloudwatch-alarm:${alarmName}`, {
      reason: `CloudWatch alarm ${alarmName}: ${state.reason}`,
      alarm: alarmName,
    });
    ordersCanceled += result.ordersCanceled.length;
  }
  return { halted: targets, ordersCanceled };
}
