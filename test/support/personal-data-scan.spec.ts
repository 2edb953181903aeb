import { describe, expect, it } from 'vitest';
import { DEMO_PATRONS, DEMO_PIN } from '../../server/demo-library/seed-demo-library';
import { createLogger } from '../../server/logging/logger';
import { redactSipText } from '../../server/sip2/redact';
import { scanForPersonalData, type Member } from './personal-data-scan';

const SANNE: Member = {
	cardNumber: '20001000000012',
	firstName: 'Sanne',
	lastName: 'Jansen',
	email: 'sanne.jansen@example.nl',
	phone: '06-21436587',
	address: 'Oudegracht 88, 3511 AV Utrecht'
};
const JAN: Member = { cardNumber: '20001000000038', firstName: 'Jan', lastName: 'de Vries', email: 'jan.devries@example.nl', phone: '06-98765432', address: 'Biltstraat 140, 3572 BL Utrecht' };

const scan = (text: string) => scanForPersonalData(text, [SANNE, JAN], ['1234']);

describe('scanForPersonalData', () => {
	it('finds each field of each member, naming the line and the field but not the value', () => {
		const text = [
			'{"message":"checkout","item":"30001000000010"}',
			'{"text":"63001...AA20001000000012|AD1234|"}',
			'{"text":"64...|AESanne Jansen|BDOudegracht 88, 3511 AV Utrecht|BESANNE.JANSEN@example.nl|BF0621436587|"}',
			'{"who":"Jan de Vries","pin":"1234"}'
		].join('\n');
		expect(scan(text)).toEqual([
			{ line: 2, field: 'member 1 card number' },
			{ line: 2, field: 'PIN (SIP2 AD field)' },
			{ line: 3, field: 'member 1 first name' },
			{ line: 3, field: 'member 1 last name' },
			{ line: 3, field: 'member 1 e-mail' },
			{ line: 3, field: 'member 1 phone' },
			{ line: 3, field: 'member 1 address' },
			{ line: 4, field: 'member 2 first name' },
			{ line: 4, field: 'member 2 last name' },
			{ line: 4, field: 'PIN (JSON "pin" field)' }
		]);
		expect(JSON.stringify(scan(text))).not.toContain('Sanne');
	});

	it('does not take masked cards, other numbers or names inside other words for a member', () => {
		const text = [
			'{"card":"**********0012","item":"30001000000012"}',
			'{"card":"200010000000120"}',
			'{"text":"AD****","pin":"[redacted]"}',
			'{"message":"Janssen and Sannes are not members, nor is Oudegracht 880"}',
			'{"uid":"E0040150AD12345678"}'
		].join('\n');
		expect(scan(text)).toEqual([]);
	});

	it('finds nothing in what the logger and the SIP2 redaction let through for a demo member', () => {
		const lines: string[] = [];
		const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
		const [member] = DEMO_PATRONS;
		log.debug('sip2 sent', { text: redactSipText(`9300CNkiosk|COkiosk|CPCEN|AY0AZF5D2`) });
		log.debug('sip2 sent', { text: redactSipText(`63000${'20250101    120000'}          AODEMO|AA${member!.cardNumber}|AD${DEMO_PIN}|AY1AZ0000`) });
		log.info('member logged in', { cardNumber: member!.cardNumber, pin: DEMO_PIN, patronName: `${member!.firstName} ${member!.lastName}`, email: member!.email });
		expect(lines.length).toBe(3);
		expect(scanForPersonalData(lines.join('\n'), DEMO_PATRONS, [DEMO_PIN])).toEqual([]);
		// ...and the same data unredacted is found: the scan is not blind to these shapes.
		expect(scanForPersonalData(`AA${member!.cardNumber}|AD${DEMO_PIN}|`, DEMO_PATRONS, [DEMO_PIN]).map((finding) => finding.field)).toEqual(['member 1 card number', 'PIN (SIP2 AD field)']);
	});
});
