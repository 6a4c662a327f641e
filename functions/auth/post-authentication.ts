import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { recordLogin } from '../../lib/app/audit/record-login';
import { dependencies } from '../shared/dependencies';

/** Cognito post-authentication trigger: every sign-in to the web UI or API is audited. */
export async function handler(
  event: PostAuthenticationTriggerEvent,
): Promise<PostAuthenticationTriggerEvent> {
  const { audit, clock } = dependencies();
  const attributes = event.request.userAttributes;
  await recordLogin(
    { audit, clock },
    {
      accountId: attributes['custom:account_id'] ?? 'unassigned',
      subject: attributes.sub ?? event.userName,
      source: event.triggerSource,
      clientId: event.callerContext?.clientId ?? null,
    },
  );
  return event;
}
