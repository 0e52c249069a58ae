// Builds the command-line companion (`adesk`) and puts it where Tauri's `externalBin` looks
// for it (src-tauri/binaries/adesk-<target triple>), so that the installers ship it beside
// the app. Run by tauri.installers.conf.json's beforeBuildCommand; plain Node, so it works
// on Windows, macOS and Linux alike.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The Tauri CLI tells its before-build command whether this is a debug build.
const debug = process.env.TAURI_ENV_DEBUG === 'true';
const profile = debug ? 'debug' : 'release';

execFileSync('cargo', ['build', '-p', 'agent-desk-cli', '--bin', 'adesk', ...(debug ? [] : ['--release'])], {
  cwd: root,
  stdio: 'inherit',
});

const host = execFileSync('rustc', ['-vV'], { encoding: 'utf8' }).match(/^host: (.+)$/m)?.[1];
if (!host) throw new Error('rustc -vV named no host target triple');
const exe = process.platform === 'win32' ? '.exe' : '';
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const built = join(targetDir, profile, `adesk${exe}`);
const staged = join(root, 'src-tauri', 'binaries', `adesk-${host}${exe}`);
mkdirSync(dirname(staged), { recursive: true });
copyFileSync(built, staged);
console.log(`staged ${built} as ${staged}`);
