export { EMPTY_ROOT, equalHashes, HASH_LENGTH, leafHash, nodeHash } from "./hash.js";
export { MemoryTree } from "./memory-tree.js";
export {
  appendNodes,
  consistencyPlan,
  inclusionPlan,
  type NodeKey,
  nodeKeyId,
  type PlanElement,
  type ProofPlan,
  planKeys,
  resolvePlan,
  rootOf,
  rootPlan,
  type TreeNode,
} from "./plan.js";
export {
  type ConsistencyProof,
  type InclusionProof,
  type ProofCheck,
  type RootResult,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from "./verify.js";
