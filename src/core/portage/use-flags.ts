// USE flag names (PMS 3.1.4) and USE_EXPAND variables: `python_targets_python3_12` is the flag
// form of `PYTHON_TARGETS="python3_12"`.

/** Why a USE flag name is invalid, pointing at the first bad character. */
export interface UseFlagProblem {
  message: string;
  offset: number;
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isFlagChar = (c: number): boolean => isAlnum(c) || c === 43 || c === 95 || c === 64 || c === 45; // + _ @ -

/** Checks a USE flag name (`[A-Za-z0-9][A-Za-z0-9+_@-]*`); null when valid. */
export function checkUseFlagName(name: string): UseFlagProblem | null {
  if (name.length === 0) return { message: 'the USE flag name is empty', offset: 0 };
  if (!isAlnum(name.charCodeAt(0))) {
    const hint = name[0] === '-' || name[0] === '+' ? ` (the '${name[0]}' prefix belongs to the entry, not the name)` : '';
    return { message: `a USE flag must start with a letter or digit, not '${name[0]}'${hint}`, offset: 0 };
  }
  for (let i = 1; i < name.length; i++) {
    if (!isFlagChar(name.charCodeAt(i))) {
      const ch = name[i] === ' ' ? 'a space' : `'${name[i]}'`;
      return { message: `${ch} is not allowed in a USE flag name (letters, digits, + _ @ -)`, offset: i };
    }
  }
  return null;
}

/** True when the text is a valid USE flag name. */
export function isValidUseFlagName(name: string): boolean {
  return checkUseFlagName(name) === null;
}

/**
 * USE_EXPAND variables of the Gentoo repository's profiles (profiles/base/make.defaults and the
 * arch profiles), as of 2025. A user's profile may add more: pass them as `extra` where accepted.
 */
const KNOWN_USE_EXPAND: readonly string[] = [
  'ABI_MIPS', 'ABI_RISCV', 'ABI_S390', 'ABI_X86', 'ADA_TARGET', 'ALSA_CARDS', 'AMDGPU_TARGETS', 'APACHE2_MODULES',
  'APACHE2_MPMS', 'CALLIGRA_FEATURES', 'CAMERAS', 'COLLECTD_PLUGINS', 'CPU_FLAGS_ARM', 'CPU_FLAGS_PPC',
  'CPU_FLAGS_X86', 'CURL_QUIC', 'CURL_SSL', 'ELIBC', 'FFTOOLS', 'GPSD_PROTOCOLS', 'GRUB_PLATFORMS', 'GUILE_TARGETS',
  'INPUT_DEVICES', 'KERNEL', 'L10N', 'LCD_DEVICES', 'LIBREOFFICE_EXTENSIONS', 'LINGUAS', 'LIRC_DEVICES', 'LLVM_SLOT',
  'LLVM_TARGETS', 'LUA_SINGLE_TARGET', 'LUA_TARGETS', 'MONKEYD_PLUGINS', 'NETBEANS_MODULES', 'NGINX_MODULES_HTTP',
  'NGINX_MODULES_MAIL', 'NGINX_MODULES_STREAM', 'NGINX_MODULES_EXTERNAL', 'OFED_DRIVERS', 'OFFICE_IMPLEMENTATION',
  'OPENMPI_FABRICS', 'OPENMPI_OFED_FEATURES', 'OPENMPI_RM', 'PERL_FEATURES', 'PHP_TARGETS', 'POSTGRES_TARGETS',
  'PYTHON_SINGLE_TARGET', 'PYTHON_TARGETS', 'QEMU_SOFTMMU_TARGETS', 'QEMU_USER_TARGETS', 'ROS_MESSAGES',
  'RUBY_TARGETS', 'SANE_BACKENDS', 'USERLAND', 'UWSGI_PLUGINS', 'VIDEO_CARDS', 'VOICEMAIL_STORAGE', 'XTABLES_ADDONS',
];

/** Variables expanded without a prefix (USE_EXPAND_UNPREFIXED): `ARCH="amd64"` gives the flag `amd64`. */
const UNPREFIXED_USE_EXPAND: readonly string[] = ['ARCH'];

/** Joins a USE_EXPAND variable and value into the flag name (`L10N`, `en-GB` → `l10n_en-GB`). */
export function joinUseExpandFlag(variable: string, value: string): string {
  return UNPREFIXED_USE_EXPAND.includes(variable) ? value : `${variable.toLowerCase()}_${value}`;
}

/** True when the name is a USE_EXPAND variable (known, or listed in `extra`). */
export function isUseExpandVariable(name: string, extra: readonly string[] = []): boolean {
  return KNOWN_USE_EXPAND.includes(name) || UNPREFIXED_USE_EXPAND.includes(name) || extra.includes(name);
}
