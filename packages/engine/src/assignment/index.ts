export type {
  Candidate,
  CandidateTrace,
  CandidateVerdict,
  MemberStatus,
  StrategyState,
  StrategyResult,
  AssignmentTrace,
} from './types';
export { roundRobin } from './round-robin';
export { leastLoaded } from './least-loaded';
export { decideOwner, stateKey } from './decide';
export type { AssignConfig, AssignDeps, DirectoryUser, Decision } from './decide';
