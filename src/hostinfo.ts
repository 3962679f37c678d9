// Facts about the machine that every cell shares (containers share the kernel and the CPU).
import os from 'node:os';
import type { HostInfo } from './model.js';

export function readHostInfo(): HostInfo {
  const cpus = os.cpus();
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: cpus.length,
    kernel: os.release(),
    arch: process.arch,
    os: `${os.type()} ${os.version()}`.trim(),
  };
}
