import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumOfBytes, checksumOfCharacters } from './checksum';
import { decodeMessage, encodeMessage, MAX_FIELD_LENGTH } from './codec';
import { Sip2Error, SipChecksumError, SipParseError, SipUnknownCommandError } from './errors';
import { patronStatusOf } from './fixed-fields';
import type { SipMessage, SipMessageByCommand } from './messages';
import { encodeText, type SipCharset } from './charset';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const decode = (text: string, charset: SipCharset = 'utf-8') => decodeMessage(Buffer.from(text, 'utf8'), { charset });
const encodeAscii = (message: SipMessage, sequence?: number) =>
	encodeMessage(message, { charset: 'utf-8', errorDetection: sequence === undefined ? false : { sequence } }).toString('utf8');

function as<C extends SipMessage['command']>(message: SipMessage, command: C): SipMessageByCommand<C> {
	expect(message.command).toBe(command);
	return message as SipMessageByCommand<C>;
}

describe('checksum constants (sip2.md §3)', () => {
	it.each([
		['12345', 'FF01'],
		['teststring', 'FBA9'],
		['97AZ', 'FEF5'],
		['96AZ', 'FEF6']
	])('checksum(%s) = %s', (text, expected) => {
		expect(checksumOfCharacters(text)).toBe(expected);
		expect(checksumOfBytes(ascii(text))).toBe(expected);
	});
});

