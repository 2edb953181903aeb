/**
 * PIN hashing for the demo library. PINs are four digits, so a plain or fast hash would fall to a
 * 10,000-guess loop; scrypt with a per-patron salt makes each guess cost memory and time.
 *
 * Stored form: `scrypt$N$r$p$<salt base64>$<hash base64>`, so the cost can be raised later
 * without breaking PINs hashed before.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export function hashPin(pin: string): string {
	const salt = randomBytes(SALT_LENGTH);
	const hash = scryptSync(pin, salt, KEY_LENGTH, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
	return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** False for a wrong PIN and for a stored value this module cannot read. */
export function pinMatches(pin: string, stored: string): boolean {
	const [scheme, cost, blockSize, parallelism, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
	const N = Number(cost);
	const r = Number(blockSize);
	const p = Number(parallelism);
	if (![N, r, p].every(Number.isSafeInteger)) return false;
	const expected = Buffer.from(hash, 'base64');
	if (expected.length === 0) return false;
	const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N, r, p });
	return timingSafeEqual(actual, expected);
}
