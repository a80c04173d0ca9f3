// `npm run sync-server`: a CouchDB-compatible server to try sync with, on this machine.
//
// The CouchDB protocol is served by express-pouchdb (the server half of pouchdb-server). Its own
// access control is not usable: pouchdb-server 4.2 serves a database to anonymous requests
// whatever its `_security` says, and an anonymous `PUT /db` once an admin exists kills the
// process. So one user and password (SYNC_USER, SYNC_PASSWORD) gate every request here, by
// Basic auth or by the session cookie `POST /_session` gives, as CouchDB does.
//
//   PORT           the port (default 5984)
//   SYNC_USER      the user (default "attache")
//   SYNC_PASSWORD  the password (default: a random one, printed at start)
//   SYNC_DIR       keep the databases in this folder (default: in memory, gone on exit)
//   SYNC_ORIGINS   the web app origins allowed by CORS, comma-separated (default: any
//                  http://localhost or http://127.0.0.1 port, and the desktop app's app://attache)
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const express = require('express')
/** @type {(pouch: unknown, options: object) => import('express').RequestHandler} */
const expressPouchDB = require('express-pouchdb')
/** @type {import('pouchdb-core').Static} */
const PouchDB = require('pouchdb-core')

const port = Number(process.env.PORT ?? 5984)
const user = process.env.SYNC_USER || 'attache'
const password = process.env.SYNC_PASSWORD || randomBytes(12).toString('base64url')
const dir = process.env.SYNC_DIR
const origins = (process.env.SYNC_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean)

let Pouch
if (dir) {
  mkdirSync(dir, { recursive: true })
  Pouch = PouchDB.plugin(require('pouchdb-adapter-leveldb')).defaults({
    prefix: path.resolve(dir) + path.sep,
  })
} else {
  Pouch = PouchDB.plugin(require('pouchdb-adapter-memory')).defaults({ adapter: 'memory' })
}
Pouch.plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication'))

const secret = randomBytes(32)
const COOKIE = 'AuthSession'
const SESSION_MS = 10 * 60 * 60 * 1000

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => {
  const x = Buffer.from(String(a))
  const y = Buffer.from(String(b))
  return x.length === y.length && timingSafeEqual(x, y)
}
/** @param {string} value */
const sign = (value) => createHmac('sha256', secret).update(value).digest('base64url')

function sessionCookie() {
  const value = `${Buffer.from(user).toString('base64url')}.${Date.now() + SESSION_MS}`
  return `${value}.${sign(value)}`
}

/** @param {string | undefined} cookie */
function validSession(cookie) {
  const [name, expires, mac] = String(cookie ?? '').split('.')
  if (!name || !expires || !mac) return false
  if (!same(mac, sign(`${name}.${expires}`))) return false
  return Number(expires) > Date.now() && Buffer.from(name, 'base64url').toString() === user
}

/** @param {import('express').Request} req */
function cookieOf(req) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return v.join('=')
  }
  return undefined
}

/** @param {import('express').Request} req */
function basicUser(req) {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
  if (!m) return null
  const text = Buffer.from(m[1] ?? '', 'base64').toString()
  const at = text.indexOf(':')
  return at < 0 ? null : { name: text.slice(0, at), password: text.slice(at + 1) }
}

/** @param {string} origin */
const allowedOrigin = (origin) =>
  origins.length
    ? origins.includes(origin)
    : /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin) || origin === 'app://attache'

const app = express()

app.use((req, res, next) => {
  const origin = req.headers.origin
  if (origin && allowedOrigin(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Access-Control-Allow-Credentials', 'true')
    res.setHeader('Vary', 'Origin')
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, COPY')
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept',
      )
      res.setHeader('Access-Control-Max-Age', '600')
      return res.status(204).end()
    }
  }
  next()
})

/** @param {import('express').Response} res */
const unauthorized = (res) =>
  res.status(401).json({ error: 'unauthorized', reason: 'Name or password is incorrect.' })

app.post('/_session', express.json(), express.urlencoded({ extended: false }), (req, res) => {
  const given = req.body ?? {}
  if (!same(given.name ?? '', user) || !same(given.password ?? '', password))
    return unauthorized(res)
  res.setHeader(
    'Set-Cookie',
    `${COOKIE}=${sessionCookie()}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MS / 1000}`,
  )
  res.json({ ok: true, name: user, roles: [] })
})

app.delete('/_session', (_req, res) => {
  res.setHeader('Set-Cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`)
  res.json({ ok: true })
})

app.use((req, res, next) => {
  const basic = basicUser(req)
  if (basic) {
    return same(basic.name, user) && same(basic.password, password) ? next() : unauthorized(res)
  }
  if (validSession(cookieOf(req))) return next()
  if (req.method === 'GET' && req.path === '/_session')
    return res.json({ ok: true, userCtx: { name: null, roles: [] } })
  unauthorized(res)
})

app.get('/_session', (_req, res) => res.json({ ok: true, userCtx: { name: user, roles: [] } }))

app.use(expressPouchDB(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }))

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`sync server: http://127.0.0.1:${port}/ (CouchDB protocol, express-pouchdb)`)
  console.log(`user: ${user}`)
  console.log(process.env.SYNC_PASSWORD ? 'password: from SYNC_PASSWORD' : `password: ${password}`)
  console.log(dir ? `databases kept in ${path.resolve(dir)}` : 'databases in memory: gone on exit')
})
server.on('error', (error) => {
  console.error(`sync server: ${error.message}`)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)))
// Started by a test or a bench with a channel to it: it ends with them, even when they die
// hard (a SIGKILL, running out of memory), instead of serving on with nobody to stop it.
if (process.connected) process.on('disconnect', () => process.exit(0))
