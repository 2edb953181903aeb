/** Entry point of `npm run koc`; the work is in koc-cli.ts, where the tests call it directly. */
import { runKocCli } from './koc-cli';

process.exitCode = runKocCli(process.argv.slice(2), process.env, {
	line: (text) => console.log(text),
	error: (text) => console.error(text)
});