/** The VALID vectors of sip2.md §7: each decodes with its checksum verified and re-encodes byte for byte where field order is canonical. */
describe('valid vectors', () => {
	it('V01 93 login', () => {
		const login = as(decode('9300CNuser|COpasswd|CPlocation|AY0AZF2FB'), '93');
		expect(login).toMatchObject({ uidAlgorithm: '0', pwdAlgorithm: '0', loginUserId: 'user', loginPassword: 'passwd', locationCode: 'location', sequence: 0, checksum: 'F2FB' });
		expect(encodeAscii(login, 0)).toBe('9300CNuser|COpasswd|CPlocation|AY0AZF2FB');
	});

	it('V02/V03 94 login accepted and refused', () => {
		expect(as(decode('941AY0AZFDFD'), '94').ok).toBe(true);
		expect(as(decode('940AY0AZFDFE'), '94').ok).toBe(false);
		expect(encodeAscii({ command: '94', ok: true }, 0)).toBe('941AY0AZFDFD');
		expect(encodeAscii({ command: '94', ok: false }, 0)).toBe('940AY0AZFDFE');
	});

	it('V04 99 SC status, width 080', () => {
		const status = as(decode('9900802.00AY0AZFCA1'), '99');
		expect(status).toMatchObject({ statusCode: '0', maxPrintWidth: 80, protocolVersion: '2.00' });
		expect(encodeAscii(status, 0)).toBe('9900802.00AY0AZFCA1');
	});

	it('V05 99 with a stray "|" after the fixed part', () => {
		const status = as(decode('9900002.00|AY0AZFC2D'), '99');
		expect(status).toMatchObject({ statusCode: '0', maxPrintWidth: 0, protocolVersion: '2.00', sequence: 0 });
		expect(status.unknownFields).toBeUndefined();
	});

	it('V06 98 ACS status, off-line ok', () => {
		const text = '98YYYYNY60000320250301    1015002.00AOBIB01|AMBibliotheek Voorbeeld|BXYYYYYYYYYYYNNYYY|AY0AZE50A';
		const status = as(decode(text), '98');
		expect(status).toMatchObject({
			onlineStatus: true,
			checkinOk: true,
			checkoutOk: true,
			acsRenewalPolicy: true,
			statusUpdateOk: false,
			offlineOk: true,
			timeoutPeriod: 600,
			retriesAllowed: 3,
			dateTimeSync: '20250301    101500',
			protocolVersion: '2.00',
			institutionId: 'BIB01',
			libraryName: 'Bibliotheek Voorbeeld',
			supportedMessages: 'YYYYYYYYYYYNNYYY'
		});
		expect(encodeAscii(status, 0)).toBe(text);
	});

	it('V07 63 patron information with hold-item summary and range', () => {
		const text = '6300520250301    101500Y         AOBIB01|AA20012345678901|AC|AD1234|BP1|BQ5|AY1AZED99';
		const request = as(decode(text), '63');
		expect(request).toMatchObject({ language: '005', summary: 'hold', patronId: '20012345678901', terminalPassword: '', patronPassword: '1234', startItem: '1', endItem: '5' });
		expect(encodeAscii(request, 1)).toBe(text);
	});

	it('V08 64 patron information response', () => {
		const text =
			'64              00520250301    101500000100000002000100000000AOBIB01|AA20012345678901|AEJ. Jansen|BZ0010|CB0025|BLY|CQY|BHEUR|BV2.50|AS30012345678909|AY1AZDC01';
		const response = as(decode(text), '64');
		expect(response).toMatchObject({
			patronStatus: patronStatusOf(),
			holdItemsCount: 1,
			overdueItemsCount: 0,
			chargedItemsCount: 2,
			fineItemsCount: 1,
			recallItemsCount: 0,
			unavailableHoldsCount: 0,
			personalName: 'J. Jansen',
			validPatron: 'Y',
			feeAmount: '2.50',
			holdItems: ['30012345678909']
		});
		expect(encodeAscii(response, 1)).toBe(text);
	});

	it('V09 23 patron status request (3M example)', () => {
		const text = '2300119960212    100239AOid_21|AA104000000105|AC|AD|AY2AZF271';
		const request = as(decode(text), '23');
		expect(request).toMatchObject({ language: '001', institutionId: 'id_21', patronId: '104000000105', terminalPassword: '', patronPassword: '' });
		expect(encodeAscii(request, 2)).toBe(text);
	});

	it('V10 11 checkout with blank nb due date', () => {
		const text = '11YN20250301    101700                  AOBIB01|AA20012345678901|AB30012345678901|AC|AD1234|BON|BIN|AY3AZE8C6';
		const checkout = as(decode(text), '11');
		expect(checkout).toMatchObject({ scRenewalPolicy: true, noBlock: false, nbDueDate: ' '.repeat(18), itemId: '30012345678901', feeAcknowledged: 'N', cancel: 'N' });
		expect(encodeAscii(checkout, 3)).toBe(text);
	});

	it('V11 12 checkout ok, desensitize', () => {
		const text = '121NNY20250301    101700AOBIB01|AA20012345678901|AB30012345678901|AJDe avonden|AH20250322    235900|CK001|AY3AZE563';
		const response = as(decode(text), '12');
		expect(response).toMatchObject({ ok: true, renewalOk: false, magneticMedia: 'N', desensitize: 'Y', titleId: 'De avonden', dueDate: '20250322    235900', mediaType: '001' });
		expect(encodeAscii(response, 3)).toBe(text);
	});

	it('V12 09 checkin with blank return date', () => {
		const text =
			'09N19980821    085721                  APCertification Terminal Location|AOCertification Institute ID|ABCheckInBook|ACTPWord|BIN|AY2AZD6A5';
		const checkin = as(decode(text), '09');
		expect(checkin).toMatchObject({ noBlock: false, returnDate: ' '.repeat(18), currentLocation: 'Certification Terminal Location', itemId: 'CheckInBook', terminalPassword: 'TPWord' });
		expect(encodeAscii(checkin, 2)).toBe(text);
	});

	it('V13 10 checkin response with sort bin, screen message and print line', () => {
		const text =
			'101YNN19980821    085721AOCertification Institute ID|ABCheckInBook|AQPermanent Location for CheckinBook, Language 1|AJTitle For CheckinBook|AAGoodPatron1|CK001|CHCheckinBook Properties|CLsort bin A1|AFScreen Message for CheckInBook|AGPrint Line for CheckInBook|AY2AZA3FF';
		const response = as(decode(text), '10');
		expect(response).toMatchObject({ ok: true, resensitize: 'Y', magneticMedia: 'N', alert: false, sortBin: 'sort bin A1', patronId: 'GoodPatron1', screenMessage: ['Screen Message for CheckInBook'], printLine: ['Print Line for CheckInBook'] });
		expect(encodeAscii(response, 2)).toBe(text);
	});

	it('V14 18 item waiting on the hold shelf', () => {
		const text =
			'1808000119980723    115615CF00000|ABItemBook|AJTitle For Item Book|CK003|AQPermanent Location for ItemBook, Language 1|APCurrent Location ItemBook|CHFree-form text with new item property|AY0AZC05B';
		const response = as(decode(text), '18');
		expect(response).toMatchObject({ circulationStatus: '08', securityMarker: '00', feeType: '01', holdQueueLength: '00000', titleId: 'Title For Item Book' });
		expect(encodeAscii(response, 0)).toBe(text);
	});

	it('V15 37 fee paid', () => {
		const text = '3720130514    1322230402EURBV2.00|AOinstitutionId|AApatronId|CGfeeIdentifier|AY1AZE672';
		const request = as(decode(text), '37');
		expect(request).toMatchObject({ feeType: '04', paymentType: '02', currencyType: 'EUR', feeAmount: '2.00', feeIdentifier: 'feeIdentifier' });
		expect(encodeAscii(request, 1)).toBe(text);
	});

	it('V16 15 hold delete with an empty institution', () => {
		const text = '15-20210814    083455BW20140914    185459|AO|AApatronId|AY0AZF108';
		const request = as(decode(text), '15');
		expect(request).toMatchObject({ holdMode: '-', expirationDate: '20140914    185459', institutionId: '', patronId: 'patronId' });
		expect(encodeAscii(request, 0)).toBe(text);
	});

	it('V17 66 renew all', () => {
		const text = '6610001000020261123    011514AOUWOLS|BM1565921879|AY2AZF378';
		const response = as(decode(text), '66');
		expect(response).toMatchObject({ ok: true, renewedCount: 1, unrenewedCount: 0, renewedItems: ['1565921879'] });
		expect(encodeAscii(response, 2)).toBe(text);
	});

	it('V18 35 end patron session', () => {
		const text = '3520250301    102100AOBIB01|AA20012345678901|AC|AD1234|AY7AZF228';
		expect(encodeAscii(as(decode(text), '35'), 7)).toBe(text);
	});

	it('V19 11 offline replay: no block, original date, nb due date', () => {
		const text = '11NY20250301    09300020250322    235900AOBIB01|AA20012345678901|AB30012345678902|AC|BON|BIN|AY8AZE985';
		const checkout = as(decode(text), '11');
		expect(checkout).toMatchObject({ scRenewalPolicy: false, noBlock: true, transactionDate: '20250301    093000', nbDueDate: '20250322    235900' });
		expect(checkout.patronPassword).toBeUndefined();
		expect(encodeAscii(checkout, 8)).toBe(text);
	});

	it('V20 09 offline replay: no block, return date', () => {
		const text = '09Y20250301    09350020250301    093500APKiosk-1|AOBIB01|AB30012345678903|AC|BIN|AY9AZEB87';
		const checkin = as(decode(text), '09');
		expect(checkin).toMatchObject({ noBlock: true, returnDate: '20250301    093500', currentLocation: 'Kiosk-1' });
		expect(encodeAscii(checkin, 9)).toBe(text);
	});

	it('V21 resend requests carry only AZ', () => {
		expect(decode('97AZFEF5')).toEqual({ command: '97', checksum: 'FEF5' });
		expect(decode('96AZFEF6')).toEqual({ command: '96', checksum: 'FEF6' });
		expect(encodeAscii({ command: '97' }, 0)).toBe('97AZFEF5');
		expect(encodeAscii({ command: '96' }, 4)).toBe('96AZFEF6');
	});

	it('V22 is valid only as a character sum: accepted, and its extension field kept', () => {
		const text = '1812020120230316    145800AB0230200408766|AJAnam ċara :|AQYS|CRNONFICTR|BGYS|AH20230131    235900|AY3AZE5D1';
		expect(checksumOfBytes(Buffer.from(text.slice(0, -4), 'utf8'))).toBe('E58D');
		const response = as(decode(text), '18');
		expect(response).toMatchObject({ titleId: 'Anam ċara :', collectionCode: 'NONFICTR', owner: 'YS', dueDate: '20230131    235900' });
	});
});

