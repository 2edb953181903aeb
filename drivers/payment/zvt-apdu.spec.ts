import { describe, expect, it } from 'vitest';
import {
	ABORT_REQUEST,
	DIAGNOSIS,
	POSITIVE_ACKNOWLEDGEMENT,
	RESET_TERMINAL,
	ZvtCommand,
	apdu,
	apduLength,
	decodeAmount,
	decodeApdu,
	decodeAuthorisation,
	decodeBcdDigits,
	decodeBmps,
	decodeCompletion,
	decodeIntermediateStatus,
	decodeMaskedPan,
	decodePrintLine,
	decodePrintTextBlock,
	decodeRegistration,
	decodeStatusEnquiryCompletion,
	decodeStatusInformation,
	decodeTerminalAbort,
	decodeTlv,
	decodeVariableLength,
	describeIntermediateStatus,
	describeResultCode,
	encodeAmount,
	encodeApdu,
	encodeAuthorisation,
	encodeBerLength,
	encodeBmp,
	encodeCompletion,
	encodeCurrency,
	encodeEndOfDay,
	encodeInitialisation,
	encodeIntermediateStatus,
	encodePassword,
	encodePrintLine,
	encodePrintTextBlock,
	encodeRegistration,
	encodeStatusEnquiry,
	encodeStatusEnquiryCompletion,
	encodeStatusInformation,
	encodeTerminalAbort,
	encodeTlv,
	encodeVariableLength,
	findTlv,
	isPositiveAcknowledgement,
	maskPan,
	needsStaffAttention,
	negativeAcknowledgement,
	negativeAcknowledgementCode,
	type ZvtApdu
} from './zvt-apdu';
import { ZvtDecodeError, ZvtEncodeError } from './zvt-errors';

function hex(text: string): Uint8Array {
	return Uint8Array.from(text.trim().split(/\s+/), (byte) => Number.parseInt(byte, 16));
}

function bytesOf(message: ZvtApdu): number[] {
	return [...encodeApdu(message)];
}

/** Sheet §8, TCP APDUs (EVerest/zvt FEIG captures, Portalum.Zvt tests). */
const TCP_VECTORS = {
	registration: '06 00 06 12 34 56 DE 09 78',
	registrationCompletion: '06 0F 0A 19 10 29 52 52 35 35 49 09 78',
	authorisation1000: '06 01 07 04 00 00 00 00 10 00',
	authorisation3300: '06 01 09 04 00 00 00 00 33 00 02 0A',
	intermediateStatus17: '04 FF 01 17',
	completion: '06 0F 00',
	abort6C: '06 1E 01 6C',
	abort64: '06 1E 01 64',
	abort05: '06 1E 01 05',
	abortB8: '06 1E 04 B8 87 FF FF',
	endOfDay: '06 50 03 12 34 56',
	statusInformation: `04 0F 5A 27 00 04 00 00 00 00 25 00 49 09 78 0C 22 55 58 0D 04 05
		22 F0 F8 55 98 83 EE EE EE 80 74 87 02 31 3B 37 35 30 30 37 31 00 00
		0B 00 09 75 19 60 29 52 52 35 35 0E 24 05 8A 06 8C 01
		8B F1 F1 4D 61 73 74 65 72 43 61 72 64 00
		2A 38 30 34 30 31 31 39 32 36 20 20 20 20 20 20`
} as const;

