// `npm run cli -- <command>`: the app's parsers and use cases without a UI (issue 9).
import { runCli } from './run-cli'

process.exitCode = await runCli(process.argv.slice(2))
