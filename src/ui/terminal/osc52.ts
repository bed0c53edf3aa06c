// Copy to the clipboard with OSC 52: the terminal the user sits at sets its clipboard, which also
// works over SSH. tmux and GNU screen swallow escape sequences unless they are wrapped to pass through.

/** Most terminals ignore (or cut) OSC 52 payloads beyond about 100 kB. */
export const OSC52_MAX_BASE64 = 100_000;

export type Multiplexer = 'tmux' | 'screen' | 'none';

/** Which multiplexer sits between us and the terminal, from the environment it sets. */
function detectMultiplexer(env: Readonly<Record<string, string | undefined>>): Multiplexer {
  if (env.TMUX) return 'tmux';
  if (env.STY || /^screen/.test(env.TERM ?? '')) return 'screen';
  return 'none';
}

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

/** GNU screen limits a DCS string's length: pass the sequence through in small pieces. */
const SCREEN_CHUNK = 76;

/** The bytes that set the clipboard to `text`, wrapped for the multiplexer if there is one. */
function osc52Sequence(text: string, multiplexer: Multiplexer): string {
  const seq = `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
  if (multiplexer === 'tmux') {
    // tmux passes a DCS "tmux;" payload to the outer terminal with every ESC doubled
    // (tmux 3.3+ needs `set -g allow-passthrough on`).
    return `${ESC}Ptmux;${seq.replaceAll(ESC, ESC + ESC)}${ST}`;
  }
  if (multiplexer === 'screen') {
    let out = '';
    for (let i = 0; i < seq.length; i += SCREEN_CHUNK) out += `${ESC}P${seq.slice(i, i + SCREEN_CHUNK)}${ST}`;
    return out;
  }
  return seq;
}

export type CopyResult =
  | { ok: true; bytes: number; multiplexer: Multiplexer }
  | { ok: false; reason: string };

/** Write the clipboard sequence for `text` to the terminal. */
export function copyToClipboard(
  text: string,
  out: { write(data: string): unknown },
  env: Readonly<Record<string, string | undefined>> = process.env,
): CopyResult {
  const size = Math.ceil(Buffer.byteLength(text, 'utf8') / 3) * 4;
  if (size > OSC52_MAX_BASE64) return { ok: false, reason: `too long for the terminal clipboard (${size} bytes encoded, at most ${OSC52_MAX_BASE64})` };
  const multiplexer = detectMultiplexer(env);
  out.write(osc52Sequence(text, multiplexer));
  return { ok: true, bytes: Buffer.byteLength(text, 'utf8'), multiplexer };
}

/**
 * The notice after the sequence went out. The terminal never answers OSC 52, and tmux drops it unless
 * passthrough is on, so say what was sent and how to make it arrive: never that it was copied.
 */
export function copySentNotice(what: string, multiplexer: Multiplexer): string {
  if (multiplexer === 'tmux') return `Sent ${what} as OSC 52 through tmux; if nothing arrived, enable it: tmux set -g allow-passthrough on (and set-clipboard on)`;
  if (multiplexer === 'screen') return `Sent ${what} as OSC 52 through screen; if nothing arrived, the terminal outside screen does not accept clipboard writes`;
  return `Sent ${what} as OSC 52 to the terminal; if nothing arrived, the terminal does not accept clipboard writes (see its clipboard setting)`;
}
