import { describe, expect, it } from 'vitest';
import { buildMapUrl, readChannelData } from './channel-data.ts';

describe('channel data shown on a message', () => {
  it('reads a location with its name and address and links it to a map by its coordinates', () => {
    const [location] = readChannelData({ location: { latitude: 35.6586, longitude: '139.7454', name: 'Tokyo Tower', address: '4 Chome-2-8 Shibakoen' } });
    expect(location).toEqual({
      kind: 'location', latitude: 35.6586, longitude: 139.7454, name: 'Tokyo Tower', address: '4 Chome-2-8 Shibakoen',
      mapUrl: 'https://www.openstreetmap.org/?mlat=35.658600&mlon=139.745400#map=16/35.658600/139.745400',
    });
  });

  it('drops a location whose coordinates are missing, not numbers or off the globe', () => {
    expect(readChannelData({ location: { latitude: 'north', longitude: 1 } })).toEqual([]);
    expect(readChannelData({ location: { latitude: 91, longitude: 0 } })).toEqual([]);
    expect(readChannelData({ location: 'javascript:alert(1)' })).toEqual([]);
  });

  it('never uses a link the provider sent: the map address is built from numbers only', () => {
    const [location] = readChannelData({ location: { latitude: 1, longitude: 2, url: 'javascript:alert(1)' } });
    expect(location).toMatchObject({ mapUrl: buildMapUrl(1, 2) });
  });

  it('reads a reaction given as text or as an object, and ignores an emptied one', () => {
    expect(readChannelData({ reaction: '👍' })).toEqual([{ kind: 'reaction', emoji: '👍' }]);
    expect(readChannelData({ reaction: { message_id: 'wamid.1', emoji: '❤️' } })).toEqual([{ kind: 'reaction', emoji: '❤️' }]);
    expect(readChannelData({ reaction: { emoji: '' } })).toEqual([]);
  });

  it('reads email cc in its usual shapes and the subject', () => {
    expect(readChannelData({ cc: 'a@example.com, b@example.com' })).toEqual([{ kind: 'cc', addresses: ['a@example.com', 'b@example.com'] }]);
    expect(readChannelData({ cc: [{ name: 'Ken', address: 'ken@example.com' }, { email: 'mio@example.com' }, 42, null] })).toEqual([
      { kind: 'cc', addresses: ['Ken <ken@example.com>', 'mio@example.com', '42'] },
    ]);
    expect(readChannelData({ subject: '  Re:   order  #42 ' })).toEqual([{ kind: 'subject', text: 'Re: order #42' }]);
  });

  it('reads a template by name with its language', () => {
    expect(readChannelData({ template: { name: 'order_shipped', language: { code: 'ja' } } })).toEqual([{ kind: 'template', name: 'order_shipped', language: 'ja' }]);
    expect(readChannelData({ template: 'welcome' })).toEqual([{ kind: 'template', name: 'welcome', language: null }]);
  });

  it('keeps markup as plain text, cuts long values and ignores keys it does not know', () => {
    const items = readChannelData({ subject: `<b>${'x'.repeat(400)}</b>`, headers: { 'message-id': '<1@x>' } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'subject' });
    expect((items[0] as { text: string }).text).toHaveLength(300);
    expect((items[0] as { text: string }).text.startsWith('<b>')).toBe(true);
  });

  it('answers nothing for a message without channel data', () => {
    expect(readChannelData(undefined)).toEqual([]);
    expect(readChannelData({})).toEqual([]);
  });

  it('reads an email\'s automatic-reply reason, quarantine reason, quoted history and sanitized html', () => {
    expect(readChannelData({ autoReplyReason: 'Auto-Submitted: auto-replied', quarantine: 'the MIME structure is broken', quoted: '> earlier', html: '<p>Hi</p>' })).toEqual([
      { kind: 'autoReply', reason: 'Auto-Submitted: auto-replied' },
      { kind: 'quarantine', reason: 'the MIME structure is broken' },
      { kind: 'quoted', text: '> earlier' },
      { kind: 'html', html: '<p>Hi</p>' },
    ]);
    expect(readChannelData({ html: 42, quoted: '   ', autoReplyReason: { nested: true } })).toEqual([]);
  });
});
