import type { FieldError } from '@touchpoint/core';

/** One component of a template as Meta describes it (HEADER, BODY, FOOTER, BUTTONS). */
export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: { type: string; text?: string; url?: string }[];
}

export interface TemplateShape {
  status: string;
  bodyText: string;
  components: unknown[];
  parameterFormat: string;
}

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const componentsOf = (template: Pick<TemplateShape, 'components'>) =>
  template.components.filter((component): component is TemplateComponent => typeof component === 'object' && component !== null && typeof (component as TemplateComponent).type === 'string');

const componentOfType = (template: Pick<TemplateShape, 'components'>, type: string) => componentsOf(template).find((component) => component.type.toUpperCase() === type);

/**
 * The body's variables in the order a send gives their values: `1, 2, 3` for positional templates (by number, each
 * once), names in order of first use for named ones.
 */
export function templateVariables(bodyText: string, parameterFormat: string): string[] {
  const names = [...new Set([...bodyText.matchAll(VARIABLE)].map((match) => match[1]!))];
  return parameterFormat === 'named' ? names : names.sort((a, b) => Number(a) - Number(b));
}

/**
 * Why Touchpoint cannot send this template, or null when it can: only approved templates reach customers, and the
 * composer fills body variables only (a media header or a variable in a header or button needs more than text).
 */
export function templateUnsendableReason(template: TemplateShape): string | null {
  if (template.status.toUpperCase() !== 'APPROVED') return `Meta has not approved it (status ${template.status})`;
  const header = componentOfType(template, 'HEADER');
  if (header && header.format && header.format.toUpperCase() !== 'TEXT') return `its header (${header.format.toLowerCase()}) needs content Touchpoint does not send yet`;
  if (header?.text && /\{\{/.test(header.text)) return 'its header has variables, which Touchpoint does not fill yet';
  const buttons = componentOfType(template, 'BUTTONS')?.buttons ?? [];
  if (buttons.some((button) => button.url && /\{\{/.test(button.url))) return 'a button has a variable, which Touchpoint does not fill yet';
  if (buttons.some((button) => ['OTP', 'COPY_CODE', 'FLOW', 'CATALOG', 'MPM'].includes(button.type.toUpperCase()))) return 'a button needs a value, which Touchpoint does not fill yet';
  return null;
}

/** What a variable value may hold: Meta refuses new lines, tabs and more than four spaces in a row. */
export function checkTemplateValues(variables: string[], values: string[]): FieldError[] {
  if (values.length !== variables.length) return [{ path: 'variables', message: `the template has ${variables.length} variable${variables.length === 1 ? '' : 's'}, ${values.length} given` }];
  return values.flatMap((value, index) => {
    if (!value.trim()) return [{ path: `variables.${index}`, message: 'must not be empty' }];
    if (/[\n\r\t]/.test(value) || / {5,}/.test(value)) return [{ path: `variables.${index}`, message: 'must not contain new lines, tabs or more than four spaces in a row' }];
    if (value.length > 1024) return [{ path: `variables.${index}`, message: 'must be at most 1024 characters' }];
    return [];
  });
}

/** The text the customer will read: header, body with the values in, footer. */
export function renderTemplate(template: TemplateShape, values: string[]): string {
  const variables = templateVariables(template.bodyText, template.parameterFormat);
  const byName = new Map(variables.map((name, index) => [name, values[index] ?? `{{${name}}}`]));
  const body = template.bodyText.replace(VARIABLE, (whole, name: string) => byName.get(name) ?? whole);
  const header = componentOfType(template, 'HEADER');
  const footer = componentOfType(template, 'FOOTER');
  return [header?.format?.toUpperCase() === 'TEXT' || (!header?.format && header?.text) ? header?.text : null, body, footer?.text].filter((part): part is string => Boolean(part?.trim())).join('\n\n');
}

/** The `components` of a template send: the body's parameters, positional or named. */
export function templateSendComponents(template: TemplateShape, values: string[]): unknown[] {
  const variables = templateVariables(template.bodyText, template.parameterFormat);
  if (variables.length === 0) return [];
  const named = template.parameterFormat === 'named';
  return [{ type: 'body', parameters: variables.map((name, index) => ({ type: 'text', ...(named ? { parameter_name: name } : {}), text: values[index] ?? '' })) }];
}
