import { type Outcome, ROUTES, type Route } from './routes';
import { ErrorBody } from './schemas/common';
import * as z from './zod';

type JsonSchema = Record<string, unknown>;

/** What any route can answer, besides its own outcomes. */
const ERROR_RESPONSES: Record<string, string> = {
  '400':
    'Invalid input: malformed JSON, wrong types, unknown fields, values out of range (details name each field)',
  '401': 'No valid token',
  '403':
    'The caller lacks the role this route needs; or, on the local host, a request from another origin or Host',
  '404': 'Not found',
  '405': 'The path does not take this method; the Allow header lists those it does',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '431': 'Request headers too large',
  '500': 'Unexpected error (the cause is logged, never returned)',
  '503':
    'Unavailable now, safe to retry: a dependency is down, or the request outlasted the 30 s gateway limit',
};

const ERROR_REF = { $ref: '#/components/schemas/Error' };
/** API Gateway's own body when an integration outlasts its limit: `{"message":"Service Unavailable"}`. */
const GATEWAY_MESSAGE = {
  type: 'object',
  properties: { message: { type: 'string' } },
  required: ['message'],
};

let cache: { version: string; document: JsonSchema } | undefined;

/** Named schemas (zod `.meta({ id })`) collected while building, published under components. */
type Components = Record<string, JsonSchema>;

/** The OpenAPI 3.1 document of the API, generated from the route table and its zod schemas. */
export function openApiDocument(version: string): JsonSchema {
  if (cache?.version === version) return cache.document;
  const components: Components = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, components);
  }
  toSchema(ErrorBody, 'output', components);
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Stratus API',
      version,
      description:
        'Serverless algorithmic trading: orders and execution, risk, strategies, backtests, analytics.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: components,
    },
  };
  cache = { version, document };
  return document;
}

function operation(route: Route, components: Components): Record<string, unknown> {
  const request: { body?: z.ZodMiniType; query?: z.ZodMiniType; params?: z.ZodMiniType } =
    'request' in route ? route.request : {};
  const parameters = [
    ...parametersOf(request.params, 'path', components),
    ...parametersOf(request.query, 'query', components),
  ];
  const responses: Record<string, unknown> = {
    [String(route.response.status)]: {
      description: route.response.description,
      content: { 'application/json': { schema: toSchema(route.response.schema, 'output', components) } },
    },
  };
  for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
    if (route.auth === 'public' && ['401', '403'].includes(status)) continue;
    const schema = status === '503' ? { anyOf: [ERROR_REF, GATEWAY_MESSAGE] } : ERROR_REF;
    responses[status] = { description, content: { 'application/json': { schema } } };
  }
  for (const outcome of 'outcomes' in route ? (route.outcomes as readonly Outcome[]) : []) {
    responses[String(outcome.status)] = {
      description: outcome.codes
        ? `${outcome.description}. Codes: ${outcome.codes.join(', ')}`
        : outcome.description,
      content: { 'application/json': { schema: outcomeSchema(outcome, components) } },
    };
  }
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    security: route.auth === 'public' ? [] : [{ bearer: [] }],
    'x-stratus-role': route.auth,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(request.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(request.body, 'input', components) } },
          },
        }
      : {}),
    responses,
  };
}

/** A refusal's body is the error body with one of its codes; another success has its own schema. */
function outcomeSchema(outcome: Outcome, components: Components): JsonSchema {
  if (outcome.schema) return toSchema(outcome.schema, 'output', components);
  const coded = {
    allOf: [
      ERROR_REF,
      { properties: { error: { properties: { code: { enum: [...new Set(outcome.codes ?? [])] } } } } },
    ],
  };
  return outcome.status === 503 ? { anyOf: [coded, GATEWAY_MESSAGE] } : coded;
}

function parametersOf(
  schema: z.ZodMiniType | undefined,
  location: 'path' | 'query',
  components: Components,
): JsonSchema[] {
  if (!schema) return [];
  // A query value arrives as text and is parsed ("25" → 25 within 1–500): the parameter is
  // documented as what it is parsed to (its output), and required as the input says.
  const json = toSchema(schema, 'input', components);
  const parsed = toSchema(schema, 'output', components);
  const properties = (parsed.properties ?? json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/**
 * JSON Schema of a zod schema. Named sub-schemas come back from zod as `$defs`; they are moved
 * to the document's components and the references rewritten to point there.
 */
function toSchema(schema: z.ZodMiniType, io: 'input' | 'output', components: Components): JsonSchema {
  const {
    $schema: _drop,
    $defs,
    ...json
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    components[id] = rewriteRefs(definition) as JsonSchema;
  }
  return rewriteRefs(json) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        key === '$ref' && typeof child === 'string'
          ? child.replace('#/$defs/', '#/components/schemas/')
          : rewriteRefs(child),
      ]),
    );
  }
  return value;
}
