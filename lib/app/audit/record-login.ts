import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';

export interface Login {
  accountId: string;
  subject: string;
  /** How the sign-in happened (Cognito's trigger source, e.g. PostAuthentication_Authentication). */
  source: string;
  clientId: string | null;
}

/**
 * Appends a sign-in to the account's audit log. Called by Cognito's post-authentication
 * trigger; if the record cannot be written the trigger fails and so does the sign-in — a login
 * that leaves no trace is refused (fail closed).
 */
export async function recordLogin(deps: { audit: AuditLog; clock: Clock }, login: Login): Promise<void> {
  await deps.audit.append({
    accountId: login.accountId,
    at: deps.clock.now().toISOString(),
    actor: login.subject,
    action: 'login',
    detail: { source: login.source, ...(login.clientId ? { clientId: login.clientId } : {}) },
  });
}
