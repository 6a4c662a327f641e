import { describe, expect, it } from 'vitest';
import { loopbackRefusal } from '../../lib/local/loopback-origin-guard';

describe('loopbackRefusal (the local host bound to loopback)', () => {
  it.each([
    [{ host: '127.0.0.1:5000' }, null],
    [{ host: 'localhost:5000' }, null],
    [{ host: '[::1]:5000' }, null],
    [{ host: 'LOCALHOST:5000', origin: 'http://localhost:5000' }, null],
    [{ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' }, null],
    [{ host: 'localhost:5000', origin: 'http://127.0.0.1:5000' }, null],
  ])('lets %j through', (headers, expected) => {
    expect(loopbackRefusal(headers, 5000)).toBe(expected);
  });

  it.each([
    [{ host: 'evil.example:5000' }, /Host "evil.example:5000" is not this host/],
    [{ host: '127.0.0.1:5001' }, /is not this host/],
    [{}, /Host "" is not this host/],
    [
      { host: '127.0.0.1:5000', origin: 'http://evil.example' },
      /Origin "http:\/\/evil.example" is not this host's own origin/,
    ],
    [{ host: '127.0.0.1:5000', origin: 'null' }, /Origin "null"/],
    [{ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:8080' }, /is not this host's own origin/],
    [{ host: '127.0.0.1:5000', origin: 'https://127.0.0.1:5000' }, /is not this host's own origin/],
  ])('refuses %j', (headers, reason) => {
    expect(loopbackRefusal(headers, 5000)).toMatch(reason);
  });
});
