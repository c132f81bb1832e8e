import { WriteStream } from "node:tty";
import cliProgress from "cli-progress";

export interface OutStream {
  write(chunk: string): boolean;
  once?(event: "drain", listener: () => void): unknown;
  readonly isTTY?: boolean;
}

/** Where a command reads and writes; tests pass their own to run commands in-process. */
export interface CliIo {
  readonly stdin: AsyncIterable<Uint8Array | string> & { readonly isTTY?: boolean };
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Writes one line, waiting when the reader is slower than us so a large run never buffers all its output. */
export async function writeLine(stream: OutStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`) && stream.once !== undefined) {
    await new Promise<void>((resolve) => stream.once?.("drain", resolve));
  }
}

/** https://no-color.org: present and not empty means no colour, whatever the terminal. */
export function colourWanted(io: CliIo): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdout.isTTY === true && (noColor === undefined || noColor === "");
}

export interface Progress {
  increment(by: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { increment() {}, stop() {} };

/** A bar on stderr, only when stderr is a terminal: piped or captured output stays clean. */
export function progressBar(io: CliIo, total: number, unit: string): Progress {
  if (!(io.stderr instanceof WriteStream) || !io.stderr.isTTY) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `{bar} {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    increment: (by) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
