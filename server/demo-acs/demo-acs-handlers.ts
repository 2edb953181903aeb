import { timingSafeEqual } from 'node:crypto';
import type { DemoLibrary, ItemCirculation, PatronInformation } from '../demo-library/library-rules';
import type { MediaType } from '../demo-library/library-store';
import {
	formatSipDate,
	parseSipDate,
	patronStatusOf,
	type SipMessageByCommand,
	type SipRequest,
	type SipResponse,
	type SummaryItems
} from '../sip2';

/**
 * What the demo library system answers to each SIP2 request: a pure mapping between the wire
 * messages and the demo library's rules. No sockets here (see demo-acs-server.ts).
 */
export interface DemoAcsIdentity {
	institutionId: string;
	libraryName: string;
	login: { user: string; password: string };
}

/** Which of our 16 BX positions we support: everything but block patron (3) and patron enable (12). */
const SUPPORTED_MESSAGES = 'YYYNYYYYYYYYNYYY';

const CIRCULATION_STATUS: Record<ItemCirculation, string> = {
	available: '03',
	'on-loan': '04',
	'on-hold-shelf': '08',
	'in-transit': '10',
	'not-for-loan': '01'
};

const MEDIA_TYPE: Record<MediaType, string> = {
	book: '001',
	magazine: '002',
	cd: '006',
	dvd: '000',
	'book-with-cd': '009',
	other: '000'
};

const sipDateOrEmpty = (date: Date | null | undefined) => (date ? formatSipDate(date) : '');

/** An offline replay's date, when the terminal sent one; blanks mean "none". */
const dateField = (raw: string) => parseSipDate(raw) ?? undefined;

export class DemoAcsHandlers {
	constructor(
		private readonly library: DemoLibrary,
		private readonly identity: DemoAcsIdentity,
		private readonly now: () => Date = () => new Date()
	) {}

	/** Answers one request. Every request the codec knows has an answer. */
	answer(request: SipRequest): SipResponse {
		const transactionDate = formatSipDate(this.now());
		switch (request.command) {
			case '93':
				return { command: '94', ok: sameSecret(request.loginUserId ?? '', this.identity.login.user) && sameSecret(request.loginPassword ?? '', this.identity.login.password) };
			case '99':
				return this.acsStatus(transactionDate);
			case '63':
				return this.patronInformation(request, transactionDate);
			case '23':
				return this.patronStatus(request, transactionDate);
			case '11':
				return this.checkout(request, transactionDate);
			case '09':
				return this.checkin(request, transactionDate);
			case '29':
				return this.renew(request, transactionDate);
			case '65':
				return this.renewAll(request, transactionDate);
			case '17':
				return this.itemInformation(request, transactionDate);
			case '35':
				return { command: '36', endSession: true, transactionDate, institutionId: this.identity.institutionId, patronId: request.patronId ?? '' };
			case '37':
				return this.feePaid(request, transactionDate);
			case '15':
				return this.hold(request, transactionDate);
			case '19': {
				const result = this.library.updateItemProperties(request.itemId ?? '', request.itemProperties ?? '');
				return { command: '20', itemPropertiesOk: result.ok, transactionDate, itemId: request.itemId ?? '', itemProperties: request.itemProperties };
			}
		}
	}

	private acsStatus(transactionDate: string): SipMessageByCommand<'98'> {
		return {
			command: '98',
			onlineStatus: true,
			checkinOk: true,
			checkoutOk: true,
			acsRenewalPolicy: true,
			statusUpdateOk: true,
			offlineOk: true,
			timeoutPeriod: 30,
			retriesAllowed: 3,
			dateTimeSync: transactionDate,
			protocolVersion: '2.00',
			institutionId: this.identity.institutionId,
			libraryName: this.identity.libraryName,
			supportedMessages: SUPPORTED_MESSAGES
		};
	}

	/** The PIN check the way Koha does it: CQ only when a PIN was sent. */
	private pinCheck(patronId: string, pin: string | undefined): 'Y' | 'N' | undefined {
		if (pin === undefined || pin === '') return undefined;
		return this.library.verifyPatron(patronId, pin).pinOk ? 'Y' : 'N';
	}

