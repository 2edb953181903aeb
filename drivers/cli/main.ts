import { runDevicesCli, USAGE, UsageError } from './devices-cli';

try {
	process.exitCode = await runDevicesCli(process.argv.slice(2), { line: (text) => console.log(text) });
} catch (error) {
	if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(`${error.message}\n${USAGE}`);
		process.exitCode = 2;
	} else {
		console.error(error instanceof Error ? error.message : String(error));
		process.exitCode = 1;
	}
}
