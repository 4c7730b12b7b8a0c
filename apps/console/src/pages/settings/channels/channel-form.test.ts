import { describe, expect, it } from 'vitest';
import type { ChannelField } from '../../../api/types.ts';
import { createChannelDraft, fieldErrorPath, inputTypeOf, isSecretEditable, toChannelSettings } from './channel-form.ts';

const FIELDS: ChannelField[] = [
  { key: 'phoneNumberId', required: true },
  { key: 'apiBaseUrl', kind: 'url', defaultValue: 'https://graph.facebook.com' },
  { key: 'accessToken', secret: true, required: true },
  { key: 'appSecret', secret: true, required: true },
];

describe('channel connect form', () => {
  it('starts from the stored settings and leaves every secret input empty', () => {
    const draft = createChannelDraft({ fields: FIELDS, config: { phoneNumberId: '1061', legacy: 'dropped' } });
    expect(draft).toEqual({ config: { phoneNumberId: '1061', apiBaseUrl: '' }, secrets: {}, replacing: [] });
  });

  it('sends every setting trimmed but only the secrets typed in, so untouched secrets are kept', () => {
    const draft = { config: { phoneNumberId: ' 1061 ', apiBaseUrl: '' }, secrets: { accessToken: '  EAAG  ', appSecret: '   ' }, replacing: ['accessToken'] };
    expect(toChannelSettings(FIELDS, draft)).toEqual({ config: { phoneNumberId: '1061', apiBaseUrl: '' }, secrets: { accessToken: 'EAAG' } });
  });

  it('shows an input for a secret that is not set yet or is being replaced, and "set" otherwise', () => {
    const [, , accessToken, appSecret] = FIELDS as [ChannelField, ChannelField, ChannelField, ChannelField];
    const draft = { config: {}, secrets: {}, replacing: ['appSecret'] };
    expect(isSecretEditable(accessToken, [], draft)).toBe(true);
    expect(isSecretEditable(accessToken, ['accessToken'], draft)).toBe(false);
    expect(isSecretEditable(appSecret, ['appSecret'], draft)).toBe(true);
  });

  it('finds field errors under config or secrets, and masks secrets', () => {
    expect(FIELDS.map(fieldErrorPath)).toEqual(['config.phoneNumberId', 'config.apiBaseUrl', 'secrets.accessToken', 'secrets.appSecret']);
    expect(FIELDS.map(inputTypeOf)).toEqual(['text', 'url', 'password', 'password']);
    expect(inputTypeOf({ key: 'fromNumber', kind: 'phone' })).toBe('tel');
  });
});
