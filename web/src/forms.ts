import { ApiError } from './api';
import { clearFieldErrors, notify, setFieldError } from './dom';

/**
 * Shows an API error where it belongs: each field problem under its field (the API names the
 * field, e.g. `quantity` or `parameters.fast_period`), the message in the form's status line.
 */
export function showError(form: HTMLElement, error: unknown, prefix = ''): void {
  clearFieldErrors(form);
  const status = form.querySelector('.form-status');
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError) {
    for (const detail of error.details) {
      const name =
        prefix && detail.field.startsWith(prefix) ? detail.field.slice(prefix.length) : detail.field;
      if (!setFieldError(form, name, detail.problem)) setFieldError(form, detail.field, detail.problem);
    }
  }
  if (status) {
    status.textContent = message;
    status.className = 'form-status error';
  } else notify(message, 'error');
}

export function showDone(form: HTMLElement, message: string): void {
  clearFieldErrors(form);
  const status = form.querySelector('.form-status');
  if (status) {
    status.textContent = message;
    status.className = 'form-status ok';
  }
  notify(message);
}

/** The value of a named control in a form, trimmed. */
export function valueOf(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return control ? control.value.trim() : '';
}

export function checked(form: HTMLFormElement, name: string): boolean {
  return Boolean((form.elements.namedItem(name) as HTMLInputElement | null)?.checked);
}

/** A number from a form, or undefined when blank (the API then uses its default). */
export function numberOf(form: HTMLFormElement, name: string): number | undefined {
  const text = valueOf(form, name);
  return text === '' ? undefined : Number(text);
}
