/**
 * The desk dashboard's loans and returns per hour: counted when the circulation service confirms a
 * loan or a return (kiosk and desk, online and queued offline), kept in the staff database for
 * KEEP_DAYS, then purged (at start and hourly, with the audit log).
 *
 * Only counts per local hour and kind are stored: no card, no item, no time finer than the hour. So
 * nothing here is personal data, and the dashboard may show it to every desk role. Hours are the
 * kiosk's local time ("loans between 14:00 and 15:00 today"); in the autumn's repeated hour both
 * fall into one bucket, which a chart of a day can live with.
 */
import type { DashboardHour } from '../../kiosk/lib/api/desk-contract';
import { silentLogger, type Logger } from '../logging/logger';
import type { CirculationHour, CirculationKind, StaffStore } from './staff-store';

/** No personal data, but no reason to keep them for ever either: a month of hours is enough for a dashboard. */
export const KEEP_DAYS = 30;

/** `YYYY-MM-DDTHH` in the local time of this process. */
export function localHourKey(date: Date): string {
	return `${localDayKey(date)}T${pad(date.getHours())}`;
}

function localDayKey(date: Date): string {
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

export class CirculationHours {
	readonly #store: StaffStore;
	readonly #now: () => Date;
	readonly #log: Logger;

	constructor(store: StaffStore, options: { now?: () => Date; logger?: Logger } = {}) {
		this.#store = store;
		this.#now = options.now ?? (() => new Date());
		this.#log = (options.logger ?? silentLogger).child({ component: 'circulation-hours' });
	}

	/**
	 * Counts one confirmed loan or return in the current hour. Never throws: the loan itself is done
	 * and the member must hear so, whatever happens to a dashboard figure.
	 */
	record(kind: CirculationKind, offline: boolean): void {
		try {
			this.#store.countCirculation(localHourKey(this.#now()), kind, offline);
		} catch (error) {
			this.#log.warn('could not count a transaction for the dashboard', { kind, problem: error instanceof Error ? error.message : String(error) });
		}
	}

	/** The 24 hours of the local today, 0 to 23, with zeros where nothing happened. */
	today(): DashboardHour[] {
		const day = localDayKey(this.#now());
		const byHour = new Map<number, CirculationHour>(this.#store.circulationHours(`${day}T00`, `${day}T23`).map((row) => [Number(row.hour.slice(11)), row]));
		return Array.from({ length: 24 }, (_, hour) => {
			const row = byHour.get(hour);
			return { hour, loans: row?.loans ?? 0, returns: row?.returns ?? 0, queued: (row?.offlineLoans ?? 0) + (row?.offlineReturns ?? 0) };
		});
	}

	/** Deletes the hours older than KEEP_DAYS; answers how many. */
	purge(): number {
		const before = new Date(this.#now());
		before.setDate(before.getDate() - KEEP_DAYS);
		const purged = this.#store.purgeCirculationHours(localHourKey(before));
		if (purged > 0) this.#log.info('old dashboard hours purged', { purged });
		return purged;
	}
}
