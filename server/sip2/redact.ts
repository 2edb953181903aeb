import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import { SPEC_BY_COMMAND } from './messages';

/**
 * What may appear in a log line about a SIP2 message. Passwords and PINs are replaced entirely;
 * card numbers keep their last 4 digits so an engineer can tell two sessions apart; names,
 * addresses, e-mail and phone numbers are replaced. Titles and item ids stay: they are not personal.
 */
const SECRET_FIELDS = new Set(['AC', 'AD', 'CO']);
const PERSONAL_FIELDS = new Set(['AE', 'BD', 'BE', 'BF', 'DA', 'PB', 'CY']);
// ZF: the demo library's family-access extension, card numbers of family members.
const CARD_FIELDS = new Set(['AA', 'ZF']);

/** Redacts one message's text (as sent or received, terminator stripped) for logging. */
export function redactSipText(text: string): string {
	const spec = SPEC_BY_COMMAND.get(text.slice(0, 2));
	// A message we cannot lay out could carry anything: log only its command id and length.
	if (!spec) return `${text.slice(0, 2)}[${text.length} characters not shown]`;
	const fixedLength = 2 + spec.fixed.reduce((sum, [, codec]) => sum + codec.length, 0);
	const variable = ('|' + text.slice(fixedLength)).replace(/\|([A-Z][A-Z0-9])([^|]*)/g, (whole, id: string, value: string) => {
		if (SECRET_FIELDS.has(id)) return `|${id}${value.length > 0 ? '****' : ''}`;
		if (PERSONAL_FIELDS.has(id)) return `|${id}${value.length > 0 ? '[redacted]' : ''}`;
		if (CARD_FIELDS.has(id)) return `|${id}${maskCardNumber(value)}`;
		return whole;
	});
	return text.slice(0, fixedLength) + variable.slice(1);
}