describe('invalid vectors', () => {
	it('X01 a changed last digit is a checksum error', () => {
		expect(() => decode('9300CNuser_id|COpassw0rd|AY1AZF595')).toThrow(SipChecksumError);
		expect(decode('9300CNuser_id|COpassw0rd|AY1AZF594')).toMatchObject({ loginUserId: 'user_id' });
	});

	it.each([
		['X02', '98YYYNYN01000319960214    1447001.00AOID_21|AMCentral Library|ANtty30|AFScreen Message|AGPrint Message|AY1AZDA74', 'DEC6'],
		['X03', '24              00119960212    100239AO|AA104000000105|AEJohn Doe|AFScreen Message|AGCheck Print message|AY2AZDFC4', 'E21B'],
		['X04', '120NNY19960212    100514AO|AA104000000105|AB000000000005792|AJ|AH|AFItem cannot be charged : see help desk|AGItem can not be charged : see help desk|AY3AZD2A1', 'D2BD'],
		['X05', '38Y19980723    111035AOInstitutionID for PatronID|AAPatronID|AFScreenMessage 0 for PatronID, Language 1|AGPrint Line 0 for PatronID, Language 1|AY6AZ9716', 'CFA2']
	])('%s fails its checksum, parses without the check, and its correct checksum passes', (_name, text, correct) => {
		expect(() => decode(text)).toThrow(SipChecksumError);
		const unchecked = decodeMessage(Buffer.from(text), { charset: 'utf-8', verifyChecksum: false });
		expect(unchecked.command).toBe(text.slice(0, 2));
		expect(decode(text.slice(0, -4) + correct).command).toBe(text.slice(0, 2));
	});

	it('X04 fields: a refused checkout with empty title and due date is read as "unknown", not an error', () => {
		const text = '120NNY19960212    100514AO|AA104000000105|AB000000000005792|AJ|AH|AFItem cannot be charged : see help desk|AGItem can not be charged : see help desk|AY3AZD2BD';
		expect(as(decode(text), '12')).toMatchObject({ ok: false, institutionId: '', titleId: '', dueDate: '', screenMessage: ['Item cannot be charged : see help desk'] });
	});

	it('X06 a valid checksum does not make a malformed body acceptable', () => {
		const text = '15+20130915    1854553BSpickupLocation|BY3|AO|AApatronId|ABitemId|AY1AZE9BF';
		expect(() => decode(text)).toThrow(SipParseError);
		expect(() => decode(text)).not.toThrow(SipChecksumError);
	});
});

