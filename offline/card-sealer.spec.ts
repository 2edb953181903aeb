import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardContext, createCardSealer, OfflineKeyError, SealedCardError } from './card-sealer';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const CARD = '20001000000012';
const CONTEXT = 'checkout:30001000000010:2026-11-23T09:15:00.123Z';

describe('the card sealer', () => {
	it('opens what it sealed, with the same context', () => {
		const sealer = createCardSealer(KEY);
		const sealed = sealer.seal(CARD, CONTEXT);
		expect(sealer.open(sealed, CONTEXT)).toBe(CARD);
		// A new sealer from the same key (e.g. after a restart) opens it too.
		expect(createCardSealer(Buffer.from(KEY)).open(sealed, CONTEXT)).toBe(CARD);
	});

	it('writes version | 12-byte IV | 16-byte tag | ciphertext, without the card in the clear', () => {
		const sealed = createCardSealer(KEY).seal(CARD, CONTEXT);
		expect(sealed[0]).toBe(1);
		expect(sealed.length).toBe(1 + 12 + 16 + CARD.length);
		expect(sealed.includes(Buffer.from(CARD))).toBe(false);
	});

	it('uses a fresh IV every time: the same card seals differently', () => {
		const sealer = createCardSealer(KEY);
		const first = sealer.seal(CARD, CONTEXT);
		const second = sealer.seal(CARD, CONTEXT);
		expect(first.equals(second)).toBe(false);
		expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
	});

	it('refuses a changed byte anywhere in the blob', () => {
		const sealer = createCardSealer(KEY);
		const sealed = sealer.seal(CARD, CONTEXT);
		for (let index = 0; index < sealed.length; index++) {
			const tampered = Buffer.from(sealed);
			tampered[index]! ^= 0x01;
			expect(() => sealer.open(tampered, CONTEXT), `byte ${index}`).toThrow(SealedCardError);
		}
		expect(() => sealer.open(sealed.subarray(0, sealed.length - 1), CONTEXT)).toThrow(SealedCardError);
		expect(() => sealer.open(sealed.subarray(0, 29), CONTEXT)).toThrow(SealedCardError);
	});

	it('refuses another context, so a card cannot be moved to another transaction', () => {
		const sealer = createCardSealer(KEY);
		const sealed = sealer.seal(CARD, CONTEXT);
		expect(() => sealer.open(sealed, 'checkout:30001000000028:2026-11-23T09:15:00.123Z')).toThrow(SealedCardError);
		expect(() => sealer.open(sealed, '')).toThrow(SealedCardError);
	});

	it('refuses another master key', () => {
		const sealed = createCardSealer(KEY).seal(CARD, CONTEXT);
		expect(() => createCardSealer(OTHER_KEY).open(sealed, CONTEXT)).toThrow(SealedCardError);
	});

	it('never puts the card number in its error', () => {
		const sealer = createCardSealer(KEY);
		const sealed = sealer.seal(CARD, CONTEXT);
		try {
			createCardSealer(OTHER_KEY).open(sealed, CONTEXT);
			expect.unreachable();
		} catch (error) {
			expect(String((error as Error).message)).not.toContain(CARD);
		}
	});

	it('gives a member key that is stable per card, differs between cards and between master keys', () => {
		const sealer = createCardSealer(KEY);
		const key = sealer.memberKey(CARD);
		expect(key.length).toBe(32);
		expect(createCardSealer(Buffer.from(KEY)).memberKey(CARD).equals(key)).toBe(true);
		expect(sealer.memberKey('20001000000020').equals(key)).toBe(false);
		expect(createCardSealer(OTHER_KEY).memberKey(CARD).equals(key)).toBe(false);
		// Keyed: not the plain hash anyone could compute by trying every card number.
		expect(key.equals(createHash('sha256').update(CARD).digest())).toBe(false);
	});

	it('derives separate subkeys: the member key is not an HMAC under the master key itself', () => {
		expect(createCardSealer(KEY).memberKey(CARD).equals(createHmac('sha256', KEY).update(CARD).digest())).toBe(false);
	});

	it('refuses a master key that is not 32 bytes', () => {
		expect(() => createCardSealer(Buffer.alloc(16))).toThrow(OfflineKeyError);
		expect(() => createCardSealer(Buffer.alloc(33))).toThrow('32 bytes');
	});

	it('builds the transaction context from kind, item and exact time', () => {
		expect(cardContext({ kind: 'checkout', itemId: '30001000000010', transactedAt: new Date('2026-11-23T09:15:00.123Z') })).toBe(CONTEXT);
	});
});
