import { describe, expect, it } from 'vitest';
import { computeOdds, computeRoll, DRAW_ALGORITHM, drawServerSeed, hashServerSeed, mapRollToLine, verifyReceipt } from './fair-draw.ts';

const SEED = '3f1c9a0d5b7e2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c1e3b5d7f9a';

describe('fair draw (hmac-sha256-v1)', () => {
  it('commits to a fresh 32-byte seed with its SHA-256 hash', () => {
    const a = drawServerSeed();
    const b = drawServerSeed();
    expect(a.serverSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(a.serverSeed).not.toBe(b.serverSeed);
    expect(a.serverSeedHash).toBe(hashServerSeed(a.serverSeed));
    expect(a.serverSeedHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('computes the same roll for the same seeds and nonce, a different one when any changes', () => {
    const roll = computeRoll(SEED, 'lucky', 1);
    expect(computeRoll(SEED, 'lucky', 1)).toBe(roll);
    expect(roll).toBeGreaterThanOrEqual(0);
    expect(roll).toBeLessThan(1);
    expect(computeRoll(SEED, 'lucky', 2)).not.toBe(roll);
    expect(computeRoll(SEED, 'Lucky', 1)).not.toBe(roll);
  });

  it('pins the documented vector so the algorithm never changes meaning silently', () => {
    expect(hashServerSeed('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
    // Independently: printf 'client:7' | openssl dgst -sha256 -hmac <seed> → 9c74c827bffc…; 0x9c74c827bffc / 2^48.
    expect(computeRoll('a'.repeat(64), 'client', 7)).toBeCloseTo(0.611156949715209, 12);
  });

  it('maps a roll onto the table by running weights, in table order', () => {
    const table = [{ id: 'a', weight: 1 }, { id: 'b', weight: 2 }, { id: 'c', weight: 7 }];
    expect(mapRollToLine(0, table).line?.id).toBe('a');
    expect(mapRollToLine(0.0999, table).line?.id).toBe('a');
    expect(mapRollToLine(0.1, table).line?.id).toBe('b');
    expect(mapRollToLine(0.2999, table).line?.id).toBe('b');
    expect(mapRollToLine(0.3, table).line?.id).toBe('c');
    expect(mapRollToLine(0.999999, table).line?.id).toBe('c');
    expect(mapRollToLine(0.5, [{ id: 'z', weight: 0 }]).line).toBeNull();
    expect(computeOdds(table).map((o) => o.odds)).toEqual([0.1, 0.2, 0.7]);
  });

  it('draws each line about as often as its odds over many seeds (chi-square well under the 0.1% critical value)', () => {
    const table = [{ id: 'a', weight: 5 }, { id: 'b', weight: 15 }, { id: 'c', weight: 30 }, { id: 'd', weight: 50 }];
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let nonce = 1; nonce <= n; nonce += 1) {
      const { line } = mapRollToLine(computeRoll(SEED, 'fixed-client-seed', nonce), table);
      counts.set(line!.id, (counts.get(line!.id) ?? 0) + 1);
    }
    let chiSquare = 0;
    for (const line of table) {
      const expected = (n * line.weight) / 100;
      chiSquare += ((counts.get(line.id) ?? 0) - expected) ** 2 / expected;
    }
    // 3 degrees of freedom: 16.27 at p = 0.001. Deterministic (fixed seeds), so this never flakes.
    expect(chiSquare).toBeLessThan(16.27);
  });

  it('verifies a genuine receipt and refuses a tampered seed, hash or unknown algorithm', () => {
    const { serverSeed, serverSeedHash } = drawServerSeed();
    const proof = { serverSeed, serverSeedHash, clientSeed: 'abc', nonce: 3, algorithm: DRAW_ALGORITHM };
    expect(verifyReceipt(proof)).toEqual({ valid: true, roll: computeRoll(serverSeed, 'abc', 3) });
    expect(verifyReceipt({ ...proof, serverSeed: serverSeed.replace(/^./, (c) => (c === '0' ? '1' : '0')) }).valid).toBe(false);
    expect(verifyReceipt({ ...proof, serverSeedHash: 'zz' }).valid).toBe(false);
    expect(verifyReceipt({ ...proof, algorithm: 'md5-v0' }).valid).toBe(false);
    expect(verifyReceipt({ ...proof, nonce: 1.5 }).valid).toBe(false);
  });
});