describe('sheet §8 TCP vectors', () => {
	it('every vector decodes as one APDU whose LEN matches its data and encodes back to the same bytes', () => {
		for (const [name, text] of Object.entries(TCP_VECTORS)) {
			const bytes = hex(text);
			const message = decodeApdu(bytes);
			expect(message.data.length, name).toBe(bytes.length - 3);
			expect(encodeApdu(message), name).toEqual(bytes);
		}
	});

	it('registration: password 123456, config DE, EUR, built from parameters and read back', () => {
		expect(bytesOf(encodeRegistration({ password: '123456', configByte: 0xde, currency: 'EUR' }))).toEqual([...hex(TCP_VECTORS.registration)]);
		const message = decodeApdu(hex(TCP_VECTORS.registration));
		expect(message.command).toBe(ZvtCommand.registration);
		expect(decodeRegistration(message.data)).toEqual({ password: '123456', configByte: 0xde, currency: 978, serviceByte: null, tlv: null });
	});

	it('registration completion: status byte 10 (vending-machine mode), TID 52523535, EUR', () => {
		const message = decodeApdu(hex(TCP_VECTORS.registrationCompletion));
		expect(message.command).toBe(ZvtCommand.completion);
		expect(decodeCompletion(message.data)).toEqual({ resultCode: null, statusByte: 0x10, terminalId: '52523535', currency: 978, tlv: null });
		expect(needsStaffAttention(0x10)).toBe(false);
		expect(bytesOf(encodeCompletion({ statusByte: 0x10, terminalId: '52523535', currency: 'EUR' }))).toEqual([...hex(TCP_VECTORS.registrationCompletion)]);
	});

	it('authorisation 10.00 without currency', () => {
		expect(bytesOf(encodeAuthorisation({ amountCents: 1000 }))).toEqual([...hex(TCP_VECTORS.authorisation1000)]);
		expect(decodeAuthorisation(decodeApdu(hex(TCP_VECTORS.authorisation1000)).data)).toMatchObject({ amountCents: 1000, currency: null, maxStatusInfos: null });
	});

	it('authorisation 33.00 with BMP 02 (max status infos) = 0A', () => {
		expect(bytesOf(encodeAuthorisation({ amountCents: 3300, maxStatusInfos: 0x0a }))).toEqual([...hex(TCP_VECTORS.authorisation3300)]);
		expect(decodeAuthorisation(decodeApdu(hex(TCP_VECTORS.authorisation3300)).data)).toMatchObject({ amountCents: 3300, maxStatusInfos: 0x0a });
	});

	it('intermediate status 17 is "please wait"', () => {
		const message = decodeApdu(hex(TCP_VECTORS.intermediateStatus17));
		expect(message.command).toBe(ZvtCommand.intermediateStatus);
		const status = decodeIntermediateStatus(message.data);
		expect(status).toEqual({ code: 0x17, timeoutSeconds: null, displayLines: [] });
		expect(describeIntermediateStatus(status.code)).toMatchObject({ id: 'please-wait', text: 'please wait' });
		expect(bytesOf(encodeIntermediateStatus({ code: 0x17 }))).toEqual([...hex(TCP_VECTORS.intermediateStatus17)]);
	});

	it('completion with no data', () => {
		const message = decodeApdu(hex(TCP_VECTORS.completion));
		expect(message).toEqual({ command: ZvtCommand.completion, data: new Uint8Array(0) });
		expect(bytesOf(encodeCompletion())).toEqual([...hex(TCP_VECTORS.completion)]);
	});

	it('terminal aborts 6C (timeout / abort key), 64 (card not readable), 05 (host code)', () => {
		const expectations: [keyof typeof TCP_VECTORS, number, string][] = [
			['abort6C', 0x6c, 'cancelled'],
			['abort64', 0x64, 'card-not-readable'],
			['abort05', 0x05, 'declined-by-host']
		];
		for (const [name, code, id] of expectations) {
			const message = decodeApdu(hex(TCP_VECTORS[name]));
			expect(message.command).toBe(ZvtCommand.terminalAbort);
			const abort = decodeTerminalAbort(message.data);
			expect(abort).toEqual({ resultCode: code, receiptNumber: null, tlv: null });
			expect(describeResultCode(code).id).toBe(id);
			expect(bytesOf(encodeTerminalAbort({ resultCode: code }))).toEqual([...hex(TCP_VECTORS[name])]);
		}
	});

	it('terminal abort B8 (pre-authorisation error) with receipt number FFFF', () => {
		const abort = decodeTerminalAbort(decodeApdu(hex(TCP_VECTORS.abortB8)).data);
		expect(abort).toEqual({ resultCode: 0xb8, receiptNumber: 'FFFF', tlv: null });
		expect(describeResultCode(0xb8).text).toBe('pre-authorisation error');
		expect(bytesOf(encodeTerminalAbort({ resultCode: 0xb8, receiptNumber: 'FFFF' }))).toEqual([...hex(TCP_VECTORS.abortB8)]);
	});

	it('end-of-day with password 123456', () => {
		expect(bytesOf(encodeEndOfDay('123456'))).toEqual([...hex(TCP_VECTORS.endOfDay)]);
	});

	it('status information: LEN 5A = 90 bytes, every field as the sheet decodes it', () => {
		const bytes = hex(TCP_VECTORS.statusInformation);
		expect(bytes[2]).toBe(0x5a);
		const message = decodeApdu(bytes);
		expect(message.command).toBe(ZvtCommand.statusInformation);
		expect(message.data.length).toBe(90);
		const info = decodeStatusInformation(message.data);
		expect(info).toMatchObject({
			resultCode: 0x00,
			amountCents: 2500,
			currency: 978,
			time: '22:55:58',
			date: '04-05',
			maskedPan: '559883******8074',
			receiptNumber: '0231',
			authorisationAttribute: '750071',
			traceNumber: '000975',
			paymentType: 0x60,
			terminalId: '52523535',
			expiry: '24/05',
			zvtCardType: 0x06,
			cardTypeId: 0x01,
			cardName: 'MasterCard',
			vuNumber: '804011926',
			additionalText: null,
			tlv: null
		});
	});

	it('status information built from the decoded fields gives the captured bytes again', () => {
		const rebuilt = encodeStatusInformation({
			resultCode: 0x00,
			amountCents: 2500,
			currency: 'EUR',
			time: '225558',
			date: '0405',
			maskedPan: '559883******8074',
			receiptNumber: '0231',
			authorisationAttribute: '750071',
			traceNumber: '000975',
			paymentType: 0x60,
			terminalId: '52523535',
			expiry: '2405',
			zvtCardType: 0x06,
			cardTypeId: 0x01,
			cardName: 'MasterCard',
			vuNumber: '804011926'
		});
		expect(bytesOf(rebuilt)).toEqual([...hex(TCP_VECTORS.statusInformation)]);
	});
});

