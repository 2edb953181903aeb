import { describe, expect, it } from 'vitest';
import { redactSipText } from './redact';

describe('redactSipText', () => {
	it('hides passwords and PINs, masks the card number, hides names and contact data', () => {
		const line = redactSipText(
			'64              00520250301    101500000100000002000100000000AODEMO|AA20001000000012|AEAnna de Vries|BEanna@example.nl|BF0612345678|BDDorpsstraat 1|AS30001000000168|ZF20001000000053|'
		);
		expect(line).not.toMatch(/Anna|anna@|0612345678|Dorpsstraat|20001000000012|20001000000053/);
		expect(line).toContain('ZF**********0053');
		expect(line).toContain('AA**********0012');
		expect(line).toContain('AS30001000000168');
	});

	it('hides the SIP login password and the patron PIN wherever they sit', () => {
		expect(redactSipText('9300CNkiosk|COsecret|CPDEMO|')).toBe('9300CNkiosk|CO****|CPDEMO|');
		const checkout = redactSipText('11YN20250301    101700                  AODEMO|AA20001000000012|AB30001000000010|ACterm|AD1234|');
		expect(checkout).not.toContain('1234|');
		expect(checkout).not.toContain('term');
	});

	it('shows nothing of a message it cannot lay out', () => {
		expect(redactSipText('42AD1234|AA20001000000012|')).toBe('42[26 characters not shown]');
	});
});
