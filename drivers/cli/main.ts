import { runDevicesCli, USAGE, UsageError } from './devices-cli';

// The first Ctrl-C is a request, not a kill: a payment must be aborted at the terminal and ports closed.
// A later one quits at once, for a device that does not let go. One Ctrl-C can reach us twice (from
// the terminal and relayed by tsx), so a repeat within a second counts as the same one.
const interrupt = new AbortController();
let firstInterruptAt = 0;
process.on('SIGINT', () => {
	if (!interrupt.signal.aborted) {
		firstInterruptAt = Date.now();
		interrupt.abort();
	} else if (Date.now() - firstInterruptAt > 1_000) {
		console.error('interrupted again: quitting without waiting for the device');
		process.exit(130);
	}
});

try {
	process.exitCode = await runDevicesCli(process.argv.slice(2), { line: (text) => console.log(text) }, interrupt.signal);
} catch (error) {
	if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(`${error.message}\n${USAGE}`);
		process.exitCode = 2;
	} else {
		console.error(error instanceof Error ? error.message : String(error));
		process.exitCode = 1;
	}
}
