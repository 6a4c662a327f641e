import { append, type Child, h } from './dom';
import { showError } from './forms';

/**
 * A modal confirmation built on <dialog> (focus trapping and Escape come with it). `onConfirm`
 * does the work; if it throws, the dialog stays open with the error (under the field the API
 * names, or in its status line); if it returns, the dialog closes.
 */
export function confirmDialog(options: {
  title: string;
  body: Child[];
  confirm: string;
  danger?: boolean;
  onConfirm: (form: HTMLFormElement) => Promise<void>;
}): void {
  const form = h('form', { method: 'dialog' });
  const dialog = h('dialog', { 'aria-labelledby': 'dialog-title' }, form);
  const submit = h(
    'button',
    { type: 'submit', class: options.danger ? 'danger' : 'primary' },
    options.confirm,
  );
  append(form, [
    h('h2', { id: 'dialog-title' }, options.title),
    ...options.body,
    h('p', { class: 'form-status', role: 'status' }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      submit,
    ),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    options
      .onConfirm(form)
      .then(() => dialog.close())
      .catch((error: unknown) => showError(form, error))
      .finally(() => {
        submit.disabled = false;
      });
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