describe('tolerant input (sip2.md §5)', () => {
	it('reads messages without AY/AZ, with a missing final "|", and with AY right after the fixed part', () => {
		expect(as(decode('11YN20240903    134450                  AOCPL|AA23529000035676|AB39999000003697|AC1234|AD1234|BON'), '11')).toMatchObject({ itemId: '39999000003697', feeAcknowledged: 'N' });
		expect(as(decode('941|AY0AZFD81'), '94').ok).toBe(true);
		expect(decode('941AY0AZFDFD').sequence).toBe(0);
	});

	it('accepts a lowercase checksum', () => {
		expect(decode('941AY0AZfdfd').command).toBe('94');
	});

	it('finds AY/AZ from the end even when a value contains "AZ"', () => {
		const message = encodeAscii({ command: '17', transactionDate: '20250301    101500', institutionId: 'AZ', itemId: 'AZAZ1234' }, 5);
		expect(as(decode(message), '17')).toMatchObject({ institutionId: 'AZ', itemId: 'AZAZ1234', sequence: 5 });
	});

	it('keeps unknown and vendor fields in order, and writes them back', () => {
		const text = '101YUN20170619    125154AODK-775100|AB3274626533|AQHovedbiblioteket%Voksen%%|AJ06850537|AALN:C0016351730|CHHelbred dit liv%Hay, Louise L.%a%xx%61.36|ZZextra|XYmore|';
		const response = as(decode(text), '10');
		expect(response.unknownFields).toEqual([
			{ id: 'ZZ', value: 'extra' },
			{ id: 'XY', value: 'more' }
		]);
		expect(response.magneticMedia).toBe('U');
		expect(encodeAscii(response)).toBe(text);
	});

	it('reads Koha check-in extensions (alert type, destination, hold patron) and decodes &#124;', () => {
		const text = '100YNY20140511    092216AOGRY|AB03010013753001|AQhutl|AJHeksenes historie &#124; del 2|CS272 And|CTfroa|CY11|DAåsen|CV02|AFItem not checked out|';
		const response = as(decode(text), '10');
		expect(response).toMatchObject({ alert: true, callNumber: '272 And', destinationLocation: 'froa', holdPatronId: '11', holdPatronName: 'åsen', alertType: '02', titleId: 'Heksenes historie | del 2' });
		expect(encodeAscii(response)).toContain('AJHeksenes historie &#124; del 2|');
	});

	it('does not reject non-numeric language values', () => {
		expect(as(decode('23ENG19960212    100239AOx|AA1|AC|AD|'), '23').language).toBe('ENG');
	});

	it('names the problem for a truncated fixed part and an unknown command', () => {
		expect(() => decode('121NN')).toThrow(/fixed part too short/);
		expect(() => decode('42hello|')).toThrow(SipUnknownCommandError);
		expect(() => decode('')).toThrow(SipParseError);
	});

	it('checks the checksum over bytes in the configured charset as well as over characters', () => {
		const text = '17' + '20250301    101500' + 'AODEMO|ABCafé crème|AY1AZ';
		for (const charset of ['utf-8', 'iso-8859-1', 'ibm850'] as const) {
			const bytes = encodeText(text, charset);
			const wire = Buffer.concat([bytes, Buffer.from(checksumOfBytes(bytes))]);
			expect(as(decodeMessage(wire, { charset }), '17').itemId).toBe('Café crème');
		}
	});
});

