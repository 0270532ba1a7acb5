// The command line (built to dist/main/cli.js; bin/kolo-explorer.js imports it).
import {runCli} from './cli/run'

process.exitCode = await runCli(process.argv.slice(2))
