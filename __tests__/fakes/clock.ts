// A typed fake of the Clock port: starts at a fixed instant and moves one second per reading.
import type { Clock } from '../../src/app/ports.js';

export class FakeClock implements Clock {
  private ms: number;

  constructor(start = '2025-01-02T03:04:05.000Z') {
    this.ms = Date.parse(start);
  }

  now(): Date {
    const date = new Date(this.ms);
    this.ms += 1000;
    return date;
  }
}
