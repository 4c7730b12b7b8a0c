import { type FieldError, LOCALES, validationFailed } from '@touchpoint/core';

export const SOCIAL_NETWORKS = ['instagram', 'facebook', 'whatsapp', 'x', 'line', 'wechat'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];
export type AttributeValue = string | number | boolean | null;

export const ATTRIBUTE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]+$/;
const PHONE = /^\+?[0-9]{4,20}$/;

/** Emails compare case-insensitively, so they are stored lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
/** Phones are stored without spaces, dashes, dots or parentheses: "+81 90-1234-5678" → "+819012345678". */
export const normalizePhone = (phone: string) => phone.trim().replace(/[\s().-]/g, '');

export const isEmail = (value: string) => value.length <= 254 && EMAIL.test(value);
export const isPhone = (value: string) => PHONE.test(value);

/** The canonical IANA name ("asia/tokyo" → "Asia/Tokyo"), or null when the runtime does not know the zone. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z_+\-/0-9]{1,64}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isLocale = (value: string): value is (typeof LOCALES)[number] => (LOCALES as readonly string[]).includes(value);

/** The profile fields a person (or a CSV row) may set; absent means "leave as it is". */
export interface ContactFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  otherEmails?: string[];
  otherPhones?: string[];
  socialHandles?: Partial<Record<SocialNetwork, string>>;
  locale?: string | null;
  timeZone?: string | null;
  companyId?: string | null;
  /** Merged into the existing attributes; a null value removes that attribute. */
  attributes?: Record<string, AttributeValue>;
}

/** Checks and normalises profile fields, collecting every problem; returns the errors instead of throwing. */
export function checkContactFields(input: ContactFields): { value: ContactFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: ContactFields = { ...input };
  if (input.name !== undefined) {
    value.name = input.name.trim();
    if (value.name.length === 0 || value.name.length > 200) errors.push({ path: 'name', message: 'must have 1 to 200 characters' });
  }
  if (input.email) {
    value.email = normalizeEmail(input.email);
    if (!isEmail(value.email)) errors.push({ path: 'email', message: 'must be an email address' });
  } else if (input.email !== undefined) value.email = null;
  if (input.phone) {
    value.phone = normalizePhone(input.phone);
    if (!isPhone(value.phone)) errors.push({ path: 'phone', message: 'must be a phone number (digits, optionally starting with +)' });
  } else if (input.phone !== undefined) value.phone = null;
  if (input.otherEmails) {
    value.otherEmails = [...new Set(input.otherEmails.map(normalizeEmail))];
    value.otherEmails.forEach((email, i) => {
      if (!isEmail(email)) errors.push({ path: `otherEmails.${i}`, message: 'must be an email address' });
    });
  }
  if (input.otherPhones) {
    value.otherPhones = [...new Set(input.otherPhones.map(normalizePhone))];
    value.otherPhones.forEach((phone, i) => {
      if (!isPhone(phone)) errors.push({ path: `otherPhones.${i}`, message: 'must be a phone number' });
    });
  }
  if (input.locale) {
    if (!isLocale(input.locale)) errors.push({ path: 'locale', message: `must be one of ${LOCALES.join(', ')}` });
  } else if (input.locale !== undefined) value.locale = null;
  if (input.timeZone) {
    const zone = canonicalTimeZone(input.timeZone.trim());
    if (zone) value.timeZone = zone;
    else errors.push({ path: 'timeZone', message: 'must be an IANA time zone such as Asia/Tokyo' });
  } else if (input.timeZone !== undefined) value.timeZone = null;
  if (input.socialHandles) {
    for (const [network, handle] of Object.entries(input.socialHandles)) {
      if (!(SOCIAL_NETWORKS as readonly string[]).includes(network)) errors.push({ path: `socialHandles.${network}`, message: `must be one of ${SOCIAL_NETWORKS.join(', ')}` });
      else if (typeof handle !== 'string' || handle.trim().length === 0 || handle.length > 200) errors.push({ path: `socialHandles.${network}`, message: 'must have 1 to 200 characters' });
    }
  }
  if (input.attributes) {
    for (const [key, attribute] of Object.entries(input.attributes)) {
      if (!ATTRIBUTE_KEY.test(key)) errors.push({ path: `attributes.${key}`, message: 'keys are letters, digits, _ and - (at most 64)' });
      else if (typeof attribute === 'string' && attribute.length > 2000) errors.push({ path: `attributes.${key}`, message: 'must have at most 2000 characters' });
      else if (typeof attribute === 'number' && !Number.isFinite(attribute)) errors.push({ path: `attributes.${key}`, message: 'must be a finite number' });
    }
  }
  return { value, errors };
}

/** checkContactFields, throwing a 400 that names every bad field. */
export function validateContactFields(input: ContactFields): ContactFields {
  const { value, errors } = checkContactFields(input);
  if (errors.length > 0) throw validationFailed(errors);
  return value;
}

/** Applies an attribute patch: set values, drop keys patched to null, at most 100 attributes. */
export function patchAttributes(current: Record<string, AttributeValue>, patch: Record<string, AttributeValue> | undefined): Record<string, AttributeValue> {
  if (!patch) return current;
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > 100) throw validationFailed([{ path: 'attributes', message: 'a contact has at most 100 attributes' }]);
  return next;
}
