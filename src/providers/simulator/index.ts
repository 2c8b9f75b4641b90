export { createSimulatorProvider, type SimulatorDeps, type SimulatorProvider } from './simulator.js';
export { DEFAULT_SIMULATOR_CONFIG, parseSimulatorConfig, SIMULATOR_OUTCOMES, SimulatorConfigError, type SimulatorConfig, type SimulatorOutcome } from './config.js';
export { seededRandom } from './random.js';
