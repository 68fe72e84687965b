/**
 * Generates codes into an in-memory array in a fresh process and prints one JSON line with the
 * timing and memory: how the peer libraries work (they return every code at once), so each
 * generator, ours included, is measured alone on equal terms.
 *
 *   node --expose-gc --import tsx bench/workers/in-memory-codes.ts <generator> <count> <length>
 */
import { generate as referralGenerate } from 'referral-codes';
import voucherCodes from 'voucher-code-generator';
import { ALPHANUMERIC, createUniqueCodeGenerator } from '../../src-shared/codes';
import { collectGarbage, MB, peakRssMB } from '../measure';

export const generators: Record<string, (count: number, length: number) => string[]> = {
  counterfoil: (count, length) =>
    createUniqueCodeGenerator({ length, charset: 'ALPHANUMERIC', expected: count }).next(count),
  'voucher-code-generator': (count, length) =>
    voucherCodes.generate({ count, length, charset: ALPHANUMERIC }),
  'referral-codes': (count, length) => referralGenerate({ count, length, charset: ALPHANUMERIC }),
};

function heapMB(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / MB;
}

const [name = '', countText = '', lengthText = '10'] = process.argv.slice(2);
const make = generators[name];
if (make === undefined)
  throw new Error(`unknown generator "${name}"; one of ${Object.keys(generators).join(', ')}`);
const count = Number(countText);
const length = Number(lengthText);

collectGarbage();
const baseHeap = heapMB();
const baseRss = peakRssMB();
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const codes = make(count, length);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakMB = peakRssMB();
collectGarbage();
const retainedMB = heapMB() - baseHeap;
const distinct = new Set(codes).size;
process.stdout.write(
  `${JSON.stringify({
    name,
    count: codes.length,
    distinct,
    seconds,
    perSecond: codes.length / seconds,
    cpuSeconds,
    perCpuSecond: codes.length / cpuSeconds,
    peakRssMB: peakMB,
    peakGrowthMB: peakMB - baseRss,
    retainedMB,
  })}\n`,
);
