// npm's preinstall step: the system packages native modules need to build from source.
// keytar (the OS keychain) links against libsecret on Linux; where its prebuilt binary cannot be
// downloaded it is compiled, which fails deep inside node-gyp without libsecret-1-dev and a C++
// toolchain. On Debian and Ubuntu this installs what is missing when run as root, and otherwise
// names the one command to run. Plain Node and no dependencies: nothing is installed yet.
import { spawnSync } from 'node:child_process'

const NEEDED = ['libsecret-1-dev', 'python3', 'make', 'g++']

function isInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes('ok installed')
}

function hasDpkg() {
  return spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0
}

function main() {
  if (process.platform !== 'linux' || process.env.MAILROOM_SKIP_SYSTEM_CHECK === '1') return 0
  if (!hasDpkg()) {
    console.log('mailroom: building keytar needs libsecret (its -dev package) and a C++ toolchain.')
    return 0
  }
  const missing = NEEDED.filter((p) => !isInstalled(p))
  if (missing.length === 0) return 0
  const command = `apt-get install -y ${missing.join(' ')}`
  if (process.getuid?.() !== 0) {
    // Not fatal: where keytar's prebuilt binary downloads, nothing needs building.
    console.log(
      `mailroom: missing system packages ${missing.join(', ')}; if the install fails, run: sudo ${command}`,
    )
    return 0
  }
  console.log(`mailroom: installing the system packages keytar needs to build: ${missing.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    }).status === 0
  if (!install) {
    console.error(`mailroom: could not install ${missing.join(', ')}; run: ${command}`)
    return 1
  }
  return 0
}

process.exit(main())
