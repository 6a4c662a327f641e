import { field, h, setFieldError } from './dom';

/** The part of JSON Schema the strategy types use for their parameters. */
export interface ParameterSchema {
  type?: string;
  properties?: Record<string, PropertySchema>;
}

interface PropertySchema {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  description?: string;
  items?: { type?: string; enum?: unknown[] };
  minItems?: number;
  maxItems?: number;
}

const properties = (schema: ParameterSchema) => Object.entries(schema.properties ?? {});

function humanise(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(property: PropertySchema): string {
  const bounds =
    property.minimum !== undefined && property.maximum !== undefined
      ? ` (${property.minimum}–${property.maximum})`
      : property.minimum !== undefined
        ? ` (at least ${property.minimum})`
        : '';
  return `${property.description ?? ''}${bounds}`;
}

/**
 * Form fields generated from a strategy type's parameter schema: defaults filled in, bounds as
 * input limits and help text, enums as selects. `initial` overrides the defaults (a template or
 * the configuration being edited).
 */
export function schemaFields(schema: ParameterSchema, initial: Record<string, unknown> = {}): HTMLElement[] {
  return properties(schema).map(([name, property]) => {
    const value = initial[name] ?? property.default;
    const label = humanise(name);
    if (property.enum) {
      const select = h(
        'select',
        { name },
        ...property.enum.map((option) =>
          h('option', { value: String(option), selected: option === value }, String(option)),
        ),
      );
      return field(label, select, describe(property));
    }
    if (property.type === 'boolean') {
      const box = h('input', { type: 'checkbox', name, checked: value === true });
      return field(label, box, describe(property));
    }
    if (property.type === 'array') {
      const text = Array.isArray(value) ? value.join(', ') : '';
      return field(
        label,
        h('input', { name, value: text, autocomplete: 'off' }),
        `${describe(property)} — comma-separated`,
      );
    }
    const numeric = property.type === 'integer' || property.type === 'number';
    const input = h('input', {
      name,
      type: numeric ? 'number' : 'text',
      inputmode: numeric ? (property.type === 'integer' ? 'numeric' : 'decimal') : undefined,
      step: property.type === 'integer' ? 1 : numeric ? 'any' : undefined,
      value: value === undefined ? '' : String(value),
    });
    return field(label, input, describe(property));
  });
}

/** The problem with one value against its schema, in the API's words, or null. */
function problemWith(property: PropertySchema, raw: string): string | null {
  if (property.type === 'integer' || property.type === 'number') {
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) return 'must be a number';
    if (property.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
    if (property.minimum !== undefined && value < property.minimum)
      return `must be at least ${property.minimum}`;
    if (property.maximum !== undefined && value > property.maximum)
      return `must be at most ${property.maximum}`;
  }
  return null;
}

/**
 * Reads and checks the generated fields. Problems are shown under their fields and the result
 * is null; the API checks again (and checks what a schema cannot say, e.g. slow > fast).
 */
export function readSchemaFields(
  form: HTMLFormElement,
  schema: ParameterSchema,
): Record<string, unknown> | null {
  const values: Record<string, unknown> = {};
  let valid = true;
  for (const [name, property] of properties(schema)) {
    const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) continue;
    const raw = control.value.trim();
    const problem = problemWith(property, raw);
    setFieldError(form, name, problem);
    if (problem) {
      valid = false;
      continue;
    }
    if (property.type === 'boolean') values[name] = (control as HTMLInputElement).checked;
    else if (property.type === 'integer' || property.type === 'number') values[name] = Number(raw);
    else if (property.type === 'array')
      values[name] = raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => (property.items?.type === 'number' ? Number(item) : item));
    else if (property.enum && typeof property.enum[0] === 'number') values[name] = Number(raw);
    else values[name] = raw;
  }
  return valid ? values : null;
}
