// The baseline Lambda: does nothing, so its cold start is node's and the runtime client's own.
/** The function's entry point: `handler.handler`. */
export const handler = async (): Promise<{statusCode: number; body: string}> => ({statusCode: 200, body: '{}'});
