/**
 * Searches log text for members' personal data. The e2e teardown runs it over every line the
 * servers logged during the whole suite, with the demo library's members; a finding names the
 * line and which field of which member matched, never the value itself (that would be a leak of
 * its own, into the test report).
 */

/** What the scan knows about one member: the fields of the demo library's seed. */
export interface Member {
	cardNumber: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	address: string;
}

export interface Finding {
	/** 1-based. */
	line: number;
	/** E.g. `member 1 email`, or `PIN (SIP2 AD field)`. */
	field: string;
}

interface Needle {
	field: string;
	pattern: RegExp;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A word or phrase on its own, case-sensitive: `Jan` must not match inside `Jansen`. Also right
 * after a SIP2 field id (`|AESanne Jansen`), where no boundary separates the id from the value.
 */
const word = (text: string): RegExp => new RegExp(`(?:(?<![\\p{L}\\p{N}])|(?<=\\|[A-Z][A-Z0-9]))${escape(text)}(?![\\p{L}\\p{N}])`, 'u');

/**
 * The patterns for a set of members and the PINs. A card number matches only as a whole (a masked
 * `**********0012` does not); a phone number also without its dash; an address also by its street
 * and number alone.
 */
export function personalDataNeedles(members: readonly Member[], pins: readonly string[]): Needle[] {
	const needles: Needle[] = [];
	members.forEach((member, index) => {
		const who = `member ${index + 1}`;
		needles.push({ field: `${who} card number`, pattern: new RegExp(`(?<!\\d)${escape(member.cardNumber)}(?!\\d)`) });
		needles.push({ field: `${who} first name`, pattern: word(member.firstName) });
		needles.push({ field: `${who} last name`, pattern: word(member.lastName) });
		needles.push({ field: `${who} e-mail`, pattern: new RegExp(escape(member.email), 'i') });
		needles.push({ field: `${who} phone`, pattern: new RegExp(`(?<!\\d)${escape(member.phone)}(?!\\d)`) });
		const digits = member.phone.replace(/\D/g, '');
		if (digits !== member.phone) needles.push({ field: `${who} phone`, pattern: new RegExp(`(?<!\\d)${digits}(?!\\d)`) });
		needles.push({ field: `${who} address`, pattern: new RegExp(escape(member.address), 'i') });
		const street = member.address.split(',')[0]!.trim();
		if (street !== member.address) needles.push({ field: `${who} address`, pattern: word(street) });
	});
	for (const pin of new Set(pins)) {
		// SIP2 patron password (AD) as sent at login, and a PIN in a JSON field of any case.
		needles.push({ field: 'PIN (SIP2 AD field)', pattern: new RegExp(`(?<![A-Za-z0-9])AD${escape(pin)}(?![0-9])`) });
		needles.push({ field: 'PIN (JSON "pin" field)', pattern: new RegExp(`"[^"]*pin[^"]*"\\s*:\\s*"?${escape(pin)}(?![0-9])`, 'i') });
	}
	return needles;
}

/** Every match in `text`, one finding per line and field. */
export function scanForPersonalData(text: string, members: readonly Member[], pins: readonly string[]): Finding[] {
	const needles = personalDataNeedles(members, pins);
	const findings: Finding[] = [];
	text.split('\n').forEach((content, index) => {
		const fields = new Set(needles.filter((needle) => needle.pattern.test(content)).map((needle) => needle.field));
		for (const field of fields) findings.push({ line: index + 1, field });
	});
	return findings;
}
