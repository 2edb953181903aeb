/**
 * PIN hashing for the demo library. PINs are four digits, so a plain or fast hash would fall to a
 * 10,000-guess loop; scrypt with a per-patron salt makes each guess cost memory and time. The
 * stored form and the checks are `server/scrypt-hash.ts`, shared with the desk's staff passwords.
 */
import { hashSecretSync, secretMatchesSync, type ScryptCost } from '../scrypt-hash';

const PIN_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

export function hashPin(pin: string): string {
	return hashSecretSync(pin, PIN_COST);
}

/** False for a wrong PIN and for a stored value this module cannot read. */
export function pinMatches(pin: string, stored: string): boolean {
	return secretMatchesSync(pin, stored);
}
