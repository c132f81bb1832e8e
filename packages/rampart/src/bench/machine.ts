import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** One-minute load average when asked: above the core count, other work was competing for the CPU. */
  readonly load: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown CPU",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    load: Math.round(loadavg()[0]! * 100) / 100,
  };
}
