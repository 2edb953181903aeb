/**
 * Card numbers at rest in the offline queue: sealed with AES-256-GCM, and counted by a keyed hash.
 *
 * A card number has too little entropy for a plain hash (every 14-digit number can be tried), so
 * the queue keeps it encrypted for the replay and an HMAC under a secret for counting a member's
 * offline loans. Both secrets come from one master key through HKDF-SHA256, so the key that
 * encrypts is never also the key that hashes.
 *
 * Sealed blob: version (1 byte) | IV (12 bytes, random per seal) | GCM tag (16 bytes) | ciphertext.
 * The version byte and the caller's context are authenticated data: a blob opens only with the
 * context it was sealed under, so a card cannot be moved to another queue row unnoticed.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { OfflineKind } from './queue/offline-queue';

export const OFFLINE_KEY_BYTES = 32;

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
// Fixed labels: changing one changes every derived key, and every sealed card becomes unreadable.
const HKDF_SALT = Buffer.from('library-kiosk offline queue', 'utf8');
const ENCRYPTION_INFO = Buffer.from('card encryption v1', 'utf8');
const MEMBER_KEY_INFO = Buffer.from('member key v1', 'utf8');

/** The master key is not 32 bytes. */
export class OfflineKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OfflineKeyError';
	}
}

/** A sealed card did not open: another key, a changed blob, or another context. Never says which. */
export class SealedCardError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SealedCardError';
	}
}

export interface CardSealer {
	seal(card: string, context: string): Buffer;
	open(sealed: Buffer, context: string): string;
	/** HMAC-SHA256 of the card number: the same card gives the same 32 bytes under the same master key. */
	memberKey(card: string): Buffer;
}

/**
 * The context a queued transaction's card is sealed under. The offline circulation seals with it
 * and the replay and the .koc export open with it, so all three must build it here.
 */
export function cardContext(transaction: { kind: OfflineKind; itemId: string; transactedAt: Date }): string {
	return `${transaction.kind}:${transaction.itemId}:${transaction.transactedAt.toISOString()}`;
}

export function createCardSealer(masterKey: Buffer): CardSealer {
	if (!Buffer.isBuffer(masterKey) || masterKey.length !== OFFLINE_KEY_BYTES) {
		throw new OfflineKeyError(`the offline key must be ${OFFLINE_KEY_BYTES} bytes, got ${Buffer.isBuffer(masterKey) ? masterKey.length : typeof masterKey}`);
	}
	const encryptionKey = derive(masterKey, ENCRYPTION_INFO);
	const memberKeySecret = derive(masterKey, MEMBER_KEY_INFO);

	return {
		seal(card, context) {
			if (card.length === 0) throw new TypeError('cannot seal an empty card number');
			const header = Buffer.alloc(1 + IV_BYTES);
			header[0] = VERSION;
			// A fresh random IV per seal: GCM loses its confidentiality and integrity if an IV repeats under one key.
			randomBytes(IV_BYTES).copy(header, 1);
			const cipher = createCipheriv('aes-256-gcm', encryptionKey, header.subarray(1), { authTagLength: TAG_BYTES });
			cipher.setAAD(additionalData(context));
			const ciphertext = Buffer.concat([cipher.update(card, 'utf8'), cipher.final()]);
			return Buffer.concat([header, cipher.getAuthTag(), ciphertext]);
		},

		open(sealed, context) {
			if (!Buffer.isBuffer(sealed) || sealed.length <= HEADER_BYTES) throw new SealedCardError('the sealed card is too short to be one');
			if (sealed[0] !== VERSION) throw new SealedCardError(`the sealed card has unknown format version ${sealed[0]}`);
			const iv = sealed.subarray(1, 1 + IV_BYTES);
			const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
			const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
			decipher.setAAD(additionalData(context));
			decipher.setAuthTag(tag);
			try {
				return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
			} catch {
				// GCM cannot tell a wrong key from a changed blob or context, and guessing would mislead staff.
				throw new SealedCardError('the sealed card does not open: another offline key, a damaged blob, or sealed for another transaction');
			}
		},

		memberKey(card) {
			return createHmac('sha256', memberKeySecret).update(card, 'utf8').digest();
		}
	};
}

function derive(masterKey: Buffer, info: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, info, 32));
}

function additionalData(context: string): Buffer {
	// The version byte is authenticated too, so a blob cannot be relabelled as another format.
	return Buffer.concat([Buffer.from([VERSION]), Buffer.from(context, 'utf8')]);
}