	private patronInformation(request: SipMessageByCommand<'63'>, transactionDate: string): SipMessageByCommand<'64'> {
		const patronId = request.patronId ?? '';
		const info = this.library.patronInformation(patronId);
		if (!info) return this.unknownPatron('64', patronId, request.language, transactionDate);
		const validPatronPassword = this.pinCheck(patronId, request.patronPassword);
		const base = this.patronBase(info, request.language, transactionDate);
		// Nothing beyond "this card exists" for a wrong PIN: names and lists are the member's own.
		if (validPatronPassword === 'N') {
			return { ...base, personalName: '', validPatronPassword, holdItemsCount: null, overdueItemsCount: null, chargedItemsCount: null, fineItemsCount: null, recallItemsCount: null, unavailableHoldsCount: null };
		}
		const range = <T>(list: T[]) => {
			const start = Math.max(1, Number(request.startItem ?? 1) || 1);
			const end = Math.max(start, Number(request.endItem ?? list.length) || list.length);
			return list.slice(start - 1, end);
		};
		const lists: Partial<Record<SummaryItems, string[]>> = {
			hold: info.holdsWaiting.map((hold) => hold.itemBarcode),
			overdue: info.loans.filter((loan) => loan.overdue).map((loan) => loan.itemBarcode),
			charged: info.loans.map((loan) => loan.itemBarcode),
			// The fee id first, so a kiosk can pay exactly the fees the member picked (37 with CG).
			fine: info.fees.map((fee) => `${fee.id} ${fee.amount} ${info.currency} ${fee.description}`),
			'unavailable-hold': info.holdsPending.map((hold) => hold.itemBarcode)
		};
		const wanted = request.summary;
		const list = wanted === null ? [] : range(lists[wanted] ?? []);
		return {
			...base,
			validPatronPassword,
			holdItemsLimit: '0010',
			chargedItemsLimit: String(info.loanLimit).padStart(4, '0'),
			feeLimit: info.feeLimit,
			holdItems: wanted === 'hold' ? list : undefined,
			overdueItems: wanted === 'overdue' ? list : undefined,
			chargedItems: wanted === 'charged' ? list : undefined,
			fineItems: wanted === 'fine' ? list : undefined,
			unavailableHoldItems: wanted === 'unavailable-hold' ? list : undefined,
			homeAddress: info.address ?? undefined,
			emailAddress: info.email ?? undefined,
			homePhoneNumber: info.phone ?? undefined,
			familyCards: info.familyAccess.length > 0 ? info.familyAccess : undefined
		};
	}

	private patronBase(info: PatronInformation, language: string, transactionDate: string): SipMessageByCommand<'64'> {
		const status = info.status;
		return {
			command: '64',
			patronStatus: patronStatusOf({
				chargePrivilegesDenied: status.chargePrivilegesDenied,
				renewalPrivilegesDenied: status.renewalPrivilegesDenied,
				holdPrivilegesDenied: status.holdPrivilegesDenied,
				cardReportedLost: status.cardReportedLost,
				tooManyItemsCharged: status.tooManyItemsCharged,
				excessiveOutstandingFees: status.excessiveOutstandingFees
			}),
			language,
			transactionDate,
			holdItemsCount: info.holdsWaiting.length,
			overdueItemsCount: info.loans.filter((loan) => loan.overdue).length,
			chargedItemsCount: info.loans.length,
			fineItemsCount: info.fees.length,
			recallItemsCount: 0,
			unavailableHoldsCount: info.holdsPending.length,
			institutionId: this.identity.institutionId,
			patronId: info.cardNumber,
			personalName: info.fullName,
			validPatron: 'Y',
			currencyType: info.currency,
			feeAmount: info.feeTotal,
			screenMessage: info.blocks.length > 0 ? [blockMessage(info)] : undefined
		};
	}

	private unknownPatron(command: '64', patronId: string, language: string, transactionDate: string): SipMessageByCommand<'64'> {
		// As Koha: privileges denied, no name, BL N.
		return {
			command,
			patronStatus: patronStatusOf({ chargePrivilegesDenied: true, renewalPrivilegesDenied: true, recallPrivilegesDenied: true, holdPrivilegesDenied: true }),
			language,
			transactionDate,
			holdItemsCount: 0,
			overdueItemsCount: 0,
			chargedItemsCount: 0,
			fineItemsCount: 0,
			recallItemsCount: 0,
			unavailableHoldsCount: 0,
			institutionId: this.identity.institutionId,
			patronId,
			personalName: '',
			validPatron: 'N',
			screenMessage: ['Patron not found.']
		};
	}

