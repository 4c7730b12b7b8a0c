import { createHash, randomBytes } from 'node:crypto';

/** A random secret for URLs, cookies and keys: 32 bytes, base64url. */
export const generateSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database leak does not leak live sessions or keys. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
