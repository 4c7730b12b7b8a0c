import { describe, expect, it } from 'vitest';
import { checkTemplateValues, renderTemplate, templateSendComponents, templateUnsendableReason, templateVariables } from './whatsapp-template-text.ts';

const orderUpdate = {
  status: 'APPROVED',
  parameterFormat: 'positional',
  bodyText: 'Hi {{1}}, your order {{2}} ships on {{3}}. Thanks, {{1}}!',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order update' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}. Thanks, {{1}}!' },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track' }] },
  ],
};

describe('WhatsApp template text', () => {
  it('lists positional variables by number and named ones in order of use, each once', () => {
    expect(templateVariables(orderUpdate.bodyText, 'positional')).toEqual(['1', '2', '3']);
    expect(templateVariables('{{10}} then {{2}}', 'positional')).toEqual(['2', '10']);
    expect(templateVariables('Hi {{first_name}}, code {{ code }} for {{first_name}}', 'named')).toEqual(['first_name', 'code']);
  });

  it('renders what the customer reads: header, body with the values, footer', () => {
    expect(renderTemplate(orderUpdate, ['Aiko', '#1042', 'Monday'])).toBe('Order update\n\nHi Aiko, your order #1042 ships on Monday. Thanks, Aiko!\n\nReply STOP to opt out');
    expect(renderTemplate(orderUpdate, [])).toContain('Hi {{1}}, your order {{2}}');
  });

  it('builds the body parameters WhatsApp expects, positional or named', () => {
    expect(templateSendComponents(orderUpdate, ['Aiko', '#1042', 'Monday'])).toEqual([{ type: 'body', parameters: [{ type: 'text', text: 'Aiko' }, { type: 'text', text: '#1042' }, { type: 'text', text: 'Monday' }] }]);
    const named = { ...orderUpdate, parameterFormat: 'named', bodyText: 'Hi {{name}}', components: [{ type: 'BODY', text: 'Hi {{name}}' }] };
    expect(templateSendComponents(named, ['Aiko'])).toEqual([{ type: 'body', parameters: [{ type: 'text', parameter_name: 'name', text: 'Aiko' }] }]);
    expect(templateSendComponents({ ...orderUpdate, bodyText: 'Hello' }, [])).toEqual([]);
  });

  it('refuses the wrong number of values and values WhatsApp would refuse', () => {
    expect(checkTemplateValues(['1', '2'], ['a'])).toEqual([{ path: 'variables', message: 'the template has 2 variables, 1 given' }]);
    expect(checkTemplateValues(['1', '2', '3'], ['ok', ' ', 'two\nlines']).map((error) => error.path)).toEqual(['variables.1', 'variables.2']);
    expect(checkTemplateValues(['1'], ['fine'])).toEqual([]);
  });

  it('says why a template cannot be sent from Touchpoint', () => {
    expect(templateUnsendableReason(orderUpdate)).toBeNull();
    expect(templateUnsendableReason({ ...orderUpdate, status: 'PENDING' })).toContain('not approved');
    expect(templateUnsendableReason({ ...orderUpdate, components: [{ type: 'HEADER', format: 'IMAGE' }] })).toContain('header (image) needs content');
    expect(templateUnsendableReason({ ...orderUpdate, components: [{ type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }] })).toContain('header has variables');
    expect(templateUnsendableReason({ ...orderUpdate, components: [{ type: 'BUTTONS', buttons: [{ type: 'URL', url: 'https://shop.example/track/{{1}}' }] }] })).toContain('button has a variable');
  });
});
