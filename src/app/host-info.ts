// Facts about the machine that every cell shares (containers share the kernel and the CPU).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { HostInfo } from '../results/model.js';

export function readHostInfo(): HostInfo {
  const cpus = os.cpus();
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: cpus.length,
    kernel: os.release(),
    arch: process.arch,
    os: osName(),
  };
}

/** The distribution's name (PRETTY_NAME), falling back to the kernel's type and release. */
function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
    if (pretty) return pretty;
  } catch {
    // Not Linux, or no os-release: the kernel's own name will do.
  }
  return `${os.type()} ${os.release()}`;
}
