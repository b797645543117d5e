/** The local status endpoint (/healthz, /status, /metrics) as the shell feeds it; agent/adapters/http-status.ts serves it over HTTP. */
export interface StatusRoutes {
  /** 200 while the agent's loop turns; 503 when it is stuck (the IOx monitor then restarts the app). */
  health(): { ok: boolean; body: Record<string, unknown> };
  status(): unknown;
  metrics(): string;
}

export interface StatusServer {
  readonly port: number;
  close(): Promise<void>;
}
