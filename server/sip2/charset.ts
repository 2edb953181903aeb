import iconv from 'iconv-lite';

/**
 * The spec says code page 850; sites run UTF-8, ISO-8859-1 or IBM850. Configured per ACS.
 * iconv-lite is used because Node's TextDecoder has no IBM850.
 */
export const SIP_CHARSETS = ['utf-8', 'iso-8859-1', 'ibm850'] as const;
export type SipCharset = (typeof SIP_CHARSETS)[number];

const ICONV_NAMES: Record<SipCharset, string> = { 'utf-8': 'utf8', 'iso-8859-1': 'latin1', ibm850: 'cp850' };

export function isSipCharset(value: string): value is SipCharset {
	return (SIP_CHARSETS as readonly string[]).includes(value);
}

export function encodeText(text: string, charset: SipCharset): Buffer {
	return iconv.encode(text, ICONV_NAMES[charset]);
}

export function decodeText(bytes: Uint8Array, charset: SipCharset): string {
	return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAMES[charset]);
}
