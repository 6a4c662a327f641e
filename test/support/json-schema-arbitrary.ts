import fc from 'fast-check';

/** A JSON Schema node as the OpenAPI document publishes it (the subset zod emits). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  default?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Looks up `#/components/schemas/X` references in the document the schemas came from. */
export type Resolve = (schema: JsonSchema) => JsonSchema;

export function resolverFor(components: Record<string, JsonSchema>): Resolve {
  const resolve: Resolve = (schema) => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target) throw new Error(`unresolved reference ${schema.$ref}`);
    return resolve(target);
  };
  return resolve;
}

const LARGEST_ARRAY = 4;

/**
 * Values a schema accepts, as far as JSON Schema can say it: a generator of requests the
 * document calls valid. Refinements JSON Schema cannot express (a calendar day that exists,
 * `from` before `to`) are not known here, so some generated values are rightly refused; the
 * documented examples are drawn often so the requests also reach the deeper paths.
 */
export function arbitraryOf(schema: JsonSchema, context: Context, name?: string): fc.Arbitrary<unknown> {
  const node = context.resolve(schema);
  const generated = generatedBy(node, context, name);
  const known = name === undefined ? undefined : context.known[name];
  const likely = known && isScalar(node) ? known : node.examples;
  if (likely && likely.length > 0)
    return fc.oneof(
      { arbitrary: fc.constantFrom(...likely), weight: 3 },
      { arbitrary: generated, weight: 1 },
    );
  return generated;
}

/**
 * What generation knows besides the schema: how to follow references, and values that exist
 * (ids of stored objects, listed symbols) by field name, drawn often so requests find them.
 */
export interface Context {
  resolve: Resolve;
  known: Record<string, readonly unknown[]>;
}

/** Known values stand for strings and numbers only (a list of symbols takes them item by item). */
function isScalar(node: JsonSchema): boolean {
  return node.type === 'string' || node.type === 'integer' || node.type === 'number';
}

function generatedBy(node: JsonSchema, context: Context, name?: string): fc.Arbitrary<unknown> {
  if (node.const !== undefined) return fc.constant(node.const);
  if (node.enum) return fc.constantFrom(...node.enum);
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => arbitraryOf(branch, context, name)));
  const type = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (type.length > 1)
    return fc.oneof(...type.map((one) => generatedBy({ ...node, type: one }, context, name)));
  switch (type[0]) {
    case 'string':
      return stringOf(node);
    case 'integer':
      return integerOf(node);
    case 'number':
      return numberOf(node);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(node.items ? arbitraryOf(node.items, context, name) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: node.minItems ?? 0,
        maxLength: Math.max(node.minItems ?? 0, Math.min(node.maxItems ?? LARGEST_ARRAY, LARGEST_ARRAY)),
      });
    case 'object':
      return objectOf(node, context);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function stringOf(node: JsonSchema): fc.Arbitrary<string> {
  const minLength = node.minLength ?? 0;
  const maxLength = node.maxLength ?? 40;
  if (node.pattern) {
    return fc
      .stringMatching(new RegExp(node.pattern))
      .filter((text) => text.length >= minLength && text.length <= maxLength);
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)) });
}

function integerOf(node: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(
    node.minimum ?? Number.MIN_SAFE_INTEGER,
    node.exclusiveMinimum === undefined ? Number.MIN_SAFE_INTEGER : Math.floor(node.exclusiveMinimum) + 1,
    Number.MIN_SAFE_INTEGER,
  );
  const max = Math.min(
    node.maximum ?? Number.MAX_SAFE_INTEGER,
    node.exclusiveMaximum === undefined ? Number.MAX_SAFE_INTEGER : Math.ceil(node.exclusiveMaximum) - 1,
    Number.MAX_SAFE_INTEGER,
  );
  // Small values are the everyday ones; the bounds are where the bugs live.
  return fc.oneof(
    {
      arbitrary: fc.integer({ min: Math.max(min, 0), max: Math.max(Math.min(max, 1_000), Math.max(min, 0)) }),
      weight: 3,
    },
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
    { arbitrary: fc.integer({ min, max }), weight: 1 },
  );
}

/** Decimals a number format allows: money to the cent, prices to the sub-penny tick. */
const FORMAT_DECIMALS: Record<string, number> = { dollars: 2, price: 4 };

function numberOf(node: JsonSchema): fc.Arbitrary<number> {
  const decimals = node.format === undefined ? undefined : FORMAT_DECIMALS[node.format];
  const scale = decimals === undefined ? 1 : 10 ** decimals;
  const min = node.minimum ?? node.exclusiveMinimum ?? -1e12;
  const max = node.maximum ?? node.exclusiveMaximum ?? 1e12;
  const accepted = (value: number) =>
    (node.exclusiveMinimum === undefined || value > node.exclusiveMinimum) &&
    (node.exclusiveMaximum === undefined || value < node.exclusiveMaximum);
  return fc
    .oneof(
      {
        arbitrary: fc.integer({ min: Math.ceil(Math.max(min, 0)), max: Math.floor(Math.min(max, 1_000)) }),
        weight: 2,
      },
      { arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), weight: 2 },
      { arbitrary: fc.constantFrom(min, max, Number.MIN_VALUE), weight: 1 },
    )
    .map((value) => (decimals === undefined ? value : Math.round(value * scale) / scale))
    .filter((value) => value >= min && value <= max && accepted(value));
}

function objectOf(node: JsonSchema, context: Context): fc.Arbitrary<Record<string, unknown>> {
  const properties = node.properties ?? {};
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [name, arbitraryOf(child, context, name)]),
    ),
    { requiredKeys: (node.required ?? []).filter((name) => name in properties) },
  );
  const extra = node.additionalProperties;
  if (!extra || extra === true || Object.keys(properties).length > 0) return record;
  const keys = node.propertyNames
    ? (arbitraryOf(node.propertyNames, context) as fc.Arbitrary<string>)
    : fc.string();
  return fc.dictionary(keys, arbitraryOf(extra, context), { maxKeys: 3 });
}
