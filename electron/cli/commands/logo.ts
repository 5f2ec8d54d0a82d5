// `clientele logo ...`: the shop logo from the command line. The file goes through the core's file
// channel as a path (checked and read by the core), then the same methods as the app's Settings.
import type { Logo } from '../../../shared/api/logo.ts';
import { checkOut, saveDownload, stagePath } from '../files.ts';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';

/** What the CLI says about a logo (its download id means nothing outside this process). */
function facts(logo: Logo) {
  return { name: logo.name, type: logo.type, size: logo.size, width: logo.width, height: logo.height, sha256: logo.sha256 };
}

function summary(logo: Logo): string {
  return `${logo.type === 'image/png' ? 'PNG' : 'JPEG'} ${logo.width}×${logo.height}, ${logo.size} bytes, sha256 ${logo.sha256}`;
}

/** `logo get [--out FILE [--force]]`: the logo's facts, and its bytes into FILE. */
async function get(ctx: CliContext): Promise<number> {
  const out = ctx.options.out === undefined ? null : checkOut(ctx.options.out, ctx.options.force ?? false);
  const { logo } = await call(ctx, 'logo.get', {});
  if (!logo) {
    if (out) throw new CliError('NOT_FOUND', 'the shop has no logo; nothing written');
    print(ctx, { logo: null }, 'the shop has no logo');
    return 0;
  }
  if (out) await saveDownload(ctx, logo, out, ctx.options.force ?? false);
  print(ctx, { logo: facts(logo), ...(out ? { file: out } : {}) }, out ? `wrote the logo (${summary(logo)}) to ${out}` : `logo: ${summary(logo)}`);
  return 0;
}

/** `logo set FILE`: a PNG or JPEG becomes the shop's logo (those who manage settings: the owner). */
async function set(ctx: CliContext): Promise<number> {
  const path = ctx.args[0];
  if (!path) throw new CliError('VALIDATION', 'logo set needs the image: clientele logo set FILE (a PNG or JPEG up to 2 MB)');
  const upload = await stagePath(ctx, 'logo', path);
  const { logo } = await call(ctx, 'logo.set', { file: { upload: upload.upload } });
  print(ctx, { logo: facts(logo) }, `the shop's logo is now ${upload.name} (${summary(logo)})`);
  return 0;
}

async function remove(ctx: CliContext): Promise<number> {
  const { removed } = await call(ctx, 'logo.remove', {});
  print(ctx, { removed }, removed ? 'removed the shop logo' : 'the shop had no logo');
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { get, set, remove };

export async function logo(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `logo needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