describe('APDU length forms', () => {
	it('uses the 2-byte little-endian form from 255 data bytes: 06 D3 FF 2C 01 for 300', () => {
		const long = encodeApdu(apdu(ZvtCommand.printTextBlock, new Uint8Array(300).fill(0x41)));
		expect([...long.subarray(0, 5)]).toEqual([0x06, 0xd3, 0xff, 0x2c, 0x01]);
		expect(long.length).toBe(305);
		expect(apduLength(long)).toBe(305);
		expect(decodeApdu(long).data).toEqual(new Uint8Array(300).fill(0x41));
	});

	it('keeps the 1-byte form up to FE and switches at FF, which would otherwise read as the marker', () => {
		expect([...encodeApdu(apdu(0x06d1, new Uint8Array(254))).subarray(0, 3)]).toEqual([0x06, 0xd1, 0xfe]);
		expect([...encodeApdu(apdu(0x06d1, new Uint8Array(255))).subarray(0, 5)]).toEqual([0x06, 0xd1, 0xff, 0xff, 0x00]);
	});

	it('reports an incomplete header as unknown length and refuses truncated or overlong APDUs', () => {
		expect(apduLength(hex('06 D3'))).toBeNull();
		expect(apduLength(hex('06 D3 FF 2C'))).toBeNull();
		expect(() => decodeApdu(hex('06 01 07 04 00'))).toThrow(ZvtDecodeError);
		expect(() => decodeApdu(hex('06 0F 00 00'))).toThrow(ZvtDecodeError);
		expect(() => encodeApdu(apdu(0x06d3, new Uint8Array(0x10000)))).toThrow(ZvtEncodeError);
	});
});

