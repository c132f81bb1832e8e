import type { CliIo, OutStream } from "./io.js";

export interface MemoryIoOptions {
  readonly stdin?: string | Uint8Array;
  readonly stdinIsTTY?: boolean;
  readonly stdoutIsTTY?: boolean;
  readonly env?: Record<string, string | undefined>;
}

export interface MemoryIo {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

/** Streams in memory, for running `main` in-process: tests, or a tool embedding the CLI. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const input = options.stdin ?? "";
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const out = collector(options.stdoutIsTTY ?? false);
  const err = collector(false);
  const stdin = {
    isTTY: options.stdinIsTTY ?? false,
    async *[Symbol.asyncIterator]() {
      if (bytes.length > 0) yield bytes;
    },
  };
  return {
    io: { stdin, stdout: out.stream, stderr: err.stream, env: options.env ?? {} },
    stdout: out.text,
    stderr: err.text,
  };
}

function collector(isTTY: boolean): { stream: OutStream; text(): string } {
  const parts: string[] = [];
  return {
    stream: {
      isTTY,
      write(chunk) {
        parts.push(chunk);
        return true;
      },
    },
    text: () => parts.join(""),
  };
}
