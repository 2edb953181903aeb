/**
 * Staff passwords: a length policy, and scrypt hashes (server/scrypt-hash.ts, the same stored form
 * as the demo library's PINs) at a higher cost than a PIN's, hashed and checked off the event loop
 * so a login does not hold up the kiosk's other requests.
 */
import { randomBytes } from 'node:crypto';
import { hashSecret, secretMatches, type ScryptCost } from '../scrypt-hash';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase; a megabyte "password" would only cost the server time. */
export const MAX_PASSWORD_LENGTH = 256;

/** 2^15 × 8 × 128 bytes = 32 MiB and some 100 ms a guess. */
const PASSWORD_COST: ScryptCost = { N: 32768, r: 8, p: 1 };

export class PasswordPolicyError extends Error {
	constructor(readonly problem: 'too-short' | 'too-long') {
		super(problem === 'too-short' ? `a password is at least ${MIN_PASSWORD_LENGTH} characters` : `a password is at most ${MAX_PASSWORD_LENGTH} characters`);
		this.name = 'PasswordPolicyError';
	}
}

/** Throws PasswordPolicyError. Length in characters, not bytes: "wachtwoord€" is 11. */
export function checkPasswordPolicy(password: string): void {
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) throw new PasswordPolicyError('too-short');
	if (length > MAX_PASSWORD_LENGTH) throw new PasswordPolicyError('too-long');
}

/** Checks the policy (throws PasswordPolicyError), then hashes with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
	checkPasswordPolicy(password);
	return hashSecret(password, PASSWORD_COST);
}

/** False for a wrong password and for a stored hash that cannot be read (tampered, cut short). */
export function passwordMatches(password: string, stored: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD_LENGTH * 4) return Promise.resolve(false);
	return secretMatches(password, stored);
}

/** A hash of nothing anyone knows: an unknown account name costs as long as a known one, so timing does not tell which names exist. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
	decoy ??= hashSecret(randomBytes(24).toString('base64'), PASSWORD_COST);
	return decoy;
}
