import { describe, expect, it } from 'vitest';
import { LIVE_CONFIRMATION, readSettings } from '../../lib/platform/settings';

const KEYS = { STRATUS_ALPACA_KEY_ID: 'PK1', STRATUS_ALPACA_SECRET_KEY: 'never-in-settings' };

describe('choosing the broker (STRATUS_BROKER)', () => {
  it('is the paper venue unless told otherwise', () => {
    expect(readSettings({}).broker).toEqual({ kind: 'paper' });
  });

  it('points alpaca-paper at Alpaca’s paper endpoint, and keeps the secret out of the settings', () => {
    const settings = readSettings({ STRATUS_BROKER: 'alpaca-paper', ...KEYS });
    expect(settings.broker).toEqual({
      kind: 'alpaca',
      live: false,
      tradingUrl: 'https://paper-api.alpaca.markets',
      dataUrl: 'https://data.alpaca.markets',
      feed: 'iex',
      secretArn: null,
      accountId: 'paper',
    });
    expect(JSON.stringify(settings)).not.toContain('never-in-settings');
  });

  it('refuses alpaca-live without the explicit confirmation, and takes it with it', () => {
    expect(() => readSettings({ STRATUS_BROKER: 'alpaca-live', ...KEYS })).toThrow(
      /STRATUS_ALPACA_LIVE_CONFIRM=real-money/,
    );
    expect(() =>
      readSettings({ STRATUS_BROKER: 'alpaca-live', STRATUS_ALPACA_LIVE_CONFIRM: 'yes', ...KEYS }),
    ).toThrow(/real money/);
    const live = readSettings({
      STRATUS_BROKER: 'alpaca-live',
      STRATUS_ALPACA_LIVE_CONFIRM: LIVE_CONFIRMATION,
      ...KEYS,
    });
    expect(live.broker).toMatchObject({
      kind: 'alpaca',
      live: true,
      tradingUrl: 'https://api.alpaca.markets',
    });
  });

  it('refuses an Alpaca broker without credentials, and a broker it does not know', () => {
    expect(() => readSettings({ STRATUS_BROKER: 'alpaca-paper' })).toThrow(/needs credentials/);
    expect(() => readSettings({ STRATUS_BROKER: 'ibkr' })).toThrow(/STRATUS_BROKER/);
    expect(
      readSettings({
        STRATUS_BROKER: 'alpaca-paper',
        STRATUS_ALPACA_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:alpaca',
      }).broker,
    ).toMatchObject({
      secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:alpaca',
    });
  });
});
