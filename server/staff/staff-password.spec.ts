import { describe, expect, it } from 'vitest';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordMatches, PasswordPolicyError } from './staff-password';

describe('staff passwords', () => {
	it('hashes with scrypt, a fresh salt each time and the cost in the string, and checks the right password only', async () => {
		const first = await hashPassword('correct horse battery');
		const second = await hashPassword('correct horse battery');
		expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
		expect(first).not.toBe(second);
		expect(first).not.toContain('correct horse');
		expect(await passwordMatches('correct horse battery', first)).toBe(true);
		expect(await passwordMatches('correct horse battery', second)).toBe(true);
		expect(await passwordMatches('correct horse batterY', first)).toBe(false);
		expect(await passwordMatches('', first)).toBe(false);
	});

	it('answers false, without throwing, for a tampered or unreadable hash', async () => {
		const stored = await hashPassword('correct horse battery');
		const [scheme, N, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
		const flipped = Buffer.from(hash, 'base64');
		flipped[0]! ^= 1;
		const tampered = [
			[scheme, N, r, p, salt, flipped.toString('base64')],
			[scheme, N, r, p, Buffer.from('another salt').toString('base64'), hash],
			[scheme, '16384', r, p, salt, hash],
			// Not a power of two, and a cost that would take gigabytes: refused, not tried.
			[scheme, '1000', r, p, salt, hash],
			[scheme, String(2 ** 24), r, p, salt, hash],
			['bcrypt', N, r, p, salt, hash],
			[scheme, N, r, p, salt]
		].map((parts) => parts.join('$'));
		for (const stored of [...tampered, '', 'scrypt$$$$$', 'plain text']) expect(await passwordMatches('correct horse battery', stored)).toBe(false);
	});

	it(`refuses a password shorter than ${MIN_PASSWORD_LENGTH} characters, with a typed error`, async () => {
		await expect(hashPassword('short')).rejects.toThrow(PasswordPolicyError);
		await expect(hashPassword('123456789')).rejects.toMatchObject({ problem: 'too-short' });
		await expect(hashPassword('x'.repeat(257))).rejects.toMatchObject({ problem: 'too-long' });
		// Characters, not bytes: ten characters with a euro sign are enough.
		expect(await hashPassword('wachtwoor€')).toMatch(/^scrypt\$/);
	});
});
