// A WAL sync that ends its thread (writer-thread.test.ts): the writer thread dying with a commit
// under way, as a native crash or a bug would end it.
export function walSync() {
  return {
    sync: () => process.exit(3),
    close: async () => undefined,
  };
}
