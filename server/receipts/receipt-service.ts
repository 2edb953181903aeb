import type { ReceiptChannel, ReceiptOptions, ReceiptResult } from '../../kiosk/lib/api/contract';
import type { Language } from '../../kiosk/lib/i18n/format';
import { maskEmail } from '../../kiosk/lib/privacy/mask';
import type { ReceiptDocument } from '../../drivers/printer';
import type { MemberSession } from '../circulation/member-sessions';
import type { ReceiptPrintOutcome } from '../devices/device-hub';
import { silentLogger, type Logger } from '../logging/logger';
import { composeReceipt, receiptDocument, receiptEmail } from './receipt';
import type { ReceiptSender } from './receipt-mailer';

/** The receipt printer as this use case needs it; the current DeviceHub is one. */
export interface ReceiptPrinterPort {
	readonly hasPrinter: boolean;
	printReceipt(document: ReceiptDocument): Promise<ReceiptPrintOutcome>;
}

export interface ReceiptServiceOptions {
	libraryName: string;
	/** The current printer (the technician may swap the devices at run time). */
	printer: () => ReceiptPrinterPort;
	/** Null when SMTP is not configured: the e-mail option is not offered. */
	mailer: ReceiptSender | null;
	/** The member's address at the library system (SIP2 64, BE), asked afresh each time; null: none. */
	emailAddressOf: (session: MemberSession) => Promise<string | null>;
	logger?: Logger;
	now?: () => Date;
}

/**
 * The member's receipt of their session so far: which ways are open, and printing or e-mailing it.
 * The e-mail address comes from the library system at the moment it is needed, is used for that one
 * message and kept nowhere; the browser only ever sees it masked.
 */
export class ReceiptService {
	readonly #options: ReceiptServiceOptions;
	readonly #log: Logger;

	constructor(options: ReceiptServiceOptions) {
		this.#options = options;
		this.#log = (options.logger ?? silentLogger).child({ component: 'receipts' });
	}

	async options(session: MemberSession): Promise<ReceiptOptions> {
		const hasContent = !session.receipt.isEmpty;
		const print = this.#options.printer().hasPrinter;
		if (!hasContent || !this.#options.mailer) return { hasContent, print, email: null };
		const address = await this.#address(session);
		return { hasContent, print, email: address ? maskEmail(address) : null };
	}

	async send(session: MemberSession, channel: ReceiptChannel, language: Language): Promise<ReceiptResult> {
		if (session.receipt.isEmpty) return { ok: false, reason: 'nothing-to-send' };
		const model = composeReceipt(session.receipt, {
			libraryName: this.#options.libraryName,
			cardNumber: session.patronId,
			language,
			now: (this.#options.now ?? (() => new Date()))()
		});
		if (channel === 'print') {
			const outcome = await this.#options.printer().printReceipt(receiptDocument(model));
			this.#log.info('receipt print', { outcome });
			if (outcome === 'printed') return { ok: true, channel };
			return { ok: false, reason: outcome === 'paper-out' ? 'paper-out' : 'printer-unavailable' };
		}
		const mailer = this.#options.mailer;
		if (!mailer) return { ok: false, reason: 'email-unavailable' };
		const address = await this.#address(session);
		if (!address) return { ok: false, reason: 'email-unavailable' };
		try {
			await mailer.send(address, receiptEmail(model));
			return { ok: true, channel };
		} catch {
			// The mailer logged why, without the address.
			return { ok: false, reason: 'email-failed' };
		}
	}

	/** Null also when the library system cannot be asked now: then there is simply no e-mail option. */
	async #address(session: MemberSession): Promise<string | null> {
		try {
			return await this.#options.emailAddressOf(session);
		} catch (error) {
			this.#log.info('no e-mail address for a receipt: the library system could not be asked', { problem: error instanceof Error ? error.name : 'unknown' });
			return null;
		}
	}
}
