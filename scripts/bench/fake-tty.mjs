// A fake 80x24 terminal for benchmarks that render Ink screens: stdout counts what it is sent and
// keeps the last frame; stdin takes keys with `send`.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  bytes = 0;
  frames = 0;
  last = '';
  write = (chunk) => {
    this.bytes += chunk.length;
    this.frames++;
    this.last = chunk;
    this.emit('frame');
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  queue = [];
  setRawMode() { return this; }
  setEncoding() { return this; }
  ref() { return this; }
  unref() { return this; }
  resume() { return this; }
  pause() { return this; }
  read = () => this.queue.shift() ?? null;
  send(data) {
    this.queue.push(data);
    this.emit('readable');
  }
}
