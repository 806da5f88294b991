// The little of Bun's API the Bun benchmark servers use, typed here (no @types/bun in this
// repository), and how every one of them starts: `bun <bundle>.js <port>` listens on 127.0.0.1
// and prints `listening <port>`; Bun's default SIGTERM handling stops it.

/** A `Request -> Response` handler, as `Bun.serve` takes it. */
export type FetchFunction = (request: Request) => Response | Promise<Response>;

interface BunApi {
    serve(options: {hostname: string; port: number; fetch: FetchFunction}): {port: number};
}

/** The port given on the command line (`0`: any free port). */
export function portArgument(): number {
    return Number(process.argv[2] ?? 0);
}

/** `Bun.serve({fetch})` on 127.0.0.1 and the port of the command line. */
export function serveOnBun(fetch: FetchFunction): void {
    const bun = (globalThis as unknown as {Bun?: BunApi}).Bun;
    if (bun === undefined) throw new Error('run this file with bun');
    const server = bun.serve({hostname: '127.0.0.1', port: portArgument(), fetch});
    console.log(`listening ${server.port}`);
}