describe('strict output', () => {
	const checkout: SipMessageByCommand<'11'> = {
		command: '11',
		scRenewalPolicy: true,
		noBlock: false,
		transactionDate: '20250301    101700',
		nbDueDate: ' '.repeat(18),
		institutionId: 'DEMO',
		patronId: '20001000000012',
		itemId: '30001000000010',
		terminalPassword: ''
	};

	it('sends required fields even when empty, and leaves out unused optional ones', () => {
		expect(encodeAscii({ ...checkout, terminalPassword: undefined } as never)).toBe(
			'11YN20250301    101700                  AODEMO|AA20001000000012|AB30001000000010|AC|'
		);
	});

	it('never emits a raw "|", CR or NUL inside a value, and caps values at 255 characters', () => {
		const wire = encodeAscii({ ...checkout, itemId: 'a|b\rc\0d' + 'x'.repeat(400) });
		expect(wire).toContain('ABa&#124;b c d');
		const itemField = wire.split('|').find((field) => field.startsWith('AB'))!;
		expect([...itemField.slice(2)].length).toBe(MAX_FIELD_LENGTH);
	});

	it('refuses wrong fixed lengths, bad dates and bad sequence numbers with a typed error', () => {
		expect(() => encodeAscii({ ...checkout, transactionDate: '2025-03-01' })).toThrow(Sip2Error);
		expect(() => encodeAscii({ command: '99', statusCode: '0', maxPrintWidth: 1000, protocolVersion: '2.00' })).toThrow(/at most 3 digits/);
		expect(() => encodeAscii(checkout, 10)).toThrow(/sequence/);
	});

	it('computes the checksum over the bytes actually sent', () => {
		const message: SipMessageByCommand<'17'> = { command: '17', transactionDate: '20250301    101500', institutionId: 'DEMO', itemId: 'Crème' };
		for (const charset of ['utf-8', 'iso-8859-1', 'ibm850'] as const) {
			const wire = encodeMessage(message, { charset, errorDetection: { sequence: 1 } });
			expect(checksumOfBytes(wire.subarray(0, -4))).toBe(wire.subarray(-4).toString('ascii'));
			expect(as(decodeMessage(wire, { charset }), '17').itemId).toBe('Crème');
		}
	});
});

describe('properties', () => {
	it('random bytes never throw anything but the codec’s typed errors', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<SipCharset>('utf-8', 'iso-8859-1', 'ibm850'), (bytes, charset) => {
				try {
					decodeMessage(bytes, { charset });
				} catch (error) {
					expect(error).toBeInstanceOf(Sip2Error);
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('random text after a real command id never throws anything but typed errors', () => {
		const commands = ['93', '94', '98', '99', '63', '64', '23', '24', '11', '12', '09', '10', '29', '30', '65', '66', '17', '18', '35', '36', '37', '38', '15', '16', '19', '20', '96', '97'];
		fc.assert(
			fc.property(fc.constantFrom(...commands), fc.string({ maxLength: 200, unit: fc.constantFrom(...'0123456789 YNAZ|ABCDEFGHIJKLMNOPQRSTUVWXé') }), (command, rest) => {
				try {
					decode(command + rest);
				} catch (error) {
					expect(error).toBeInstanceOf(Sip2Error);
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('whatever a checkout carries, encode then decode gives it back', () => {
		const value = fc.string({ maxLength: 40 }).map((text) => text.replace(/[|\r\n\0]/g, ''));
		fc.assert(
			fc.property(value, value, fc.integer({ min: 0, max: 9 }), fc.constantFrom<SipCharset>('utf-8', 'iso-8859-1'), (patronId, itemId, sequence, charset) => {
				fc.pre(charset === 'utf-8' || /^[\x20-\xff]*$/.test(patronId + itemId));
				const message: SipMessageByCommand<'11'> = {
					command: '11',
					scRenewalPolicy: true,
					noBlock: false,
					transactionDate: '20250301    101700',
					nbDueDate: ' '.repeat(18),
					institutionId: 'DEMO',
					patronId,
					itemId,
					terminalPassword: ''
				};
				const decoded = decodeMessage(encodeMessage(message, { charset, errorDetection: { sequence } }), { charset });
				expect(decoded).toMatchObject({ ...message, sequence });
			})
		);
	});
});
