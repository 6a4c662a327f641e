import { type App, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions pack on the app, with the stack-wide acknowledgements Stratus
 * makes knowingly. Each one says why; findings on single resources are acknowledged next to
 * the resource instead.
 */
export function applyNag(app: App, stack: Stack): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  for (const acknowledgement of STACK_ACKNOWLEDGEMENTS) Validations.of(stack).acknowledge(acknowledgement);
}

const STACK_ACKNOWLEDGEMENTS: { id: string; reason: string }[] = [];
