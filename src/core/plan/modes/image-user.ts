// The image's USER as the scratch users step needs it: `name`, `uid`, `name:group` or `uid:gid`.
// Names are checked here because they reach a helper as arguments and end up in /etc/passwd.

export type UserSpec = { ok: true; user: string; group: string | null } | { ok: false; problem: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;
const NUMBER = /^\d{1,10}$/;

function valid(part: string): boolean {
  return NAME.test(part) || NUMBER.test(part);
}

/** Parse USER; a problem names what is wrong with it. */
export function parseImageUser(value: string): UserSpec {
  const [user = '', group, ...rest] = value.split(':');
  if (rest.length > 0 || !valid(user) || (group !== undefined && !valid(group))) {
    return { ok: false, problem: `image.user "${value}" is not NAME, UID, NAME:GROUP or UID:GID (names: letters, digits, _ . -)` };
  }
  return { ok: true, user, group: group ?? null };
}
