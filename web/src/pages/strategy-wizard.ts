import { api } from '../api';
import { field, fill, h, setFieldError } from '../dom';
import { showError, valueOf } from '../forms';
import { readSchemaFields, schemaFields, type ParameterSchema } from '../schema-form';
import type { Strategies, StrategyConfig, StrategyType, Templates } from '../types';
import type { Page } from './page';

type Template = Templates['templates'][number];

/**
 * The creation wizard: 1. pick a type or a template; 2. name, symbols and parameters, the form
 * generated from the type's parameter schema; 3. review and create. The API validates again and
 * its messages appear under the fields they name.
 */
export const strategyWizardPage: Page = (root, params) => {
  let stopped = false;
  fill(root, h('h1', {}, 'New strategy'), h('p', { class: 'muted' }, 'Loading strategy types…'));
  void Promise.all([api.get<Strategies>('/api/strategies'), api.get<Templates>('/api/strategies/templates')])
    .then(([strategies, templates]) => {
      if (stopped) return;
      const chosenType = strategies.types.find((type) => type.type === params[0]);
      if (chosenType) return stepDetails(root, chosenType, null);
      stepChoose(root, strategies.types, templates.templates);
    })
    .catch((error: unknown) => showError(root, error));
  return () => {
    stopped = true;
  };
};

function steps(current: number): HTMLElement {
  const names = ['Type', 'Parameters', 'Review'];
  return h(
    'ol',
    { class: 'steps', 'aria-label': 'Wizard steps' },
    ...names.map((name, index) =>
      h(
        'li',
        {
          class: index === current ? 'current' : index < current ? 'done' : '',
          'aria-current': index === current ? 'step' : undefined,
        },
        name,
      ),
    ),
  );
}

function stepChoose(root: HTMLElement, types: readonly StrategyType[], templates: readonly Template[]): void {
  fill(
    root,
    h('h1', {}, 'New strategy'),
    steps(0),
    h('h2', {}, 'Start from a type'),
    h(
      'div',
      { class: 'cards' },
      ...types.map((type) =>
        h(
          'button',
          { class: 'card choice', 'data-type': type.type, onclick: () => stepDetails(root, type, null) },
          h('strong', {}, type.name),
          h('span', {}, type.description),
          h('small', { class: 'muted' }, `${type.asset_class} · ${type.regime}`),
        ),
      ),
    ),
    h('h2', {}, 'Or from a template'),
    h(
      'div',
      { class: 'cards' },
      ...templates.map((template) =>
        h(
          'button',
          {
            class: 'card choice',
            'data-template': template.template_id,
            onclick: () => {
              const type = types.find((candidate) => candidate.type === template.type);
              if (type) stepDetails(root, type, template);
            },
          },
          h('strong', {}, template.name),
          h('span', {}, template.description),
          h('small', { class: 'muted' }, `${template.type} · ${template.symbols.join(', ')}`),
        ),
      ),
    ),
  );
}

function stepDetails(root: HTMLElement, type: StrategyType, template: Template | null): void {
  const schema = type.parameters as ParameterSchema;
  const form = h(
    'form',
    { class: 'wizard', novalidate: true },
    field('Name', h('input', { name: 'name', required: true, maxlength: 100, value: template?.name ?? '' })),
    field(
      'Symbols',
      h('input', {
        name: 'symbols',
        value: template?.symbols.join(', ') ?? '',
        placeholder: 'AAPL, MSFT',
        autocomplete: 'off',
      }),
      'Comma-separated tickers',
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, `${type.name} parameters`),
      ...schemaFields(schema, template?.parameters ?? {}),
    ),
    h('p', { class: 'form-status', role: 'status' }),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button', href: '#/strategies/new' }, 'Back'),
      h('button', { type: 'submit', class: 'primary' }, 'Review'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = valueOf(form, 'name');
    setFieldError(form, 'name', name ? null : 'is required');
    const parameters = readSchemaFields(form, schema);
    if (!name || !parameters) return;
    const symbols = valueOf(form, 'symbols')
      .split(',')
      .map((symbol) => symbol.trim().toUpperCase())
      .filter(Boolean);
    stepReview(root, type, template, { name, symbols, parameters }, form);
  });
  showDetails(root, type, form);
}

/** Step 2 on screen: the type and its form (also where the review goes back to, with what was typed). */
function showDetails(root: HTMLElement, type: StrategyType, form: HTMLFormElement): void {
  fill(
    root,
    h('h1', {}, 'New strategy'),
    steps(1),
    h('h2', {}, type.name),
    h('p', {}, type.description),
    form,
  );
}

interface Draft {
  name: string;
  symbols: string[];
  parameters: Record<string, unknown>;
}

function stepReview(
  root: HTMLElement,
  type: StrategyType,
  template: Template | null,
  draft: Draft,
  details: HTMLFormElement,
): void {
  const status = h('p', { class: 'form-status', role: 'status' });
  const back = () => showDetails(root, type, details);
  const create = h('button', { class: 'primary', type: 'button' }, 'Create strategy');
  create.addEventListener('click', () => {
    create.disabled = true;
    api
      .post<StrategyConfig>('/api/strategies/create', {
        type: type.type,
        ...(template ? { template_id: template.template_id } : {}),
        name: draft.name,
        parameters: draft.parameters,
        ...(draft.symbols.length ? { symbols: draft.symbols } : {}),
      })
      .then((config) => {
        location.hash = `#/strategies/${config.id}`;
      })
      .catch((error: unknown) => {
        // Back to the form with the API's messages under the fields they name.
        back();
        showError(details, error, 'parameters.');
      })
      .finally(() => {
        create.disabled = false;
      });
  });
  fill(
    root,
    h('h1', {}, 'New strategy'),
    steps(2),
    h(
      'dl',
      { class: 'review' },
      h('dt', {}, 'Type'),
      h('dd', {}, type.name),
      h('dt', {}, 'Name'),
      h('dd', {}, draft.name),
      h('dt', {}, 'Symbols'),
      h('dd', {}, draft.symbols.join(', ') || 'the type’s default'),
      ...Object.entries(draft.parameters).flatMap(([key, value]) => [
        h('dt', {}, key),
        h('dd', {}, Array.isArray(value) ? value.join(', ') : String(value)),
      ]),
    ),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: back }, 'Edit'), create),
  );
}
