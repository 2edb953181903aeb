import {
	count,
	digits,
	oneZero,
	patronStatus,
	sipDate,
	summary,
	text,
	yesNo,
	yesNoUnknown,
	type FixedFieldCodec
} from './fixed-fields';

/**
 * The SIP2 v2.00 messages a self-check and a desk terminal use, as data: each message's fixed part
 * (in wire order) and its variable fields. The codec is driven by these tables and the TypeScript
 * types of every message are derived from them, so a field exists in exactly one place.
 */

/** A variable field: its two-letter id; `many` for repeatable ones (AF, AS...); `required` ones are sent even when empty. */
export interface VariableFieldSpec {
	readonly id: string;
	readonly many?: true;
	readonly required?: true;
}

export interface MessageSpec {
	readonly command: string;
	readonly fixed: readonly (readonly [name: string, codec: FixedFieldCodec<never> | FixedFieldCodec<unknown>])[];
	readonly fields: Readonly<Record<string, VariableFieldSpec>>;
}

const one = (id: string): VariableFieldSpec => ({ id });
const required = (id: string) => ({ id, required: true }) as const;
const many = (id: string) => ({ id, many: true }) as const;

/** Every response may carry screen messages and print lines. */
const screenAndPrint = { screenMessage: many('AF'), printLine: many('AG') } as const;

/** Extensions seen in the wild (Koha, FOLIO), read when present, never required. */
const itemExtensions = {
	collectionCode: one('CR'),
	callNumber: one('CS'),
	destinationLocation: one('CT'),
	alertType: one('CV'),
	holdPatronId: one('CY'),
	holdPatronName: one('DA')
} as const;

function message<const C extends string, const F extends MessageSpec['fixed'], const V extends MessageSpec['fields']>(
	command: C,
	fixed: F,
	fields: V
) {
	return { command, fixed, fields };
}

const itemTransactionResponseFields = {
	institutionId: required('AO'),
	patronId: required('AA'),
	itemId: required('AB'),
	titleId: required('AJ'),
	dueDate: required('AH'),
	feeType: one('BT'),
	securityInhibit: one('CI'),
	currencyType: one('BH'),
	feeAmount: one('BV'),
	mediaType: one('CK'),
	itemProperties: one('CH'),
	transactionId: one('BK'),
	...screenAndPrint
} as const;

const itemTransactionResponseFixed = [
	['ok', oneZero],
	['renewalOk', yesNo],
	['magneticMedia', yesNoUnknown],
	['desensitize', yesNoUnknown],
	['transactionDate', sipDate]
] as const;

