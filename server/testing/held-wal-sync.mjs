// A WAL sync the test decides (writer-thread.test.ts): loaded in the writer thread in place of
// wal-sync.mjs, it reports each call on a BroadcastChannel and waits for the test to release or fail
// it – so a test can see what is answered before the disk has said "done", and what is not.
export function walSync() {
  const channel = new BroadcastChannel('held-wal-sync');
  const waiting = new Map();
  let calls = 0;
  channel.onmessage = ({ data }) => {
    const held = waiting.get(data.call);
    if (!held) return;
    waiting.delete(data.call);
    if (data.fail) held.reject(Object.assign(new Error(data.fail), { code: 'EIO' }));
    else held.resolve();
  };
  return {
    sync() {
      const call = calls++;
      return new Promise((resolve, reject) => {
        waiting.set(call, { resolve, reject });
        channel.postMessage({ called: call });
      });
    },
    async close() {
      channel.close();
    },
  };
}
