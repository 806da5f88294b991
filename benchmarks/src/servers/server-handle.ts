import {fileURLToPath} from 'node:url';

/** A benchmark server, started on 127.0.0.1. */
export interface BenchServer {
    port: number;
    close(): Promise<void>;
}

/** Starts a benchmark server. */
export type StartServer = (port: number) => Promise<BenchServer>;

/** When the module is run as a script (`node server.ts [port]`): start it and print `listening <port>`. */
export async function runIfMain(moduleUrl: string, start: StartServer): Promise<void> {
    if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
    const server = await start(Number(process.argv[2] ?? 0));
    console.log(`listening ${server.port}`);
    const stop = (): void => void server.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}