describe('acknowledgements', () => {
	it('80 00 00 and 84 00 00 are positive; 84 9C 00 is negative with code 9C', () => {
		expect(bytesOf(POSITIVE_ACKNOWLEDGEMENT)).toEqual([0x80, 0x00, 0x00]);
		expect(isPositiveAcknowledgement(decodeApdu(hex('84 00 00')))).toBe(true);
		const refusal = decodeApdu(hex('84 9C 00'));
		expect(isPositiveAcknowledgement(refusal)).toBe(false);
		expect(negativeAcknowledgementCode(refusal)).toBe(0x9c);
		expect(bytesOf(negativeAcknowledgement(0x9c))).toEqual([0x84, 0x9c, 0x00]);
		expect(negativeAcknowledgementCode(decodeApdu(hex('06 0F 00')))).toBeNull();
	});

	it('the fixed ECR commands without data', () => {
		expect(bytesOf(ABORT_REQUEST)).toEqual([0x06, 0xb0, 0x00]);
		expect(bytesOf(DIAGNOSIS)).toEqual([0x06, 0x70, 0x00]);
		expect(bytesOf(RESET_TERMINAL)).toEqual([0x06, 0x18, 0x00]);
		expect(bytesOf(encodeInitialisation('123456'))).toEqual([0x06, 0x93, 0x03, 0x12, 0x34, 0x56]);
		expect(bytesOf(encodeStatusEnquiry('123456'))).toEqual([0x05, 0x01, 0x03, 0x12, 0x34, 0x56]);
	});
});

describe('packed BCD', () => {
	it('amounts are 6 bytes in cents (sheet: 00 00 00 00 25 00 = 25.00; 110.00 has a 10 byte)', () => {
		expect([...encodeAmount(2500)]).toEqual([0x00, 0x00, 0x00, 0x00, 0x25, 0x00]);
		expect([...encodeAmount(11000)]).toEqual([0x00, 0x00, 0x00, 0x01, 0x10, 0x00]);
		expect([...encodeAmount(1)]).toEqual([0x00, 0x00, 0x00, 0x00, 0x00, 0x01]);
		expect(decodeAmount(hex('00 00 00 00 25 00'))).toBe(2500);
		expect(decodeAmount(hex('99 99 99 99 99 99'))).toBe(999_999_999_999);
	});

	it('refuses amounts ZVT cannot carry', () => {
		for (const bad of [-1, 1.5, Number.NaN, 1_000_000_000_000]) expect(() => encodeAmount(bad), String(bad)).toThrow(ZvtEncodeError);
		expect(() => decodeAmount(hex('00 00 00 00 2A 00'))).toThrow(ZvtDecodeError);
		expect(() => decodeAmount(hex('00 25 00'))).toThrow(ZvtDecodeError);
	});

	it('currency 09 78 = EUR, password 12 34 56', () => {
		expect([...encodeCurrency('EUR')]).toEqual([0x09, 0x78]);
		expect([...encodeCurrency(756)]).toEqual([0x07, 0x56]);
		expect([...encodePassword('123456')]).toEqual([0x12, 0x34, 0x56]);
		expect(() => encodePassword('12345')).toThrow(ZvtEncodeError);
		expect(() => encodePassword('12345a')).toThrow(ZvtEncodeError);
		expect(() => encodeCurrency(1000)).toThrow(ZvtEncodeError);
	});

	it('keeps non-decimal nibbles as hex digits where a field may hold them', () => {
		expect(decodeBcdDigits(hex('FF FF'))).toBe('FFFF');
		expect(decodeBcdDigits(hex('00 09 75'))).toBe('000975');
	});
});

