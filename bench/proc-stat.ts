// Readings from Linux's /proc, for the benchmark's own view of the machine. Both are in clock
// ticks of 1/100 s (USER_HZ, 100 on Linux), so they are good to 10 ms; elsewhere they are undefined.
import { readFileSync } from 'node:fs';

/** CPU time (user + system, all threads) a process has used, in ms. */
export function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * CPU time the hypervisor gave to other guests while this VM had work to run ("steal"), summed over
 * all cores, in ms. Every process on the machine stalls meanwhile, the server and the load
 * generator alike, so a tail that comes with steal is the machine's, not the code's.
 */
export function stolenMs(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal …
    return cpu[0] === 'cpu' && cpu[8] !== undefined ? Number(cpu[8]) * 10 : undefined;
  } catch {
    return undefined;
  }
}
