import { z } from 'zod'

// Zod probes `new Function('')` to compile faster parsers; the app's CSP forbids eval (and
// reports the probe as a violation), so it parses without compiling.
z.config({ jitless: true })