describe('LLVAR / LLLVAR', () => {
	it('writes lengths as F0|digit bytes (sheet: F0 F8 = 8, F1 F1 = 11, F0 F1 F7 = 17)', () => {
		expect([...encodeVariableLength(8, 2)]).toEqual([0xf0, 0xf8]);
		expect([...encodeVariableLength(11, 2)]).toEqual([0xf1, 0xf1]);
		expect([...encodeVariableLength(17, 3)]).toEqual([0xf0, 0xf1, 0xf7]);
		expect(decodeVariableLength(hex('F0 F8'), 2)).toBe(8);
		expect(decodeVariableLength(hex('F1 F1'), 2)).toBe(11);
		expect(decodeVariableLength(hex('F0 F1 F7'), 3)).toBe(17);
		expect(() => decodeVariableLength(hex('F0 0A'), 2)).toThrow(ZvtDecodeError);
		expect(() => encodeVariableLength(100, 2)).toThrow(ZvtEncodeError);
	});

	it('reads an LLVAR and an LLLVAR BMP and stops on an unknown BMP', () => {
		const fields = decodeBmps(hex('8B F0 F3 41 42 43 3C F0 F0 F2 48 69 27 00'));
		expect(fields.map((field) => [field.bmp, [...field.value]])).toEqual([
			[0x8b, [0x41, 0x42, 0x43]],
			[0x3c, [0x48, 0x69]],
			[0x27, [0x00]]
		]);
		expect(() => decodeBmps(hex('FE 00'))).toThrow(/unknown BMP FE/);
		expect(() => decodeBmps(hex('8B F0 F5 41'))).toThrow(ZvtDecodeError);
		expect(() => encodeBmp(0x29, hex('52 52 35'))).toThrow(ZvtEncodeError);
	});
});

describe('BER-TLV (BMP 06)', () => {
	it('length forms < 80, 81 xx and 82 xx xx', () => {
		expect([...encodeBerLength(0x7f)]).toEqual([0x7f]);
		expect([...encodeBerLength(0x80)]).toEqual([0x81, 0x80]);
		expect([...encodeBerLength(0x012c)]).toEqual([0x82, 0x01, 0x2c]);
		const long = decodeTlv(encodeTlv([{ tag: 0x07, value: new Uint8Array(300) }]));
		expect(long[0]?.value.length).toBe(300);
		expect(() => decodeTlv(hex('07 83 00 00 01 00'))).toThrow(ZvtDecodeError);
	});

	it('two-byte tags and nested containers: receipt type 1F07 and print texts 25 with text lines 07', () => {
		const bytes = encodeTlv([
			{ tag: 0x1f07, value: Uint8Array.of(0x02) },
			{ tag: 0x25, children: [{ tag: 0x07, value: hex('41') }, { tag: 0x07, value: hex('42') }] }
		]);
		expect([...bytes]).toEqual([0x1f, 0x07, 0x01, 0x02, 0x25, 0x06, 0x07, 0x01, 0x41, 0x07, 0x01, 0x42]);
		const objects = decodeTlv(bytes);
		expect(findTlv(objects, 0x1f07)?.value).toEqual(Uint8Array.of(0x02));
		expect(findTlv(objects, 0x25)?.children?.map((line) => line.value[0])).toEqual([0x41, 0x42]);
		expect(findTlv(objects, 0x07)?.value).toEqual(hex('41'));
	});

	it('BMP 06 carries its content with a BER length; the extended form is used past 7F', () => {
		const text = 'x'.repeat(130);
		const message = encodePrintTextBlock({ receiptType: 1, lines: [text] });
		expect([...message.data.subarray(0, 3)]).toEqual([0x06, 0x81, message.data.length - 3]);
		expect(decodePrintTextBlock(message.data)).toEqual({ receiptType: 1, lines: [text] });
	});
});