export const MESSAGES = {
	login: message('93', [['uidAlgorithm', text(1)], ['pwdAlgorithm', text(1)]], {
		loginUserId: required('CN'),
		loginPassword: required('CO'),
		locationCode: one('CP')
	}),
	loginResponse: message('94', [['ok', oneZero]], { ...screenAndPrint }),
	scStatus: message(
		'99',
		[
			['statusCode', text(1)],
			['maxPrintWidth', digits(3)],
			['protocolVersion', text(4)]
		],
		{}
	),
	acsStatus: message(
		'98',
		[
			['onlineStatus', yesNo],
			['checkinOk', yesNo],
			['checkoutOk', yesNo],
			['acsRenewalPolicy', yesNo],
			['statusUpdateOk', yesNo],
			['offlineOk', yesNo],
			['timeoutPeriod', digits(3)],
			['retriesAllowed', digits(3)],
			['dateTimeSync', sipDate],
			['protocolVersion', text(4)]
		],
		{
			institutionId: required('AO'),
			libraryName: one('AM'),
			supportedMessages: required('BX'),
			terminalLocation: one('AN'),
			...screenAndPrint
		}
	),
	patronInformation: message(
		'63',
		[
			['language', text(3)],
			['transactionDate', sipDate],
			['summary', summary]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			terminalPassword: one('AC'),
			patronPassword: one('AD'),
			startItem: one('BP'),
			endItem: one('BQ')
		}
	),
	patronInformationResponse: message(
		'64',
		[
			['patronStatus', patronStatus],
			['language', text(3)],
			['transactionDate', sipDate],
			['holdItemsCount', count],
			['overdueItemsCount', count],
			['chargedItemsCount', count],
			['fineItemsCount', count],
			['recallItemsCount', count],
			['unavailableHoldsCount', count]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			personalName: required('AE'),
			holdItemsLimit: one('BZ'),
			overdueItemsLimit: one('CA'),
			chargedItemsLimit: one('CB'),
			validPatron: one('BL'),
			validPatronPassword: one('CQ'),
			currencyType: one('BH'),
			feeAmount: one('BV'),
			feeLimit: one('CC'),
			holdItems: many('AS'),
			overdueItems: many('AT'),
			chargedItems: many('AU'),
			fineItems: many('AV'),
			recallItems: many('BU'),
			unavailableHoldItems: many('CD'),
			homeAddress: one('BD'),
			emailAddress: one('BE'),
			homePhoneNumber: one('BF'),
			/**
			 * Not SIP2: an extension the demo library sends (ZF, one per member): card numbers of
			 * family members who accepted that this patron sees their loans. A library system that
			 * does not send it simply has no family access on the kiosk.
			 */
			familyCards: many('ZF'),
			...screenAndPrint
		}
	),
	patronStatusRequest: message(
		'23',
		[
			['language', text(3)],
			['transactionDate', sipDate]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			terminalPassword: required('AC'),
			patronPassword: required('AD')
		}
	),
	patronStatusResponse: message(
		'24',
		[
			['patronStatus', patronStatus],
			['language', text(3)],
			['transactionDate', sipDate]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			personalName: required('AE'),
			validPatron: one('BL'),
			validPatronPassword: one('CQ'),
			currencyType: one('BH'),
			feeAmount: one('BV'),
			...screenAndPrint
		}
	),
	checkout: message(
		'11',
		[
			['scRenewalPolicy', yesNo],
			['noBlock', yesNo],
			['transactionDate', sipDate],
			['nbDueDate', sipDate]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			itemId: required('AB'),
			terminalPassword: required('AC'),
			patronPassword: one('AD'),
			itemProperties: one('CH'),
			feeAcknowledged: one('BO'),
			cancel: one('BI')
		}
	),
	checkoutResponse: message('12', itemTransactionResponseFixed, itemTransactionResponseFields),
	checkin: message(
		'09',
		[
			['noBlock', yesNo],
			['transactionDate', sipDate],
			['returnDate', sipDate]
		],
		{
			currentLocation: required('AP'),
			institutionId: required('AO'),
			itemId: required('AB'),
			terminalPassword: required('AC'),
			itemProperties: one('CH'),
			cancel: one('BI')
		}
	),
	checkinResponse: message(
		'10',
		[
			['ok', oneZero],
			['resensitize', yesNoUnknown],
			['magneticMedia', yesNoUnknown],
			['alert', yesNo],
			['transactionDate', sipDate]
		],
		{
			institutionId: required('AO'),
			itemId: required('AB'),
			permanentLocation: required('AQ'),
			titleId: one('AJ'),
			patronId: one('AA'),
			mediaType: one('CK'),
			itemProperties: one('CH'),
			sortBin: one('CL'),
			...itemExtensions,
			...screenAndPrint
		}
	),
	renew: message(
		'29',
		[
			['thirdPartyAllowed', yesNo],
			['noBlock', yesNo],
			['transactionDate', sipDate],
			['nbDueDate', sipDate]
		],
		{
			institutionId: required('AO'),
			patronId: required('AA'),
			patronPassword: one('AD'),
			itemId: one('AB'),
			titleId: one('AJ'),
			terminalPassword: one('AC'),
			itemProperties: one('CH'),
			feeAcknowledged: one('BO')
		}
	),
	renewResponse: message('30', itemTransactionResponseFixed, itemTransactionResponseFields),
	renewAll: message('65', [['transactionDate', sipDate]], {
		institutionId: required('AO'),
		patronId: required('AA'),
		patronPassword: one('AD'),
		terminalPassword: one('AC'),
		feeAcknowledged: one('BO')
	}),
	renewAllResponse: message(
		'66',
		[
			['ok', oneZero],
			['renewedCount', count],
			['unrenewedCount', count],
			['transactionDate', sipDate]
		],
		{
			institutionId: required('AO'),
			renewedItems: many('BM'),
			unrenewedItems: many('BN'),
			...screenAndPrint
		}
	),
	itemInformation: message('17', [['transactionDate', sipDate]], {
		institutionId: required('AO'),
		itemId: required('AB'),
		terminalPassword: one('AC')
	}),
	itemInformationResponse: message(
		'18',
		[
			['circulationStatus', text(2)],
			['securityMarker', text(2)],
			['feeType', text(2)],
			['transactionDate', sipDate]
		],
		{
			holdQueueLength: one('CF'),
			dueDate: one('AH'),
			recallDate: one('CJ'),
			holdPickupDate: one('CM'),
			itemId: required('AB'),
			titleId: required('AJ'),
			owner: one('BG'),
			currencyType: one('BH'),
			feeAmount: one('BV'),
			mediaType: one('CK'),
			permanentLocation: one('AQ'),
			currentLocation: one('AP'),
			itemProperties: one('CH'),
			/** Not in 18 by the spec; ILSs that know a waiting hold's pickup branch send it here. */
			pickupLocation: one('BS'),
			...itemExtensions,
			...screenAndPrint
		}
	),
	endPatronSession: message('35', [['transactionDate', sipDate]], {
		institutionId: required('AO'),
		patronId: required('AA'),
		terminalPassword: one('AC'),
		patronPassword: one('AD')
	}),
	endSessionResponse: message(
		'36',
		[
			['endSession', yesNo],
			['transactionDate', sipDate]
		],
		{ institutionId: required('AO'), patronId: required('AA'), ...screenAndPrint }
	),
	feePaid: message(
		'37',
		[
			['transactionDate', sipDate],
			['feeType', text(2)],
			['paymentType', text(2)],
			['currencyType', text(3)]
		],
		{
			feeAmount: required('BV'),
			institutionId: required('AO'),
			patronId: required('AA'),
			terminalPassword: one('AC'),
			patronPassword: one('AD'),
			feeIdentifier: one('CG'),
			transactionId: one('BK')
		}
	),
	feePaidResponse: message(
		'38',
		[
			['paymentAccepted', yesNo],
			['transactionDate', sipDate]
		],
		{ institutionId: required('AO'), patronId: required('AA'), transactionId: one('BK'), ...screenAndPrint }
	),
	hold: message(
		'15',
		[
			['holdMode', text(1)],
			['transactionDate', sipDate]
		],
		{
			expirationDate: one('BW'),
			pickupLocation: one('BS'),
			holdType: one('BY'),
			institutionId: required('AO'),
			patronId: required('AA'),
			patronPassword: one('AD'),
			itemId: one('AB'),
			titleId: one('AJ'),
			terminalPassword: one('AC'),
			feeAcknowledged: one('BO')
		}
	),
	holdResponse: message(
		'16',
		[
			['ok', oneZero],
			['available', yesNo],
			['transactionDate', sipDate]
		],
		{
			expirationDate: one('BW'),
			queuePosition: one('BR'),
			pickupLocation: one('BS'),
			institutionId: required('AO'),
			patronId: required('AA'),
			itemId: one('AB'),
			titleId: one('AJ'),
			...screenAndPrint
		}
	),
	itemStatusUpdate: message('19', [['transactionDate', sipDate]], {
		institutionId: required('AO'),
		itemId: required('AB'),
		terminalPassword: one('AC'),
		itemProperties: required('CH')
	}),
	itemStatusUpdateResponse: message(
		'20',
		[
			['itemPropertiesOk', oneZero],
			['transactionDate', sipDate]
		],
		{ itemId: required('AB'), titleId: one('AJ'), itemProperties: one('CH'), ...screenAndPrint }
	),
	requestAcsResend: message('97', [], {}),
	requestScResend: message('96', [], {})
} as const;

