/**
 * The member's receipt, free of IO: what a session did (SessionReceipt) → a receipt in the
 * member's language → the printer's document or an e-mail's plain text. One composition, two
 * renderings, so paper and e-mail always say the same.
 *
 * What a receipt holds: the library's name, the date and time, the card number masked, titles with
 * due dates, and card payments with amount, card brand, the bank card as the terminal masked it and
 * the terminal's reference. Nothing else about the member: no name, no address, no e-mail address.
 */
import type { ReceiptDocument, ReceiptItem } from '../../drivers/printer';
import { formatDate, formatMoney, interpolate, LOCALES, type Language } from '../../kiosk/lib/i18n/format';
import { en } from '../../kiosk/lib/i18n/en';
import { nl, type MessageKey, type Messages } from '../../kiosk/lib/i18n/nl';
import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import type { ReceiptLoan, ReceiptPayment, ReceiptRenewal } from './session-receipt';

const CATALOGS: Readonly<Record<Language, Messages>> = { nl, en };

/** What the receipt is made of; a SessionReceipt is one. */
export interface ReceiptContents {
	readonly loans: readonly ReceiptLoan[];
	readonly renewals: readonly ReceiptRenewal[];
	readonly payments: readonly ReceiptPayment[];
}

export interface ReceiptContext {
	libraryName: string;
	/** The member's card number; only its masked form reaches the receipt. */
	cardNumber: string;
	language: Language;
	/** When the receipt is made. */
	now: Date;
	/** The kiosk's time zone; unset: the server's own (the kiosk and its server are one machine). */
	timeZone?: string;
}

export interface ReceiptEntry {
	/** A title, or a payment's amount and card. */
	text: string;
	/** Due date, offline note, fees, terminal reference. */
	details: string[];
}

export interface ReceiptSection {
	heading: string;
	entries: ReceiptEntry[];
}

/** A receipt in words, ready for paper or e-mail. */
export interface ReceiptModel {
	language: Language;
	libraryName: string;
	title: string;
	/** `Datum: 14 december 2026 om 15:42`. */
	dateLine: string;
	/** `Pas: **********0012`. */
	cardLine: string;
	sections: ReceiptSection[];
	footer: string;
}

export function composeReceipt(contents: ReceiptContents, context: ReceiptContext): ReceiptModel {
	const { language } = context;
	const t = (key: MessageKey, params?: Record<string, string | number>): string => interpolate(CATALOGS[language][key], params);
	const due = (dueDate: string | null, dueDateText: string): string => t('receipt.due', { date: formatDate(language, dueDate, dueDateText) });
	const sections: ReceiptSection[] = [];
	if (contents.loans.length > 0) {
		sections.push({
			heading: t('receipt.loans'),
			entries: contents.loans.map((loan) => ({
				text: oneLine(loan.title),
				details: [due(loan.dueDate, loan.dueDateText), ...(loan.offline ? [t('receipt.offline')] : [])]
			}))
		});
	}
	if (contents.renewals.length > 0) {
		sections.push({
			heading: t('receipt.renewals'),
			entries: contents.renewals.map((renewal) => ({ text: oneLine(renewal.title), details: [due(renewal.dueDate, renewal.dueDateText)] }))
		});
	}
	if (contents.payments.length > 0) {
		sections.push({
			heading: t('receipt.payments'),
			entries: contents.payments.map((payment) => ({
				text: t('receipt.payment', {
					amount: formatMoney(language, { amount: (payment.amountCents / 100).toFixed(2), currency: payment.currency }),
					brand: oneLine(payment.cardBrand),
					pan: maskedPan(payment.maskedPan)
				}).trim(),
				details: [t('receipt.paymentFees', { fees: payment.fees }), t('receipt.paymentReference', { reference: oneLine(payment.terminalReference) })]
			}))
		});
	}
	return {
		language,
		libraryName: oneLine(context.libraryName),
		title: t('receipt.title'),
		dateLine: t('receipt.date', { date: formatDateTime(language, context.now, context.timeZone) }),
		cardLine: t('receipt.card', { card: maskCardNumber(context.cardNumber) }),
		sections,
		footer: t('receipt.footer')
	};
}

/** For the receipt printer: the library's name large, then the lines, a feed and a partial cut. */
export function receiptDocument(model: ReceiptModel): ReceiptDocument {
	const items: ReceiptItem[] = [
		{ kind: 'text', text: model.libraryName, bold: true, align: 'center', size: 'double' },
		{ kind: 'text', text: model.title, align: 'center' },
		{ kind: 'separator' },
		{ kind: 'text', text: model.dateLine },
		{ kind: 'text', text: model.cardLine }
	];
	for (const section of model.sections) {
		items.push({ kind: 'separator' }, { kind: 'text', text: section.heading, bold: true });
		for (const entry of section.entries) {
			items.push({ kind: 'text', text: entry.text });
			for (const detail of entry.details) items.push({ kind: 'text', text: `  ${detail}` });
		}
	}
	items.push({ kind: 'separator' }, { kind: 'text', text: model.footer, align: 'center' }, { kind: 'feed', lines: 3 }, { kind: 'cut', mode: 'partial' });
	return items;
}

export interface ReceiptEmail {
	subject: string;
	/** Plain text only: no HTML, no images, nothing fetched when it is opened. */
	text: string;
}

export function receiptEmail(model: ReceiptModel): ReceiptEmail {
	const t = (key: MessageKey, params?: Record<string, string | number>): string => interpolate(CATALOGS[model.language][key], params);
	const lines = [t('receipt.emailIntro'), '', model.libraryName, model.title, model.dateLine, model.cardLine];
	for (const section of model.sections) {
		lines.push('', section.heading);
		for (const entry of section.entries) {
			lines.push(`- ${entry.text}`);
			for (const detail of entry.details) lines.push(`  ${detail}`);
		}
	}
	lines.push('', model.footer, '');
	return { subject: t('receipt.emailSubject', { library: model.libraryName }), text: lines.join('\n') };
}

/** "14 december 2026 om 15:42" / "14 December 2026 at 15:42", in the kiosk's time zone. */
export function formatDateTime(language: Language, instant: Date, timeZone?: string): string {
	return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant).replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * The bank card as the terminal masked it. Should a terminal ever hand over a number that is not
 * masked, it is masked here: a full card number never goes onto paper or into a mailbox.
 */
function maskedPan(pan: string): string {
	const text = oneLine(pan);
	const digits = text.replace(/[\s-]/g, '');
	return /^\d{8,19}$/.test(digits) ? maskCardNumber(digits) : text;
}

/** Library system and terminal texts on one line each: a newline must not make a line of its own. */
function oneLine(text: string): string {
	return text.replace(/[\r\n\t]+/g, ' ').trim();
}