describe('PT messages the simulator builds and the driver reads', () => {
	it('intermediate status with timeout and the terminal display text in TLV 24 / 07', () => {
		const message = encodeIntermediateStatus({ code: 0x0a, timeoutSeconds: 60, displayLines: ['Karte einstecken'] });
		expect([...encodeApdu(message).subarray(0, 8)]).toEqual([0x04, 0xff, message.data.length, 0x0a, 0x60, 0x06, message.data.length - 4, 0x24]);
		expect(decodeIntermediateStatus(message.data)).toEqual({ code: 0x0a, timeoutSeconds: 60, displayLines: ['Karte einstecken'] });
	});

	it('print line "Gesamt      0       0,00" with attribute 00 (the serial vector\'s APDU)', () => {
		const line = 'Gesamt      0       0,00';
		const message = encodePrintLine({ attribute: 0, text: line });
		expect(bytesOf(message)).toEqual([0x06, 0xd1, 0x19, 0x00, ...Buffer.from(line, 'ascii')]);
		expect(decodePrintLine(message.data)).toEqual({ attribute: 0, text: line });
	});

	it('texts are code page 437: ä is 84, ü is 81', () => {
		const message = encodePrintLine({ attribute: 0, text: 'Gebühr Händler' });
		expect([...message.data]).toContain(0x81);
		expect([...message.data]).toContain(0x84);
		expect(decodePrintLine(message.data).text).toBe('Gebühr Händler');
	});

	it('status enquiry completion: LLLVAR software version then terminal status code', () => {
		const message = encodeStatusEnquiryCompletion('GER 1.2', 0x00);
		expect([...message.data.subarray(0, 3)]).toEqual([0xf0, 0xf0, 0xf7]);
		expect(decodeStatusEnquiryCompletion(message.data)).toEqual({ softwareVersion: 'GER 1.2', terminalStatusCode: 0, tlv: null });
	});
});

describe('card data', () => {
	it('E nibbles are masked digits and a trailing F pads an odd digit count', () => {
		expect(decodeMaskedPan(hex('55 98 83 EE EE EE 80 74'))).toBe('559883******8074');
		expect(decodeMaskedPan(hex('67 59 EE EE EE E1 23 4F'))).toBe('6759*******1234');
		expect(() => decodeMaskedPan(hex('55 AA'))).toThrow(ZvtDecodeError);
	});

	it('a terminal that forgets to mask still yields no more than 6 + 4 digits', () => {
		expect(decodeMaskedPan(hex('55 98 83 12 34 56 80 74'))).toBe('559883******8074');
		expect(maskPan('4111111111111111')).toBe('411111******1111');
	});
});

describe('code tables (sheet §6)', () => {
	it('result codes: 00 success, 01-63 a generic host decline, 6C cancelled, 9C please wait, unknown codes named by hex', () => {
		expect(describeResultCode(0x00).id).toBe('success');
		expect(describeResultCode(0x01)).toEqual({ code: 0x01, id: 'declined-by-host', text: 'declined' });
		expect(describeResultCode(0x63).id).toBe('declined-by-host');
		expect(describeResultCode(0x6c)).toEqual({ code: 0x6c, id: 'cancelled', text: 'abort via timeout or abort key' });
		expect(describeResultCode(0x9c).id).toBe('please-wait');
		expect(describeResultCode(0x83).id).toBe('function-not-possible');
		expect(describeResultCode(0xf0).id).toBe('open-end-of-day-batch');
		expect(describeResultCode(0xff).id).toBe('system-error');
		expect(describeResultCode(0xd0)).toEqual({ code: 0xd0, id: 'unknown', text: 'result code D0' });
	});

	it('intermediate statuses: 0A insert card, 01 and 02 the PIN pad, 1D declined', () => {
		expect(describeIntermediateStatus(0x0a).id).toBe('insert-card');
		expect(describeIntermediateStatus(0x01).id).toBe('watch-pin-pad');
		expect(describeIntermediateStatus(0x02).id).toBe('watch-pin-pad');
		expect(describeIntermediateStatus(0x1d).id).toBe('declined');
		expect(describeIntermediateStatus(0x55).text).toBe('incorrect PIN, remove card');
		expect(describeIntermediateStatus(0x99).id).toBe('unknown');
	});

	it('status byte 01, 02 or 04 takes the payment function out of service', () => {
		expect(needsStaffAttention(0x01)).toBe(true);
		expect(needsStaffAttention(0x02)).toBe(true);
		expect(needsStaffAttention(0x14)).toBe(true);
		expect(needsStaffAttention(0x18)).toBe(false);
		expect(needsStaffAttention(null)).toBe(false);
	});
});
