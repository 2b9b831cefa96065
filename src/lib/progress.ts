function bar(fraction: number, width = 30): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%`;
}

/** Progress of a long CLI command on stderr: a bar redrawn in place on a terminal, one line per step otherwise. */
export function progressPrinter() {
  const tty = process.stderr.isTTY;
  let last = '';
  let lastTenth = -1;
  return (label: string, fraction: number, detail: string) => {
    const line = `${label.padEnd(34).slice(0, 34)} ${bar(fraction)} ${detail}`;
    // Off a terminal (a log file, CI) one line per tenth of the way is enough to see it move.
    const tenth = Math.floor(fraction * 10);
    if (tty) process.stderr.write(`\r${line}`);
    else if (fraction >= 1 || label !== last || tenth !== lastTenth) process.stderr.write(`${line}\n`);
    if (tty && fraction >= 1) process.stderr.write('\n');
    last = label;
    lastTenth = tenth;
  };
}
