/** aedes in-process for the tests: the same embedded broker the demo runs. */
export { startEmbeddedBroker as startAedes, type EmbeddedBroker as AedesBroker } from '../../../lab/embedded-broker.js';
