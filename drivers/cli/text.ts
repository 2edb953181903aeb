/** Text helpers shared by the CLI commands. */

/**
 * Tag memory and terminal texts are whatever a device sent: control characters are shown as `\xNN`,
 * so a damaged tag cannot clear or recolour the technician's terminal.
 */
export function printable(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\x${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