	private patronStatus(request: SipMessageByCommand<'23'>, transactionDate: string): SipMessageByCommand<'24'> {
		const patronId = request.patronId ?? '';
		const info = this.library.patronInformation(patronId);
		if (!info) {
			const unknown = this.unknownPatron('64', patronId, request.language, transactionDate);
			return { command: '24', patronStatus: unknown.patronStatus, language: request.language, transactionDate, institutionId: this.identity.institutionId, patronId, personalName: '', validPatron: 'N', screenMessage: unknown.screenMessage };
		}
		const base = this.patronBase(info, request.language, transactionDate);
		const validPatronPassword = this.pinCheck(patronId, request.patronPassword);
		return {
			command: '24',
			patronStatus: base.patronStatus,
			language: request.language,
			transactionDate,
			institutionId: this.identity.institutionId,
			patronId,
			personalName: validPatronPassword === 'N' ? '' : info.fullName,
			validPatron: 'Y',
			validPatronPassword,
			currencyType: info.currency,
			feeAmount: info.feeTotal,
			screenMessage: base.screenMessage
		};
	}

	private checkout(request: SipMessageByCommand<'11'>, transactionDate: string): SipMessageByCommand<'12'> {
		const itemId = request.itemId ?? '';
		const result = this.library.checkout(request.patronId ?? '', itemId, {
			pin: request.patronPassword || undefined,
			noBlock: request.noBlock,
			dueDate: dateField(request.nbDueDate),
			transactionDate: request.noBlock ? dateField(request.transactionDate) : undefined
		});
		const item = result.ok ? this.library.itemInformation(itemId) : null;
		return {
			command: '12',
			ok: result.ok,
			renewalOk: result.renewal,
			magneticMedia: 'N',
			desensitize: result.ok ? 'Y' : 'N',
			transactionDate,
			institutionId: this.identity.institutionId,
			patronId: request.patronId ?? '',
			itemId,
			titleId: result.title ?? '',
			dueDate: sipDateOrEmpty(result.dueDate),
			mediaType: item ? MEDIA_TYPE[item.mediaType] : undefined,
			screenMessage: result.ok ? undefined : [result.message]
		};
	}

	private checkin(request: SipMessageByCommand<'09'>, transactionDate: string): SipMessageByCommand<'10'> {
		const itemId = request.itemId ?? '';
		const result = this.library.checkin(itemId, {
			returnDate: dateField(request.returnDate),
			location: request.currentLocation,
			noBlock: request.noBlock
		});
		if (!result.ok) {
			return {
				command: '10',
				ok: false,
				resensitize: 'N',
				magneticMedia: 'U',
				alert: false,
				transactionDate,
				institutionId: this.identity.institutionId,
				itemId,
				permanentLocation: '',
				screenMessage: [result.message]
			};
		}
		const item = this.library.itemInformation(itemId);
		// Koha's alert types: 01 hold here, 02 hold at another branch, 04 send to another branch.
		const alertType = result.action === 'hold-shelf' ? '01' : result.action === 'transit' ? (result.holdFor ? '02' : '04') : undefined;
		return {
			command: '10',
			ok: true,
			resensitize: 'Y',
			magneticMedia: 'N',
			alert: alertType !== undefined,
			transactionDate,
			institutionId: this.identity.institutionId,
			itemId,
			permanentLocation: result.permanentLocation,
			titleId: result.title,
			patronId: result.wasOnLoanTo ?? undefined,
			mediaType: item ? MEDIA_TYPE[item.mediaType] : undefined,
			sortBin: result.action === 'shelve' ? undefined : result.action,
			alertType,
			destinationLocation: result.destinationBranch?.code,
			holdPatronId: result.holdFor?.cardNumber,
			holdPatronName: result.holdFor?.name,
			screenMessage: [result.message]
		};
	}

