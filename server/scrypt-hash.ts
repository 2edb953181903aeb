/**
 * scrypt hashes for secrets people choose: the demo library's PINs and the desk's staff passwords.
 * One stored form for both, `scrypt$N$r$p$<salt base64>$<hash base64>`, with a random salt per
 * secret and the cost in the string, so the cost can be raised later without breaking older hashes.
 *
 * Verifying never throws for a stored value it cannot use (tampered, truncated, absurd cost): it
 * answers false. The cost read from a stored value is bounded, so a tampered row cannot make one
 * login take gigabytes or minutes.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
	/** CPU/memory cost, a power of two. */
	N: number;
	/** Block size. */
	r: number;
	/** Parallelism. */
	p: number;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Above these a stored cost is refused rather than tried (2^17 × 16 × 128 bytes is already 256 MiB). */
const MAX_N = 2 ** 17;
const MAX_R = 16;
const MAX_P = 4;

export function hashSecretSync(secret: string, cost: ScryptCost): string {
	const salt = randomBytes(SALT_LENGTH);
	return format(cost, salt, scryptSync(secret, salt, KEY_LENGTH, options(cost)));
}

/** The same as hashSecretSync, off the event loop: a server hashing a password keeps answering others. */
export async function hashSecret(secret: string, cost: ScryptCost): Promise<string> {
	const salt = randomBytes(SALT_LENGTH);
	return format(cost, salt, await scryptAsync(secret, salt, KEY_LENGTH, options(cost)));
}

/** False for a wrong secret and for a stored value this module cannot read. Constant time in the secret. */
export function secretMatchesSync(secret: string, stored: string): boolean {
	const parsed = parse(stored);
	if (!parsed) return false;
	try {
		return timingSafeEqual(scryptSync(secret, parsed.salt, parsed.hash.length, options(parsed.cost)), parsed.hash);
	} catch {
		return false;
	}
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
	const parsed = parse(stored);
	if (!parsed) return false;
	try {
		return timingSafeEqual(await scryptAsync(secret, parsed.salt, parsed.hash.length, options(parsed.cost)), parsed.hash);
	} catch {
		return false;
	}
}

function format(cost: ScryptCost, salt: Buffer, hash: Buffer): string {
	return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | null {
	const parts = typeof stored === 'string' ? stored.split('$') : [];
	if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
	const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,7}$/.test(part!) ? Number(part) : NaN)) as [number, number, number];
	// A power of two from 2 to MAX_N; r and p small and positive.
	if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
	const salt = Buffer.from(parts[4]!, 'base64');
	const hash = Buffer.from(parts[5]!, 'base64');
	if (salt.length === 0 || hash.length < 16 || hash.length > 64) return null;
	return { cost: { N, r, p }, salt, hash };
}

/** Room for the memory the cost needs (128 × N × r bytes) and some. */
function options({ N, r, p }: ScryptCost): ScryptOptions {
	return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

function scryptAsync(secret: string, salt: Buffer, length: number, scryptOptions: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => scrypt(secret, salt, length, scryptOptions, (error, key) => (error ? reject(error) : resolve(key))));
}
