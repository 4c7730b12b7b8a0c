import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The draw algorithm, versioned: a receipt names the version it was drawn with, and a version never changes meaning.
 *
 * `hmac-sha256-v1`:
 * 1. The server seed is 32 bytes from the operating system's CSPRNG, written as 64 lowercase hex characters.
 *    Its commitment is SHA-256 over those 64 characters (UTF-8), in lowercase hex, published before the play.
 * 2. The customer's client seed and the play's nonce are joined as `<clientSeed>:<nonce>` (nonce in decimal).
 * 3. digest = HMAC-SHA256(key = the server seed's 64 characters as UTF-8, message = that string as UTF-8).
 * 4. roll = the first 6 bytes of the digest as a big-endian unsigned integer, divided by 2^48: uniform in [0, 1).
 * 5. ticket = floor(roll × total weight); the prize is the first line of the table, in its order, whose running
 *    sum of weights exceeds the ticket. Odds of a line = its weight / total weight.
 * 6. The drawn prize is awarded only if it still has stock and fits the campaign budget; otherwise the outcome is
 *    "try again" (the fallback), recorded on the receipt as `fallback: true`.
 */
export const DRAW_ALGORITHM = 'hmac-sha256-v1';
export const DRAW_ALGORITHMS = [DRAW_ALGORITHM] as const;
export type DrawAlgorithm = (typeof DRAW_ALGORITHMS)[number];

const ROLL_BYTES = 6;
const ROLL_SPACE = 2 ** (ROLL_BYTES * 8);

export interface WeightedLine {
  id: string;
  weight: number;
}

export interface ReceiptProof {
  serverSeed: string;
  serverSeedHash: string;
  clientSeed: string;
  nonce: number;
  algorithm: string;
}

/** A fresh server seed and its commitment. */
export function drawServerSeed() {
  const serverSeed = randomBytes(32).toString('hex');
  return { serverSeed, serverSeedHash: hashServerSeed(serverSeed) };
}

export function hashServerSeed(serverSeed: string) {
  return createHash('sha256').update(serverSeed, 'utf8').digest('hex');
}

/** Step 3–4 of `hmac-sha256-v1`: the roll in [0, 1). */
export function computeRoll(serverSeed: string, clientSeed: string, nonce: number) {
  const digest = createHmac('sha256', Buffer.from(serverSeed, 'utf8')).update(`${clientSeed}:${nonce}`, 'utf8').digest();
  return digest.readUIntBE(0, ROLL_BYTES) / ROLL_SPACE;
}

/** Step 5: the line a roll draws (null when every weight is 0), and the ticket it drew. */
export function mapRollToLine<T extends WeightedLine>(roll: number, lines: readonly T[]): { line: T | null; ticket: number; totalWeight: number } {
  const totalWeight = lines.reduce((sum, line) => sum + line.weight, 0);
  if (totalWeight <= 0) return { line: null, ticket: 0, totalWeight };
  const ticket = Math.floor(roll * totalWeight);
  let running = 0;
  for (const line of lines) {
    running += line.weight;
    if (ticket < running) return { line, ticket, totalWeight };
  }
  return { line: lines[lines.length - 1] ?? null, ticket, totalWeight };
}

/** Published odds of every line, as fractions of 1. */
export function computeOdds(lines: readonly WeightedLine[]) {
  const total = lines.reduce((sum, line) => sum + line.weight, 0);
  return lines.map((line) => ({ id: line.id, odds: total > 0 ? line.weight / total : 0 }));
}

/**
 * Checks a receipt anyone holds: the revealed seed matches its published hash and the algorithm is known; answers
 * the roll recomputed from the seeds (NaN when the receipt is not valid). Never throws on bad input.
 */
export function verifyReceipt(proof: ReceiptProof): { valid: boolean; roll: number } {
  if (!(DRAW_ALGORITHMS as readonly string[]).includes(proof.algorithm)) return { valid: false, roll: Number.NaN };
  if (typeof proof.serverSeed !== 'string' || typeof proof.serverSeedHash !== 'string' || typeof proof.clientSeed !== 'string' || !Number.isInteger(proof.nonce)) {
    return { valid: false, roll: Number.NaN };
  }
  const actual = Buffer.from(hashServerSeed(proof.serverSeed), 'hex');
  const claimed = Buffer.from(proof.serverSeedHash.toLowerCase(), 'hex');
  if (actual.length !== claimed.length || !timingSafeEqual(actual, claimed)) return { valid: false, roll: Number.NaN };
  return { valid: true, roll: computeRoll(proof.serverSeed, proof.clientSeed, proof.nonce) };
}