	private renew(request: SipMessageByCommand<'29'>, transactionDate: string): SipMessageByCommand<'30'> {
		const itemId = request.itemId ?? '';
		const result = this.library.renew(request.patronId ?? '', itemId, {
			noBlock: request.noBlock,
			dueDate: dateField(request.nbDueDate),
			transactionDate: request.noBlock ? dateField(request.transactionDate) : undefined
		});
		return {
			command: '30',
			ok: result.ok,
			renewalOk: result.ok,
			magneticMedia: 'N',
			desensitize: 'N',
			transactionDate,
			institutionId: this.identity.institutionId,
			patronId: request.patronId ?? '',
			itemId,
			titleId: result.title ?? '',
			dueDate: sipDateOrEmpty(result.dueDate),
			screenMessage: result.ok ? undefined : [result.message]
		};
	}

	private renewAll(request: SipMessageByCommand<'65'>, transactionDate: string): SipMessageByCommand<'66'> {
		const result = this.library.renewAll(request.patronId ?? '');
		return {
			command: '66',
			ok: result.ok,
			renewedCount: result.renewed.length,
			unrenewedCount: result.unrenewed.length,
			transactionDate,
			institutionId: this.identity.institutionId,
			renewedItems: result.renewed,
			unrenewedItems: result.unrenewed,
			screenMessage: [result.message]
		};
	}

	private itemInformation(request: SipMessageByCommand<'17'>, transactionDate: string): SipMessageByCommand<'18'> {
		const itemId = request.itemId ?? '';
		const item = this.library.itemInformation(itemId);
		if (!item) {
			return { command: '18', circulationStatus: '01', securityMarker: '01', feeType: '01', transactionDate, itemId, titleId: '', screenMessage: ['Item not found.'] };
		}
		return {
			command: '18',
			circulationStatus: CIRCULATION_STATUS[item.circulation],
			securityMarker: '02',
			feeType: '01',
			transactionDate,
			holdQueueLength: String(item.holdQueueLength),
			dueDate: item.dueDate ? formatSipDate(item.dueDate) : undefined,
			holdPickupDate: item.holdPickupDeadline ? formatSipDate(item.holdPickupDeadline) : undefined,
			itemId,
			titleId: item.title,
			owner: item.ownerBranch.code,
			mediaType: MEDIA_TYPE[item.mediaType],
			permanentLocation: item.ownerBranch.name,
			currentLocation: item.currentLocation.name,
			itemProperties: item.properties ?? undefined,
			pickupLocation: item.holdPickupBranch?.name,
			destinationLocation: item.destinationBranch?.code
		};
	}

	private feePaid(request: SipMessageByCommand<'37'>, transactionDate: string): SipMessageByCommand<'38'> {
		const result = this.library.payFee(request.patronId ?? '', request.feeAmount ?? '', {
			feeId: request.feeIdentifier,
			transactionId: request.transactionId
		});
		return {
			command: '38',
			paymentAccepted: result.accepted,
			transactionDate,
			institutionId: this.identity.institutionId,
			patronId: request.patronId ?? '',
			transactionId: request.transactionId,
			screenMessage: [result.message]
		};
	}

	private hold(request: SipMessageByCommand<'15'>, transactionDate: string): SipMessageByCommand<'16'> {
		const patronId = request.patronId ?? '';
		const itemId = request.itemId ?? '';
		const result =
			request.holdMode === '-' ? this.library.cancelHold(patronId, itemId) : this.library.placeHold(patronId, itemId, request.pickupLocation);
		return {
			command: '16',
			ok: result.ok,
			available: false,
			transactionDate,
			queuePosition: result.queuePosition === null ? undefined : String(result.queuePosition),
			pickupLocation: request.pickupLocation,
			institutionId: this.identity.institutionId,
			patronId,
			itemId: request.itemId,
			screenMessage: [result.message]
		};
	}
}

/** Constant-time comparison for the SIP login, so the demo does not teach a timing leak. */
function sameSecret(given: string, expected: string): boolean {
	const left = Buffer.from(given);
	const right = Buffer.from(expected);
	return left.length === right.length && timingSafeEqual(left, right);
}

function blockMessage(info: PatronInformation): string {
	if (info.blocks.includes('card-lost')) return 'This card has been reported lost. Please contact the desk.';
	if (info.blocks.includes('excessive-fees')) return `Outstanding fees of ${info.currency} ${info.feeTotal} exceed the limit. Please pay at the desk.`;
	return 'Borrowing is blocked. Please contact the desk.';
}
