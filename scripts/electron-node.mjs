// Which Node `npm start` needs. Electron's own runtime runs the app, but its npm package
// (the installer that fetches the binary, and electron-vite's launcher) declares the Node it
// needs in `engines`; the web host and the tests run on Node 20.
import semver from 'semver'

/**
 * A sentence explaining that this Node is too old for `npm start`, or null when it will do.
 * @param {string} nodeVersion e.g. process.version
 * @param {string} required Electron's `engines.node`, e.g. ">= 22.12.0"
 * @returns {string | null}
 */
export function nodeTooOldForElectron(nodeVersion, required) {
  if (semver.satisfies(nodeVersion, required)) return null
  return (
    `Attaché: \`npm start\` runs Electron, whose installer needs Node ${required}; this is Node ${nodeVersion}.\n` +
    'Install a newer Node (for example with nvm: nvm install 22) and run `npm start` again.\n' +
    'On this Node you can run the same app in a browser, and every test: npm run web, npm test'
  )
}
