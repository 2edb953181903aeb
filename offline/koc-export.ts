/**
 * Koha's offline circulation file (.koc): the fallback when the replay cannot run, for staff to
 * upload at Circulation > Offline circulation file upload.
 *
 *   Version=1.0<TAB>Generator=library-kiosk<TAB>GeneratorVersion=0.1.0
 *   2026-11-23 10:15:00 123<TAB>issue<TAB>CARD<TAB>BARCODE
 *   2026-11-23 10:16:30 004<TAB>return<TAB>BARCODE
 *
 * Koha reads the timestamp as the library's local time and splits every line on tabs and the header
 * on '=', so a tab, newline or (in the header) '=' inside a value would silently shift fields:
 * such input is refused instead.
 */
import { cardContext, type CardSealer } from './card-sealer';
import type { OfflineKind, QueuedTransaction } from './queue/offline-queue';

export const KOC_GENERATOR = 'library-kiosk';

export interface KocEntry {
	kind: OfflineKind;
	itemId: string;
	transactedAt: Date;
	/** The opened card number for a checkout; null for a checkin. */
	card: string | null;
}

export interface KocOptions {
	/**
	 * Minutes east of UTC of the kiosk's local time at a given moment; the process's time zone by
	 * default. Per moment, because an offline spell can span a daylight saving change.
	 */
	utcOffsetMinutes?: (at: Date) => number;
}

/** A queued transaction whose sealed card does not open (another key, or an altered row). */
export class KocCardError extends Error {
	constructor(readonly seq: number, cause: unknown) {
		super(`the card of queued transaction ${seq} does not open (${cause instanceof Error ? cause.message : String(cause)})`);
		this.name = 'KocCardError';
	}
}

/**
 * The queued transactions as .koc entries, cards opened. All or nothing: a file missing one loan
 * would be uploaded as if it were complete, so a card that does not open throws KocCardError.
 */
export function kocEntriesOf(pending: readonly QueuedTransaction[], sealer: CardSealer): KocEntry[] {
	return pending.map((transaction) => {
		const { kind, itemId, transactedAt } = transaction;
		if (transaction.sealedCard === null) return { kind, itemId, transactedAt, card: null };
		try {
			return { kind, itemId, transactedAt, card: sealer.open(transaction.sealedCard, cardContext(transaction)) };
		} catch (error) {
			throw new KocCardError(transaction.seq, error);
		}
	});
}

/** An entry that cannot be written as a valid .koc line. */
export class KocFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'KocFormatError';
	}
}

export function formatKoc(entries: readonly KocEntry[], generatorVersion: string, options: KocOptions = {}): string {
	const offset = options.utcOffsetMinutes ?? ((at: Date) => -at.getTimezoneOffset());
	if (!/^[^\t\r\n=]+$/.test(generatorVersion)) throw new KocFormatError(`the generator version "${generatorVersion}" cannot go in a .koc header`);
	const lines = [`Version=1.0\tGenerator=${KOC_GENERATOR}\tGeneratorVersion=${generatorVersion}`];
	entries.forEach((entry, index) => {
		const where = `entry ${index + 1}`;
		const timestamp = localTimestamp(entry.transactedAt, offset, where);
		const barcode = field(entry.itemId, `${where}: the item id`);
		if (entry.kind === 'checkout') {
			if (entry.card === null) throw new KocFormatError(`${where}: a checkout needs the card number`);
			lines.push(`${timestamp}\tissue\t${field(entry.card, `${where}: the card number`)}\t${barcode}`);
		} else if (entry.kind === 'checkin') {
			lines.push(`${timestamp}\treturn\t${barcode}`);
		} else {
			throw new KocFormatError(`${where}: unknown kind "${String(entry.kind)}"`);
		}
	});
	return lines.join('\n') + '\n';
}

function field(value: string, what: string): string {
	// The message names the problem, not the value: the value may be a card number.
	if (value.length === 0) throw new KocFormatError(`${what} is empty`);
	if (/[\t\r\n]/.test(value)) throw new KocFormatError(`${what} contains a tab or line break`);
	return value;
}

/** `YYYY-MM-DD HH:MM:SS mmm` in the kiosk's local time: the third token is milliseconds. */
function localTimestamp(at: Date, utcOffsetMinutes: (at: Date) => number, where: string): string {
	if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new KocFormatError(`${where}: the transaction date is not a valid date`);
	const local = new Date(at.getTime() + utcOffsetMinutes(at) * 60_000);
	const two = (n: number) => String(n).padStart(2, '0');
	const year = local.getUTCFullYear();
	if (year < 1000 || year > 9999) throw new KocFormatError(`${where}: the transaction date is out of range`);
	return (
		`${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ` +
		`${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ` +
		String(local.getUTCMilliseconds()).padStart(3, '0')
	);
}
