import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../lib/api/openapi';
import { ROUTES } from '../../lib/api/routes';
import { PlaceOrderBody } from '../../lib/api/schemas/orders';

describe('openApiDocument', () => {
  const document = openApiDocument('1.2.3') as {
    openapi: string;
    info: { version: string };
    paths: Record<
      string,
      Record<
        string,
        {
          security: unknown[];
          responses: Record<string, unknown>;
          parameters?: { name: string; in: string }[];
        }
      >
    >;
    components: { schemas: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 with the release version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
  });

  it.each(ROUTES.map((route) => [route.method, route.path, route.auth, String(route.response.status)]))(
    'documents %s %s with its security and responses',
    (method, path, auth, status) => {
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation).toBeDefined();
      expect(operation?.security).toEqual(auth === 'public' ? [] : [{ bearer: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining([status, '400', '500']));
    },
  );

  it('documents query parameters from the schemas', () => {
    const ledger = document.paths['/api/portfolio/ledger']?.get;
    expect(ledger?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['query:after', 'query:limit']);
  });

  it('resolves every $ref to a published component', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref as string);
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });

  it.each([
    [{ symbol: 'AAPL', side: 'buy', quantity: 1 }, true],
    [{ symbol: 'AAPL', side: 'buy', quantity: 1, order_type: 'limit' }, false],
    [{ symbol: 'AAPL', side: 'buy', quantity: 1, order_type: 'limit', price: 10 }, true],
    [{ symbol: 'AAPL', side: 'buy', quantity: 1, price: 10 }, false],
    [{ symbol: 'AAPL', side: 'buy', quantity: 1, twap: { slices: 3 } }, false],
    [{ symbol: 'AAPL', side: 'buy', quantity: 1, execution: 'twap', twap: { slices: 3 } }, true],
    [
      { symbol: 'AAPL', side: 'buy', quantity: 10, execution: 'auto', iceberg: { display_quantity: 5 } },
      false,
    ],
    [
      { symbol: 'AAPL', side: 'buy', quantity: 10, execution: 'iceberg', iceberg: { display_quantity: 5 } },
      true,
    ],
  ])('says the order’s cross-field rules as the API enforces them: %j valid %s', (body, valid) => {
    const ajv = new Ajv2020({ strict: false });
    // The document's own number formats (checked by the conformance test); here the cross-field rules.
    ajv.addFormat('price', { type: 'number', validate: () => true });
    const schema = document.components.schemas.PlaceOrder as object;
    expect(ajv.validate(schema, body)).toBe(valid);
    expect(PlaceOrderBody['~standard'].validate(body)).toSatisfy(
      (result: { issues?: unknown[] }) => (result.issues === undefined) === valid,
    );
  });
});
