/** Entry point of `npm run admin`; the work is in admin-cli.ts, where the tests call it directly. */
import { runAdminCli } from './admin-cli';

const argv = process.argv.slice(2);
const interactive = process.stdin.isTTY === true && !argv.includes('--password-stdin');

/** Reads a password on the terminal without showing it. Ctrl-C or Ctrl-D gives up. */
function promptHidden(prompt: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const input = process.stdin;
		process.stderr.write(prompt);
		input.setRawMode(true);
		input.resume();
		input.setEncoding('utf8');
		let typed = '';
		const done = (error: Error | null) => {
			input.setRawMode(false);
			input.pause();
			input.off('data', onData);
			process.stderr.write('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return done(null);
				if (char === '\u0003' || char === '\u0004') return done(new Error('cancelled; nothing changed'));
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else typed += char;
			}
		};
		input.on('data', onData);
	});
}

let stdinLines: Promise<string[]> | null = null;
/** The next line of standard input (a pipe or a file); the whole input is read once. */
async function nextStdinLine(): Promise<string> {
	stdinLines ??= (async () => {
		let text = '';
		process.stdin.setEncoding('utf8');
		for await (const chunk of process.stdin) text += chunk;
		return text.split(/\r?\n/);
	})();
	const lines = await stdinLines;
	if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) throw new Error('no password on standard input; nothing changed');
	return lines.shift()!;
}

process.exitCode = await runAdminCli(argv, process.env, {
	line: (text) => console.log(text),
	error: (text) => console.error(text),
	readPassword: interactive ? promptHidden : nextStdinLine,
	interactive
});
