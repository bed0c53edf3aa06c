// Classification of engine failures into errors with advice.
import { describe, expect, it } from 'vitest';
import { toEngineError } from '../../../src/engine/docker/errors.js';

const errno = (code: string) => Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
const http = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) x - ${message} `), { statusCode, json: { message } });

describe('toEngineError', () => {
  it.each([
    [errno('ENOENT'), 'unix:///var/run/docker.sock', 'no-engine', /no engine answers at unix:\/\/\/var\/run\/docker.sock \(no socket there\)/, /rc-service docker start.*systemctl --user enable --now podman.socket/],
    [errno('ECONNREFUSED'), 'tcp://h:2376', 'no-engine', /connection refused/, /address and port/],
    [errno('EACCES'), 'unix:///var/run/docker.sock', 'permission-denied', /permission denied on unix:\/\/\/var\/run\/docker.sock/, /usermod -aG docker.*root-equivalent/],
    [errno('EACCES'), 'unix:///run/user/1000/podman/podman.sock', 'permission-denied', /permission denied/, /owner and mode/],
    [errno('ENOSPC'), undefined, 'disk-full', /disk is full/, /partial file was removed/],
    [Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }), undefined, 'aborted', /cancelled/, /nothing was left half-written/],
    [http(409, 'volume is in use'), undefined, 'conflict', /volume is in use/, /in use or already exists/],
    [http(400, 'invalid reference format'), undefined, 'bad-request', /refused the request \(invalid reference format\)/, /check the values/],
    [http(500, 'write /var/lib/docker/x: no space left on device'), undefined, 'disk-full', /engine's disk is full/, /docker system df/],
  ])('%#: %s', (err, host, kind, message, hint) => {
    const e = toEngineError(err, { action: 'do it', host });
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(hint);
    expect(e.cause).toBe(err);
  });

  it('names what was missing on 404', () => {
    const e = toEngineError(http(404, 'No such image: gentoo/stage3:nope'), { action: 'inspect image gentoo/stage3:nope', notFound: 'image', subject: 'gentoo/stage3:nope' });
    expect(e).toMatchObject({ kind: 'image-not-found', message: 'inspect image gentoo/stage3:nope: no image gentoo/stage3:nope (No such image: gentoo/stage3:nope)' });
    expect(e.hint).toMatch(/gentoo-wb images/);
  });
});