type Specs = typeof MESSAGES;
export type MessageName = keyof Specs;
export type SipCommand = Specs[MessageName]['command'];

type FixedValues<F extends MessageSpec['fixed']> = {
	-readonly [E in F[number] as E[0]]: E[1] extends FixedFieldCodec<infer T> ? T : never;
};
type VariableValues<V extends MessageSpec['fields']> = {
	-readonly [K in keyof V]?: V[K] extends { many: true } ? string[] : string;
};

/** A field we have no name for in this message. Kept, in order, and sent back out when re-encoded. */
export interface SipField {
	id: string;
	value: string;
}

/** Error detection parts, present only when the message carried them. */
export interface SipTrailer {
	sequence?: number;
	checksum?: string;
}

export type SipMessageOf<S extends MessageSpec> = { command: S['command'] } & FixedValues<S['fixed']> &
	VariableValues<S['fields']> & { unknownFields?: SipField[] } & SipTrailer;

export type SipMessages = { [N in MessageName]: SipMessageOf<Specs[N]> };
/** Any message the codec knows, discriminated by `command`. */
export type SipMessage = SipMessages[MessageName];
export type SipMessageByCommand<C extends SipCommand> = Extract<SipMessage, { command: C }>;

/** Which response answers which request. */
export const RESPONSE_TO = {
	'93': '94',
	'99': '98',
	'63': '64',
	'23': '24',
	'11': '12',
	'09': '10',
	'29': '30',
	'65': '66',
	'17': '18',
	'35': '36',
	'37': '38',
	'15': '16',
	'19': '20'
} as const satisfies Partial<Record<SipCommand, SipCommand>>;

export type RequestCommand = keyof typeof RESPONSE_TO;
export type ResponseCommand = (typeof RESPONSE_TO)[RequestCommand];
export type SipRequest = SipMessageByCommand<RequestCommand>;
export type SipResponse = SipMessageByCommand<ResponseCommand>;
export type ResponseTo<R extends SipRequest> = SipMessageByCommand<(typeof RESPONSE_TO)[R['command']]>;

export const SPEC_BY_COMMAND: ReadonlyMap<string, MessageSpec> = new Map(
	Object.values(MESSAGES).map((spec) => [spec.command, spec as MessageSpec])
);
