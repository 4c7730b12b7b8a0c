import type { Locale } from '../api/types.ts';
import { en } from './messages-en.ts';
import { ja } from './messages-ja.ts';
import { zh } from './messages-zh.ts';

export type MessageKey = keyof typeof en;
/** Every language has exactly the English keys: a missing or extra key fails the type check. */
export type Messages = Record<MessageKey, string>;

export const MESSAGES: Record<Locale, Messages> = { en, ja, zh };
