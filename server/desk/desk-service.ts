/**
 * The staff desk's use cases: find a member, lend to them, take returns (with the slip for the
 * hold shelf or the transit box), renew. Built on the same circulation service as the kiosk, so
 * the security-bit rule, offline mode and the library system's refusals work the same way.
 * The routes check the staff role and write the audit log; this service knows nothing of either.
 */
import type { BorrowOutcome, DeskCheckinResult, DeskMemberView, RenewOutcome } from '../../kiosk/lib/api/contract';
import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import type { CirculationService } from '../circulation/circulation-service';

export interface DeskSlipSettings {
	libraryName: string;
	/** For the slip's date; the kiosk's local time. */
	now?: () => Date;
}

export class DeskService {
	constructor(
		private readonly circulation: CirculationService,
		private readonly slips: DeskSlipSettings
	) {}

	async findMember(card: string): Promise<DeskMemberView | null> {
		const found = await this.circulation.memberForStaff(card);
		if (!found) return null;
		const account = await this.circulation.account(found.session);
		return { card: maskCardNumber(found.session.patronId), name: found.name, blocks: found.blocks, account };
	}

	async checkout(card: string, itemId: string): Promise<BorrowOutcome | null> {
		const found = await this.circulation.memberForStaff(card);
		if (!found) return null;
		return this.circulation.borrow(found.session, itemId);
	}

	async renew(card: string, itemId: string): Promise<RenewOutcome | null> {
		const found = await this.circulation.memberForStaff(card);
		if (!found) return null;
		return this.circulation.renew(found.session, itemId);
	}

	async checkin(itemId: string): Promise<DeskCheckinResult> {
		const { outcome, holdFor } = await this.circulation.returnItemAtDesk(itemId);
		if (!outcome.ok) return { outcome, slip: null };
		const date = (this.slips.now?.() ?? new Date()).toLocaleString('nl-NL', { dateStyle: 'short', timeStyle: 'short' });
		const title = outcome.title ?? outcome.itemId;
		if (outcome.action === 'hold-shelf' && holdFor) {
			// Enough to shelve it by and hand it over: initials and the last digits of the card, never the whole name.
			return { outcome, slip: [this.slips.libraryName, 'RESERVERING', title, outcome.itemId, `Voor: ${initialsOf(holdFor.name)} ${maskCardNumber(holdFor.card).slice(-4)}`, date] };
		}
		if (outcome.action === 'transit') {
			return { outcome, slip: [this.slips.libraryName, 'TRANSPORT', `Naar: ${outcome.destination ?? '?'}`, title, outcome.itemId, date] };
		}
		return { outcome, slip: null };
	}
}

/** "Sanne Jansen" and "Jansen, Sanne" give "S.J."; nothing readable gives "". */
export function initialsOf(name: string): string {
	const parts = name.includes(',') ? [...name.split(',').slice(1), name.split(',')[0]!] : [name];
	return parts
		.join(' ')
		.split(/\s+/)
		.filter((word) => /^\p{Lu}/u.test(word))
		.map((word) => `${word[0]}.`)
		.join('');
}
