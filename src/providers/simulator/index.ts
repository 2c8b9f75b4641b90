export { createSimulatorProvider, type SimulatorDeps, type SimulatorProvider } from './simulator.js';
export { DEFAULT_SIMULATOR_CONFIG, parseSimulatorConfig, SimulatorConfigError, type SimulatorConfig } from './config.js';
export { seededRandom } from './random.js';
