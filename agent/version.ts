/** The agent's version: published in the birth, shown by /status and `spokepilot --version` (package.json's). */
export const AGENT_VERSION = '0.1.0';
